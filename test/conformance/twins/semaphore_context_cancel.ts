// Twin of test/conformance/go/semaphore_context_cancel: acquire gives up when its context is done.
import { chan, context, go, semaphore, time } from "../../../src/index.ts";
import { fmtV, println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const bg = context.background();
  const sem = semaphore.newWeighted(4);
  await sem.acquire(bg, 2);

  const res = chan<string>(2);
  go(async () => {
    const [ctx, cancel] = context.withTimeout(bg, 20 * time.Millisecond);
    try {
      const err = await sem.acquire(ctx, 3);
      await res.send(`head (3) gave up at ${since(start)}: ${fmtV(err)}`);
    } finally {
      cancel();
    }
  });
  await time.sleep(time.Millisecond);
  go(async () => {
    const err = await sem.acquire(bg, 2);
    await res.send(`small (2) served at ${since(start)}: ${fmtV(err)}`);
  });
  println(await res.recv());
  println(await res.recv());
  println("full now, TryAcquire(1):", sem.tryAcquire(1));
  sem.release(4);

  const [done, cancel] = context.withCancel(bg);
  cancel();
  const err = await sem.acquire(done, 1);
  println("cancelled ctx, free weight:", err, "TryAcquire(4):", sem.tryAcquire(4));
  sem.release(4);

  const [ctx, cancel2] = context.withTimeout(bg, 30 * time.Millisecond);
  try {
    const err2 = await sem.acquire(ctx, 5);
    println("larger than the semaphore:", err2, "at", since(start));
  } finally {
    cancel2();
  }
}
