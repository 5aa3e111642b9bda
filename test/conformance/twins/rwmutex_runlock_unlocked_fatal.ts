// Twin of test/conformance/go/rwmutex_runlock_unlocked_fatal: RUnlock without a reader is Go's fatal error.
import { go, RWMutex, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const rw = new RWMutex();
  await rw.rlock();
  await rw.rlock();
  rw.runlock();
  rw.runlock();
  println("balanced RLock/RUnlock at", since(start));
  go(async () => {
    await time.sleep(10 * time.Millisecond);
    println("goroutine calls RUnlock at", since(start));
    rw.runlock();
    println("not reached");
  });
  await time.sleep(time.Second);
  println("not reached either");
}
