// Twin of test/conformance/go/cond_signal_broadcast: sync.Cond Signal/Broadcast order, a lost Signal, and a
// woken waiter that must get L back before Wait returns.
import { Cond, GOMAXPROCS, go, Mutex, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const mu = new Mutex();
  const cond = new Cond(mu);
  const order: number[] = [];
  const wg = new WaitGroup();
  cond.signal(); // nobody waits yet: lost
  for (let i = 0; i < 4; i++) {
    wg.add(1);
    go(async () => {
      try {
        await time.sleep((i + 1) * time.Millisecond);
        await mu.lock();
        println("waiter", i, "waits at", since(start));
        await cond.wait();
        order.push(i);
        println("waiter", i, "woke at", since(start));
        mu.unlock();
      } finally {
        wg.done();
      }
    });
  }
  await time.sleep(10 * time.Millisecond);
  cond.signal();
  await time.sleep(5 * time.Millisecond);
  await mu.lock();
  cond.signal();
  println("signalled while holding L at", since(start), "order so far", order);
  await time.sleep(5 * time.Millisecond);
  println("still holding L at", since(start), "order so far", order);
  mu.unlock();
  await time.sleep(5 * time.Millisecond);
  time.afterFunc(5 * time.Millisecond, async () => {
    await mu.lock();
    println("broadcast from AfterFunc at", since(start));
    cond.broadcast();
    mu.unlock();
  });
  await wg.wait();
  println("order", order, "at", since(start));
  cond.broadcast(); // nobody waits: no effect
  cond.signal();
  println("done at", since(start));
}
