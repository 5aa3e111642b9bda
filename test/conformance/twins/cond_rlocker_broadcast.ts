// Twin of test/conformance/go/cond_rlocker_broadcast: a Cond on an RWMutex's RLocker; Broadcast lets every
// reader re-acquire its read lock while a later writer waits for them.
import { Cond, go, Mutex, RWMutex, time, WaitGroup } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const rw = new RWMutex();
  const cond = new Cond(rw.rLocker());
  let ready = false;
  const mu = new Mutex();
  const log: string[] = [];
  const note = async (s: string) => {
    await mu.lock();
    log.push(`${s} at ${time.durationString(time.since(start))}`);
    mu.unlock();
  };
  const wg = new WaitGroup();
  for (let i = 0; i < 3; i++) {
    wg.add(1);
    go(async () => {
      try {
        await rw.rlock();
        while (!ready) await cond.wait();
        await note(`reader ${i} sees ready`);
        await time.sleep((i + 1) * time.Millisecond);
        rw.runlock();
      } finally {
        wg.done();
      }
    });
  }
  await time.sleep(time.Millisecond);
  await rw.lock();
  ready = true;
  await note("writer set ready");
  rw.unlock();
  cond.broadcast();
  await time.sleep(time.Millisecond / 2);
  wg.add(1);
  go(async () => {
    try {
      await rw.lock();
      await note("second writer has the lock");
      rw.unlock();
    } finally {
      wg.done();
    }
  });
  await wg.wait();
  log.sort();
  for (const l of log) println(l);
}
