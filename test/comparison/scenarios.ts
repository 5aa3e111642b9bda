// The code under test of the comparison suite (docs/comparison.md): ten small pieces of ordinary
// timer-driven TypeScript that never heard of gort or of fake timers. sinon.test.ts tests them with
// @sinonjs/fake-timers, gort.test.ts with synctest bubbles.
import { setTimeout as sleepP } from "node:timers/promises";

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** 1. Calls fn until it succeeds, waiting backoff, 2·backoff, 4·backoff… ms between attempts. */
export async function retry<T>(fn: () => Promise<T>, attempts = 5, backoff = 1000): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i + 1 >= attempts) throw e;
      await delay(backoff * 2 ** i);
    }
  }
}

/** 2. Calls fn with the last arguments once no call came for ms. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

/** 3. Calls fn at most once per ms (leading edge), dropping the calls in between. */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (...args: A) => {
    const now = Date.now();
    if (now - last < ms) return;
    last = now;
    fn(...args);
  };
}

/** 4. Checks every intervalMs until check() is true; resolves with the number of checks. */
export function pollUntil(check: () => boolean, intervalMs: number): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    const id = setInterval(() => {
      n++;
      if (check()) {
        clearInterval(id);
        resolve(n);
      }
    }, intervalMs);
  });
}

/** 5. Runs op with a signal that aborts after ms; a timeout becomes "timed out after <ms> ms". */
export async function withTimeout<T>(op: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  try {
    return await op(AbortSignal.timeout(ms));
  } catch (e) {
    if ((e as Error).name === "TimeoutError") throw new Error(`timed out after ${ms} ms`);
    throw e;
  }
}

/** A slow operation for 5: resolves "done" after ms unless signal aborts first. */
export function slowOp(ms: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => resolve("done"), ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });
}

/** 6. At most limit acquisitions in any window of windowMs (a sliding log on Date.now). */
export class RateLimiter {
  private readonly log: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  tryAcquire(): boolean {
    const now = Date.now();
    while (this.log.length > 0 && now - (this.log[0] as number) >= this.windowMs) this.log.shift();
    if (this.log.length >= this.limit) return false;
    this.log.push(now);
    return true;
  }
}

/** 7. A connection that sends a heartbeat every intervalMs until close(). */
export class Connection {
  beats = 0;
  private readonly timer: ReturnType<typeof setInterval>;
  constructor(intervalMs: number) {
    this.timer = setInterval(() => this.beats++, intervalMs);
  }
  async request(latencyMs: number): Promise<string> {
    await delay(latencyMs);
    return `response after ${this.beats} heartbeats`;
  }
  close(): void {
    clearInterval(this.timer);
  }
}

/** 8. A promise chain between timers: fetch (100 ms), parse (a promise), save (200 ms). */
export async function pipeline(log: string[]): Promise<string> {
  await delay(100);
  log.push("fetched");
  const parsed = await Promise.resolve({ id: 1 });
  await delay(200);
  log.push(`saved ${parsed.id}`);
  return "done";
}

/** 9. A cache whose entries expire ttlMs after they were set (Date.now). */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  constructor(private readonly ttlMs: number) {}
  set(key: string, value: V): void {
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }
  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined || Date.now() >= e.expires) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }
}

/** 10. Calls onTick(i) n times, sleeping ms before each with node:timers/promises. */
export async function countdown(n: number, ms: number, onTick: (i: number) => void, signal?: AbortSignal) {
  for (let i = n; i > 0; i--) {
    await sleepP(ms, undefined, { signal });
    onTick(i);
  }
}
