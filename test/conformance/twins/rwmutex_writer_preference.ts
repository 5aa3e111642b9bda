// Twin of test/conformance/go/rwmutex_writer_preference: a waiting writer keeps new readers out; hand-offs
// between readers and writers; TryLock/TryRLock; RLocker.
import { GOMAXPROCS, go, RWMutex, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const rw = new RWMutex();
  const wg = new WaitGroup();
  const ms = time.Millisecond;
  // user takes the lock at `at` (for writing if write), holds it for `hold`, and releases it.
  const user = async (name: string, write: boolean, at: number, hold: number) => {
    try {
      const kind = write ? "write" : "read";
      await time.sleep(at);
      println(name, "wants the", kind, "lock at", since(start));
      await (write ? rw.lock() : rw.rlock());
      println(name, "has the", kind, "lock at", since(start));
      await time.sleep(hold);
      println(name, "releases it at", since(start));
      if (write) rw.unlock();
      else rw.runlock();
    } finally {
      wg.done();
    }
  };
  wg.add(6);
  go(user, "r1", false, 0, 20 * ms);
  go(user, "r2", false, 5 * ms, 30 * ms);
  go(user, "w1", true, 10 * ms, 10 * ms);
  go(user, "r3", false, 15 * ms, 5 * ms);
  go(user, "w2", true, 16 * ms, 10 * ms);
  go(user, "r4", false, 21 * ms, 5 * ms);
  await time.sleep(12 * ms);
  println("writer waiting: TryRLock", rw.tryRLock(), "TryLock", rw.tryLock());
  await wg.wait();
  println("all done at", since(start));
  println("TryRLock", rw.tryRLock(), "TryRLock", rw.tryRLock(), "TryLock", rw.tryLock());
  rw.runlock();
  rw.runlock();
  println("TryLock", rw.tryLock(), "TryRLock", rw.tryRLock());
  rw.unlock();
  const rl = rw.rLocker();
  await rl.lock();
  println("RLocker holds a read lock: TryRLock", rw.tryRLock(), "TryLock", rw.tryLock());
  rw.runlock();
  rl.unlock();
  println("released: TryLock", rw.tryLock());
}
