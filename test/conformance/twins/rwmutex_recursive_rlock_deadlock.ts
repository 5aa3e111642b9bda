// Twin of test/conformance/go/rwmutex_recursive_rlock_deadlock: a recursive read lock behind a waiting
// writer deadlocks.
import { go, RWMutex, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const mu = new RWMutex();
  await mu.rlock();
  go(async () => {
    await mu.lock();
    println("writer got the lock");
  });
  await time.sleep(time.Millisecond);
  println("TryRLock with a writer waiting:", mu.tryRLock(), "at", since(start));
  await mu.rlock();
  println("unreachable");
}
