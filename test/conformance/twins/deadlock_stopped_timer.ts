// Twin of test/conformance/go/deadlock_stopped_timer: receive from a stopped timer's channel deadlocks.
import { time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const t = time.newTimer(10 * time.Millisecond);
  await time.sleep(5 * time.Millisecond);
  println("stop:", t.stop(), "at", since(start));
  await t.c.recv();
  println("not reached");
}
