// Twin of test/conformance/go/ticker_slow_reader: a slow reader gets the first missed tick, then the phase.
import { time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const k = time.newTicker(10 * time.Millisecond);
  await time.sleep(35 * time.Millisecond);
  for (let i = 0; i < 3; i++) {
    const v = await k.c.recv();
    println("read", i, "value", sub(v, start), "at", since(start));
  }
  await time.sleep(25 * time.Millisecond);
  let v = await k.c.recv();
  println("after another 25ms sleep: value", sub(v, start), "at", since(start));
  v = await k.c.recv();
  println("next value", sub(v, start), "at", since(start));
  k.stop();
}
