// Twin of test/conformance/go/semaphore_fifo: waiters are served in arrival order.
import { chan, context, go, semaphore, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ctx = context.background();
  const sem = semaphore.newWeighted(3);
  const e = await sem.acquire(ctx, 3);
  if (e !== null) throw e;
  const served = chan<string>(4);
  for (const [i, n] of [1, 2, 1, 3].entries()) {
    go(async () => {
      const err = await sem.acquire(ctx, n);
      if (err !== null) throw err;
      await served.send(`waiter ${i} (n=${n}) at ${since(start)}`);
      await time.sleep(10 * time.Millisecond);
      sem.release(n);
    });
    await time.sleep(time.Millisecond); // arrival order 0, 1, 2, 3
  }
  await time.sleep(10 * time.Millisecond);
  println("TryAcquire(1) with waiters queued:", sem.tryAcquire(1));
  sem.release(1);
  println(await served.recv());
  sem.release(2);
  println(await served.recv());
  println(await served.recv());
  println(await served.recv());
  const e2 = await sem.acquire(ctx, 3);
  if (e2 !== null) throw e2;
  println("all back at", since(start));
}
