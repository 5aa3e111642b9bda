// Twin of test/conformance/go/deadlock_mixed_wait_reasons: a deadlock report naming chan send, select,
// chan receive (nil chan), the sync wait reasons and semacquire.
import {
  Cond,
  chan,
  GOMAXPROCS,
  go,
  Mutex,
  RWMutex,
  recv,
  select,
  send,
  time,
  WaitGroup,
} from "../../../src/index.ts";
import { chanrecv } from "../../../src/internal/runtime/chan.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const mu = new Mutex();
  await mu.lock();
  const rw = new RWMutex();
  await rw.lock();
  const rw2 = new RWMutex();
  await rw2.rlock();
  const cmu = new Mutex();
  const cond = new Cond(cmu);
  const wg = new WaitGroup();
  wg.add(1);
  const c = chan<number>();
  const e = chan<number>();
  go(() => c.send(1));
  go(() => select([recv(e), send(e, 2)] as const));
  go(() => select([recv<number>(null), send<number>(null, 1)] as const));
  go(() => chanrecv(null)); // Go: var nilc chan int; <-nilc
  go(() => mu.lock());
  go(() => rw.rlock());
  go(() => rw2.lock());
  go(async () => {
    await cmu.lock();
    await cond.wait();
  });
  go(() => wg.wait());
  go(async () => {
    await time.sleep(10 * time.Millisecond);
    println("last sleeper done at", since(start));
  });
  await time.sleep(time.Millisecond);
  println("main waits at", since(start));
  await wg.wait();
}
