// Twin of test/conformance/go/timer_reset_after_stop: Reset after Stop returns false and re-arms.
import { time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const t = time.newTimer(10 * time.Millisecond);
  println("stop:", t.stop());
  await time.sleep(20 * time.Millisecond);
  println("reset after stop:", t.reset(15 * time.Millisecond), "at", since(start));
  let v = await t.c.recv();
  println("value", sub(v, start), "at", since(start));
  println("stop after receive:", t.stop());
  println("reset after stop again:", t.reset(time.Millisecond));
  println("stop before 1ms passes:", t.stop());
  println("reset stopped timer:", t.reset(2 * time.Millisecond));
  v = await t.c.recv();
  println("final value", sub(v, start));
}
