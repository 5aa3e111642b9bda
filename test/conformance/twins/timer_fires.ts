// Twin of test/conformance/go/timer_fires: NewTimer delivers one value at its deadline.
import { time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const t = time.newTimer(10 * time.Millisecond);
  println("created");
  const v = await t.c.recv();
  println("received at", since(start), "value", sub(v, start));
  const t2 = time.newTimer(15 * time.Millisecond);
  const t3 = time.newTimer(5 * time.Millisecond);
  const v3 = await t3.c.recv();
  println("t3 value", sub(v3, start), "at", since(start));
  const v2 = await t2.c.recv();
  println("t2 value", sub(v2, start), "at", since(start));
}
