// Twin of test/conformance/go/wake_order_many_waiters: the run order of five goroutines released at one
// instant by WaitGroup, Cond.Broadcast, RWMutex.Unlock, close, a Mutex hand-off and a timer, GOMAXPROCS(1).
import {
  Cond,
  chan,
  GOMAXPROCS,
  go,
  Mutex,
  RWMutex,
  recv,
  select,
  time,
  WaitGroup,
} from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  // release starts five goroutines that block in wait at 1..5ms, calls free at 10ms, and prints the order
  // in which the five got past wait.
  const release = async (name: string, wait: () => Promise<unknown>, free: () => unknown) => {
    const order: number[] = [];
    const all = new WaitGroup();
    for (let i = 0; i < 5; i++) {
      all.add(1);
      go(async () => {
        try {
          await time.sleep((i + 1) * time.Millisecond);
          await wait();
          order.push(i);
        } finally {
          all.done();
        }
      });
    }
    await time.sleep(10 * time.Millisecond);
    await free();
    await all.wait();
    println(name, order);
  };

  const wg = new WaitGroup();
  wg.add(1);
  await release(
    "WaitGroup",
    () => wg.wait(),
    () => wg.done(),
  );

  const mu = new Mutex();
  const cond = new Cond(mu);
  await release(
    "Cond.Broadcast",
    async () => {
      await mu.lock();
      await cond.wait();
      mu.unlock();
    },
    () => cond.broadcast(),
  );

  const rw = new RWMutex();
  await rw.lock();
  await release(
    "RWMutex readers",
    async () => {
      await rw.rlock();
      rw.runlock();
    },
    () => rw.unlock(),
  );

  const c = chan<number>();
  await release(
    "close",
    () => c.recv(),
    () => c.close(),
  );

  const m = new Mutex();
  await m.lock();
  await release(
    "Mutex",
    async () => {
      await m.lock();
      m.unlock();
    },
    () => m.unlock(),
  );

  const t = time.newTimer(15 * time.Millisecond);
  const tc = chan<boolean>();
  await release(
    "timer then close",
    () => select([recv(t.c), recv(tc)] as const),
    async () => {
      await time.sleep(10 * time.Millisecond);
      tc.close();
    },
  );
}
