// Twin of test/conformance/go/rwmutex_unlock_unlocked_fatal: Unlock of a read-locked RWMutex is Go's fatal
// error "sync: Unlock of unlocked RWMutex".
import { RWMutex, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const rw = new RWMutex();
  await rw.lock();
  rw.unlock();
  await rw.rlock();
  await time.sleep(3 * time.Millisecond);
  println("read-locked; Unlock at", since(start));
  rw.unlock();
  println("not reached");
}
