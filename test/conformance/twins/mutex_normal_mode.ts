// Twin of test/conformance/go/mutex_normal_mode: Unlock wakes a waiter without handing it the lock, so the
// still-running unlocker wins a TryLock or Lock right after.
import { chan, GOMAXPROCS, go, gosched, Mutex, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const mu = new Mutex();
  const log: string[] = [];
  const note = (s: string) => log.push(`${s} at ${since(start)}`);
  await mu.lock();
  const done = chan<boolean>();
  go(async () => {
    note("w wants");
    await mu.lock();
    note("w got");
    mu.unlock();
    await done.send(true);
  });
  await gosched(); // let w block in Lock
  mu.unlock();
  note(`main TryLock after Unlock: ${mu.tryLock()}`);
  mu.unlock();
  await mu.lock();
  note("main Lock again");
  await time.sleep(5 * time.Millisecond);
  mu.unlock();
  note(`main TryLock after 5ms: ${mu.tryLock()}`);
  mu.unlock();
  note("main unlocked");
  await mu.lock();
  note("main Lock");
  mu.unlock();
  await done.recv();
  for (const l of log) println(l);
  println("TryLock at end:", mu.tryLock());
}
