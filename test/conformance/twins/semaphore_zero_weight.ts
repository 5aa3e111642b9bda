// Twin of test/conformance/go/semaphore_zero_weight: zero weights queue behind waiters (FIFO), tryAcquire(0)
// fails while anyone waits, release(0) serves nobody; a size-0 semaphore serves only acquire(0).
import { chan, context, go, semaphore, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ctx = context.background();
  const s = semaphore.newWeighted(2);
  const a0 = await s.acquire(ctx, 0);
  println("Acquire(0) idle:", a0, "TryAcquire(0):", s.tryAcquire(0));
  await s.acquire(ctx, 2);
  println("full: TryAcquire(0):", s.tryAcquire(0));
  const done = chan<string>(4);
  go(async () => {
    await s.acquire(ctx, 1);
    await done.send(`one at ${since(start)}`);
  });
  await time.sleep(time.Millisecond);
  go(async () => {
    await s.acquire(ctx, 0);
    await done.send(`zero at ${since(start)}`);
  });
  await time.sleep(time.Millisecond);
  println("with waiters: TryAcquire(0):", s.tryAcquire(0));
  s.release(0);
  await time.sleep(time.Millisecond);
  println("after Release(0): nothing served:", done.len);
  s.release(1);
  println(await done.recv());
  println(await done.recv());
  const z = semaphore.newWeighted(0);
  const z0 = await z.acquire(ctx, 0);
  println("size 0: Acquire(0):", z0, "TryAcquire(1):", z.tryAcquire(1));
  const [tctx, cancel] = context.withTimeout(ctx, 5 * time.Millisecond);
  try {
    const r = await z.acquire(tctx, 1);
    println("size 0: Acquire(1):", r, "at", since(start));
  } finally {
    cancel();
  }
}
