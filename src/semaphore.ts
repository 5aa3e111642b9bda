// Public: golang.org/x/sync/semaphore — a weighted semaphore (Weighted), with x/sync's semantics: waiters
// are served strictly in arrival order, so a big request at the head of the queue holds back smaller ones
// behind it even if they would fit (no starvation of big requests); a waiter whose context is done leaves
// the queue, and if it was the head, the waiters behind it are served at once.
//
// Built on gort's channels and select, as the Go package is on Go's, so a goroutine blocked in acquire
// shows as `[select]` in dumps and deadlock reports (`[chan receive]` for a request larger than the
// semaphore, which can only end with its context).
//
// Invariants:
//   w1. 0 <= cur <= size after every call that returns normally (release below zero panics).
//   w2. waiters is FIFO; the head waiter's n is more than size - cur whenever acquire or release returns
//       (notifyWaiters serves every head that fits).
//   w3. a waiter's ready channel is closed exactly when its n was added to cur and it left the queue.

import { type Chan, chan } from "./chan.ts";
import type { Context } from "./context.ts";
import { GoPanic } from "./errors.ts";
import { chanrecv } from "./internal/runtime/chan.ts";
import { maybePreempt } from "./internal/runtime/proc.ts";
import { describe } from "./internal/timeargs.ts";
import { recv, select } from "./select.ts";

/** Go's panic message for a release of more than is held. */
export const msgReleasedMoreThanHeld = "semaphore: released more than held";

interface Waiter {
  readonly n: number;
  readonly ready: Chan<void>;
}

function weightArg(n: unknown, what: string): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n))
    throw new TypeError(`semaphore: ${what}: weight is not a safe integer: ${String(n)}`);
  return n;
}

/**
 * Go: semaphore.Weighted. Access to a resource of a given size, taken and given back in weights.
 *
 * @example
 * import { semaphore } from "gort";
 * const sem = semaphore.newWeighted(2);
 * const ctx = context.background();
 * await sem.acquire(ctx, 2); // null: it fit
 * sem.tryAcquire(1); // false: nothing left
 * sem.release(1);
 * sem.tryAcquire(1); // true
 */
export class Weighted {
  readonly #size: number;
  #cur = 0;
  readonly #waiters: Waiter[] = [];

  /** @internal Use newWeighted. */
  constructor(n: number) {
    this.#size = weightArg(n, "newWeighted");
  }

  /**
   * Acquires n, waiting until it is available or ctx is done (Go: Acquire). Resolves with null on
   * success, or with ctx.err() (the semaphore unchanged) if ctx is done first — already done on entry
   * included. A request larger than the semaphore waits for ctx only. Waiters are served in arrival order.
   *
   * @example
   * import { semaphore } from "gort";
   * const sem = semaphore.newWeighted(1);
   * await sem.acquire(context.background(), 1);
   * const [ctx, cancel] = context.withTimeout(context.background(), 10 * time.Millisecond);
   * const err = await sem.acquire(ctx, 1); // waits 10ms, then gives up
   * console.log(err?.message); // context deadline exceeded
   * cancel();
   */
  async acquire(ctx: Context, n: number): Promise<Error | null> {
    const c = ctx as Partial<Context> | null;
    if (typeof c?.done !== "function" || typeof c.err !== "function")
      throw new TypeError(`semaphore: acquire: ctx is not a Context (done, err), got ${describe(ctx)}`);
    weightArg(n, "acquire");
    const done = ctx.done();
    if (done !== null && done.tryRecv() !== null) return ctx.err();
    if (this.#size - this.#cur >= n && this.#waiters.length === 0) {
      this.#cur += n;
      // Counted for preemption like any operation that completes at once (an acquire/release loop yields).
      const yielded = maybePreempt(null);
      if (yielded !== null) await yielded;
      return null;
    }
    if (n > this.#size) {
      // It can never fit: wait for ctx alone, without holding up the requests behind.
      await chanrecv(done === null ? null : done.hchan);
      return ctx.err();
    }
    const w: Waiter = { n, ready: chan<void>(0, "semaphore.ready") };
    this.#waiters.push(w);
    const r = await select([recv(done), recv(w.ready)] as const);
    if (r.index === 0) {
      if (w.ready.tryRecv() !== null) {
        // Served just as ctx ended: give it back.
        this.#cur -= n;
        this.#notifyWaiters();
      } else {
        const isFront = this.#waiters[0] === w;
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        // A head that could not be served may have held back smaller waiters that fit now.
        if (isFront && this.#size > this.#cur) this.#notifyWaiters();
      }
      return ctx.err();
    }
    if (done !== null && done.tryRecv() !== null) {
      // Served, but ctx ended meanwhile: fail, leaving the semaphore as it was.
      this.release(n);
      return ctx.err();
    }
    return null;
  }

  /**
   * Acquires n without blocking (Go: TryAcquire): true on success, false (unchanged) if n is not
   * available or others are waiting.
   *
   * @example
   * import { semaphore } from "gort";
   * const sem = semaphore.newWeighted(3);
   * sem.tryAcquire(2); // true
   * sem.tryAcquire(2); // false
   */
  tryAcquire(n: number): boolean {
    weightArg(n, "tryAcquire");
    const ok = this.#size - this.#cur >= n && this.#waiters.length === 0;
    if (ok) this.#cur += n;
    return ok;
  }

  /**
   * Releases n (Go: Release) and serves the waiters that now fit, in arrival order.
   *
   * @throws GoPanic "semaphore: released more than held" if more is released than is held.
   * @example
   * import { semaphore } from "gort";
   * const sem = semaphore.newWeighted(1);
   * try {
   *   sem.release(1);
   * } catch (e) {
   *   console.log((e as GoPanic).goPanic); // semaphore: released more than held
   * }
   */
  release(n: number): void {
    weightArg(n, "release");
    this.#cur -= n;
    // As x/sync (v0.16.0): the count stays lowered by n after the panic, so a program that recovers it
    // sees the semaphore grant more than its size, as Go's does.
    if (this.#cur < 0) throw new GoPanic(msgReleasedMoreThanHeld);
    this.#notifyWaiters();
  }

  /** Serves waiters from the head while the head fits; stops at the first that does not (FIFO). */
  #notifyWaiters(): void {
    for (;;) {
      const w = this.#waiters[0];
      if (w === undefined || this.#size - this.#cur < w.n) return;
      this.#cur += w.n;
      this.#waiters.shift();
      w.ready.close();
    }
  }
}

/**
 * Go: semaphore.NewWeighted. A weighted semaphore with total weight n.
 *
 * @throws TypeError if n is not a safe integer.
 * @example
 * import { semaphore } from "gort";
 * const sem = semaphore.newWeighted(10);
 * sem.tryAcquire(10); // true
 */
export function newWeighted(n: number): Weighted {
  return new Weighted(n);
}
