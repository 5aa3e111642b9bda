// Twin of test/conformance/go/tick_func: time.Tick ticks; Tick(0) and Tick(-1) are nil.
import { time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const c = time.tick(10 * time.Millisecond);
  for (let i = 0; i < 3; i++) {
    const v = await c.recv();
    println("Tick value", sub(v, start), "at", since(start));
  }
  // Go's nil channel is a Chan with no hchan here (time.tick's result is never null).
  println("Tick(0) == nil:", time.tick(0).hchan === null);
  println("Tick(-1) == nil:", time.tick(-1).hchan === null);
  println("len/cap of Tick channel:", c.len, c.cap);
}
