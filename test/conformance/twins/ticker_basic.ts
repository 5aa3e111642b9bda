// Twin of test/conformance/go/ticker_basic: NewTicker(10ms) ticks at 10, 20, 30ms.
import { time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const k = time.newTicker(10 * time.Millisecond);
  for (let i = 0; i < 3; i++) {
    const v = await k.c.recv();
    println("tick", i, "value", sub(v, start), "at", since(start));
  }
  k.stop();
  println("stopped at", since(start));
}
