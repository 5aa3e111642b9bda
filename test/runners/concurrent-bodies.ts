// The bodies shared by test/runners/{node,vitest}/concurrent.spec.ts: each runner's spec registers them
// with its own concurrency, and runners.test.ts checks the outcome.
import { setTimeout as sleep } from "node:timers/promises";
import { time } from "gort";

let inFlight = 0;
let most = 0;

/** The most bubbles that were in waits() at once. */
export const mostInFlight = (): number => most;

/**
 * Waits (i + 1) s of the bubble's time (a setTimeout, time.sleep, a ticker or AbortSignal.timeout, by
 * i % 4), then i + 1 ms with node:timers/promises; returns the [Date.now(), performance.now()] deltas,
 * which must both be exactly (i + 1) * 1000 + i + 1.
 */
export async function waits(i: number): Promise<[number, number]> {
  const ms = (i + 1) * 1000;
  most = Math.max(most, ++inFlight);
  const start = Date.now();
  const p0 = performance.now();
  if (i % 4 === 0) await new Promise((r) => setTimeout(r, ms));
  else if (i % 4 === 1) await time.sleep(ms * time.Millisecond);
  else if (i % 4 === 2) {
    const tk = time.newTicker(100 * time.Millisecond);
    for (let k = 0; k < ms / 100; k++) await tk.c?.recv();
    tk.stop();
  } else {
    const s = AbortSignal.timeout(ms);
    await new Promise((r) => s.addEventListener("abort", r));
  }
  await sleep(i + 1);
  inFlight--;
  return [Date.now() - start, performance.now() - p0];
}

/** Five ticks of a real 20 ms setInterval, outside any bubble: returns [Date.now() at the start, real ms]. */
export async function realTicks(): Promise<[number, number]> {
  const d0 = Date.now();
  const p0 = performance.now();
  let n = 0;
  await new Promise<void>((resolve) => {
    const h = setInterval(() => {
      if (++n === 5) {
        clearInterval(h);
        resolve();
      }
    }, 20);
  });
  return [d0, performance.now() - p0];
}
