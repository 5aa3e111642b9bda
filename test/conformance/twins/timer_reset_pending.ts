// Twin of test/conformance/go/timer_reset_pending: Reset of a pending timer moves its deadline.
import { time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const t = time.newTimer(20 * time.Millisecond);
  await time.sleep(10 * time.Millisecond);
  println("reset pending to 30ms:", t.reset(30 * time.Millisecond), "at", since(start));
  let v = await t.c.recv();
  println("fired value", sub(v, start), "at", since(start));
  println("reset after receive:", t.reset(5 * time.Millisecond));
  v = await t.c.recv();
  println("fired again value", sub(v, start));
  // Reset to an earlier deadline than the current one.
  t.reset(time.Hour);
  await time.sleep(time.Millisecond);
  println("reset hour timer to 1ms:", t.reset(time.Millisecond));
  v = await t.c.recv();
  println("early value", sub(v, start));
}
