// Twin of test/conformance/go/mutex_starvation_mode: a woken waiter that lost the lock after waiting more
// than 1ms turns the Mutex to starvation mode: hand-off on unlock, newcomers queue, TryLock fails.
import { GOMAXPROCS, go, Mutex, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const mu = new Mutex();
  const log: string[] = [];
  const note = (s: string) => log.push(`${s} at ${since(start)}`);
  const wg = new WaitGroup();
  await mu.lock();
  for (const name of ["w1", "w2"]) {
    wg.add(1);
    go(async () => {
      try {
        note(`${name} wants`);
        await mu.lock();
        note(`${name} got`);
        await time.sleep(time.Millisecond);
        mu.unlock();
        note(`${name} unlocked`);
      } finally {
        wg.done();
      }
    });
  }
  await time.sleep(5 * time.Millisecond);
  mu.unlock(); // wakes w1 (normal mode)
  note(`main TryLock: ${mu.tryLock()}`);
  await time.sleep(time.Millisecond); // w1 runs, finds the lock taken after 5ms: starvation mode
  note(`main TryLock while holding: ${mu.tryLock()}`);
  mu.unlock(); // hands the lock to w1
  note(`main TryLock after hand-off: ${mu.tryLock()}`);
  wg.add(1);
  go(async () => {
    try {
      note("w3 wants");
      await mu.lock();
      note("w3 got");
      mu.unlock();
    } finally {
      wg.done();
    }
  });
  await wg.wait();
  note(`TryLock at end: ${mu.tryLock()}`);
  for (const l of log) println(l);
}
