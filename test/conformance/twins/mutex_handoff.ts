// Twin of test/conformance/go/mutex_handoff: a Mutex handed from main to three waiting goroutines; TryLock.
import { go, Mutex, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const mu = new Mutex();
  const wg = new WaitGroup();
  await mu.lock();
  println("main holds the lock at", since(start));
  for (const [i, d] of [1, 2, 3].entries()) {
    wg.add(1);
    go(async () => {
      try {
        await time.sleep(d * time.Millisecond);
        println("worker", i, "wants the lock at", since(start));
        await mu.lock();
        println("worker", i, "got the lock at", since(start));
        await time.sleep(10 * time.Millisecond);
        mu.unlock();
      } finally {
        wg.done();
      }
    });
  }
  await time.sleep(20 * time.Millisecond);
  println("TryLock while held:", mu.tryLock());
  println("main unlocks at", since(start));
  mu.unlock();
  await wg.wait();
  println("all done at", since(start), "TryLock:", mu.tryLock());
}
