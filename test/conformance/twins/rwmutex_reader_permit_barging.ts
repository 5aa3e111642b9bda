// Twin of test/conformance/go/rwmutex_reader_permit_barging: a reader arriving behind an announced writer
// takes the permit unlock released for an earlier reader that has not run yet; the writer goes in when
// that newcomer runlocks; the earlier reader gets the next permit.
import { go, RWMutex, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const rw = new RWMutex();
  const wg = new WaitGroup();
  await rw.lock();
  wg.add(3);
  go(async () => {
    await rw.rlock();
    println("early reader in at", since(start));
    await time.sleep(5 * ms);
    rw.runlock();
    wg.done();
  });
  go(async () => {
    await rw.lock();
    println("writer in at", since(start));
    await time.sleep(5 * ms);
    rw.unlock();
    println("writer out at", since(start));
    wg.done();
  });
  go(async () => {
    await time.sleep(10 * ms);
    await rw.rlock();
    println("late reader in at", since(start));
    await time.sleep(2 * ms);
    println("late reader out at", since(start));
    rw.runlock();
    wg.done();
  });
  await time.sleep(ms);
  println("TryRLock while main writes:", rw.tryRLock());
  await time.sleep(9 * ms);
  rw.unlock();
  println("main unlocked at", since(start));
  await time.sleep(ms);
  println("at 11ms: TryRLock", rw.tryRLock(), "TryLock", rw.tryLock());
  await wg.wait();
  println("TryLock at the end:", rw.tryLock(), "at", since(start));
  rw.unlock();
}
