// Twin of test/conformance/go/mutex_unlock_unlocked_fatal: another goroutine may unlock a Mutex; a second
// Unlock is Go's fatal error "sync: unlock of unlocked mutex".
import { go, Mutex, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const mu = new Mutex();
  await mu.lock();
  go(async () => {
    await time.sleep(10 * time.Millisecond);
    println("goroutine unlocks main's lock at", since(start));
    mu.unlock();
  });
  await mu.lock(); // waits for the goroutine's Unlock
  println("main locked again at", since(start));
  mu.unlock();
  println("TryLock:", mu.tryLock());
  mu.unlock();
  await time.sleep(5 * time.Millisecond);
  println("second Unlock at", since(start));
  mu.unlock();
  println("not reached");
}
