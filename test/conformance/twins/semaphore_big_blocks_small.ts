// Twin of test/conformance/go/semaphore_big_blocks_small: a big waiter at the head holds back a small one.
import { chan, context, go, semaphore, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ctx = context.background();
  const sem = semaphore.newWeighted(4);
  await sem.acquire(ctx, 3);
  const got = chan<string>();
  go(async () => {
    await sem.acquire(ctx, 4);
    await got.send(`big (4) at ${since(start)}`);
    await time.sleep(10 * time.Millisecond);
    sem.release(4);
  });
  await time.sleep(time.Millisecond);
  go(async () => {
    await sem.acquire(ctx, 1);
    await got.send(`small (1) at ${since(start)}`);
    sem.release(1);
  });
  await time.sleep(time.Millisecond);
  println("1 of 4 free, TryAcquire(1):", sem.tryAcquire(1));
  await time.sleep(20 * time.Millisecond);
  sem.release(3);
  println(await got.recv());
  println(await got.recv());
  println("TryAcquire(4) at the end:", sem.tryAcquire(4), "at", since(start));
}
