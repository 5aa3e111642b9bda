// Twin of test/conformance/go/cond_wait_without_lock_fatal: Cond.wait without holding L is Go's fatal
// "sync: unlock of unlocked mutex" (the deferred recover sees nothing: gort's GoPanic is rethrown).
import { Cond, isGoPanic, Mutex, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const c = new Cond(new Mutex());
  try {
    await time.sleep(time.Millisecond);
    println("Wait without the lock at", since(start));
    await c.wait();
  } catch (e) {
    // A fatal error: recover cannot catch it.
    if (isGoPanic(e, "fatal error: sync: unlock of unlocked mutex")) throw e;
    println("recovered:", e);
  }
}
