// Twin of test/conformance/go/mutex_newcomer_takes_permit: a newcomer that finds the Mutex held takes the
// permit Unlock released for the woken waiter and queues ahead of it.
import { chan, go, Mutex, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const m = new Mutex();
  const wg = new WaitGroup();
  const kick = chan<boolean>();
  await m.lock();
  wg.add(2);
  go(async () => {
    await m.lock();
    println("first waiter in at", since(start));
    await time.sleep(100 * time.Microsecond);
    m.unlock();
    wg.done();
  });
  go(async () => {
    await kick.recv();
    await m.lock();
    println("newcomer in at", since(start));
    await time.sleep(100 * time.Microsecond);
    m.unlock();
    wg.done();
  });
  await time.sleep(100 * time.Microsecond);
  m.unlock();
  println("TryLock after Unlock:", m.tryLock());
  await kick.send(true);
  await time.sleep(100 * time.Microsecond);
  println("main unlocks at", since(start));
  m.unlock();
  await wg.wait();
  println("TryLock at the end:", m.tryLock(), "at", since(start));
}
