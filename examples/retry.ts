// Retry with exponential backoff and full jitter. Three calls to a flaky service run concurrently: one
// succeeds on its third attempt, one keeps failing until it runs out of attempts, and one runs out of
// time: its context's 1s deadline cancels the backoff sleep.
//
// The backoff before attempt n+1 is a random duration in [0, min(cap, base·2^(n−1))) ("full jitter").
// The jitter comes from a seeded generator, so the run is reproducible under --faketime.
//
//   gort run --faketime --timestamps examples/retry.ts

import { context, time, WaitGroup } from "../src/index.ts";

/** mulberry32: a tiny seeded PRNG (Math.random cannot be seeded). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Backoff {
  base: time.Duration;
  cap: time.Duration;
  attempts: number;
}

/** Calls op until it succeeds, the attempts run out, or ctx is done; sleeps a jittered backoff between. */
async function retry<T>(
  ctx: context.Context,
  name: string,
  b: Backoff,
  random: () => number,
  op: (attempt: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (e) {
      if (attempt === b.attempts)
        throw new Error(`${name}: giving up after ${attempt} attempts: ${(e as Error).message}`);
      const ceiling = Math.min(b.cap, b.base * 2 ** (attempt - 1));
      const wait = Math.floor((random() * ceiling) / time.Millisecond) * time.Millisecond;
      console.log(
        `${name}: attempt ${attempt} failed (${(e as Error).message}); retrying in ${time.durationString(wait)}`,
      );
      try {
        await time.sleep(wait, ctx.signal);
      } catch {
        throw new Error(`${name}: ${ctx.err()!.message} while backing off after attempt ${attempt}`);
      }
    }
  }
}

/** A service call that takes 40ms and fails until its nth call. */
function flaky(succeedOn: number) {
  return async (attempt: number): Promise<string> => {
    await time.sleep(40 * time.Millisecond);
    if (attempt < succeedOn) throw new Error("503 Service Unavailable");
    return "200 OK";
  };
}

export async function main() {
  const random = rng(42);
  const backoff: Backoff = { base: 100 * time.Millisecond, cap: 2 * time.Second, attempts: 5 };
  const [ctx, cancel] = context.withTimeout(context.background(), 10 * time.Second);
  const [short, cancelShort] = context.withTimeout(ctx, time.Second);
  const wg = new WaitGroup();
  const calls: [string, context.Context, number][] = [
    ["GET /users", ctx, 3],
    ["GET /orders", ctx, 99],
    ["GET /reports", short, 99],
  ];
  for (const [name, c, succeedOn] of calls) {
    wg.go(async () => {
      try {
        const res = await retry(c, name, { ...backoff }, random, flaky(succeedOn));
        console.log(`${name}: ${res}`);
      } catch (e) {
        console.log((e as Error).message);
      }
    });
  }
  await wg.wait();
  cancelShort();
  cancel();
  console.log("all calls finished");
}
