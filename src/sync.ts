// Public: Go's package sync (WaitGroup, Mutex, RWMutex, Once, OnceFunc/OnceValue/OnceValues, Cond), on the
// runtime semaphore of internal/runtime/sema.ts. WaitGroup and Cond are here; Mutex and RWMutex
// (mutex.ts), the Once family (once.ts), sync.Map (SyncMap, syncmap.ts) and sync.Pool (pool.ts) are
// re-exported, as Go keeps them in files of their own.
//
// A blocking method that does not block counts as a non-blocking operation for cooperative preemption
// (maybePreempt), as channel operations do, so a goroutine looping on an uncontended Mutex still lets the
// others run. Every blocking method parks the calling goroutine through the runtime with Go's wait reason, so goroutine
// dumps and deadlock reports name it ("semacquire" for WaitGroup.Wait as in Go 1.23, "sync.Mutex.Lock", "sync.RWMutex.RLock",
// "sync.RWMutex.Lock", "sync.Cond.Wait"), and takes an optional AbortSignal: if it aborts while the caller
// waits, the caller leaves the queue and the promise rejects with signal.reason (an already-aborted signal
// rejects at once, as channel operations do). Once a waiter has been handed what it waited for (the lock,
// or the WaitGroup reaching zero), a later abort is ignored.
//
// Differences from Go, all deliberate:
//   - Mutex has Go's two modes (normal: an unlocked mutex is free for anyone until the woken waiter runs;
//     starvation, after a waiter waited more than 1 ms: hand-off), but in starvation mode Go's Unlock also
//     yields the P to the waiter it hands the lock to, and unlock here cannot suspend its caller: the
//     waiter runs when the unlocker next blocks.
//   - "unlock of unlocked mutex" (and RWMutex's RUnlock/Unlock variants) is a fatal error in Go that
//     recover cannot catch. gort throws a GoPanic whose message is Go's full line ("fatal error: sync:
//     unlock of unlocked mutex"); JavaScript cannot make it uncatchable, but uncaught it fails the runtime
//     with Go's fatal-error report: the failing goroutine, then every other one (goexit.ts gopanic).
//   - Once.do takes a function that may return a promise: the once is "done" when that promise settles, and
//     concurrent callers wait (parked on a Mutex, as in Go) until then.

import { GoPanic, msgNegativeWaitGroup } from "./errors.ts";
import { go } from "./go.ts";
import { badReceiver, checkFunc, signalGate } from "./internal/args.ts";
import { fatal, VERIFY } from "./internal/debug.ts";
import { waitReasonSyncCondWait, waitReasonSyncWaitGroupWait } from "./internal/runtime/g.ts";
import { maybePreempt } from "./internal/runtime/proc.ts";
import {
  Sema,
  semacquire,
  semqueue,
  semreleaseNoHandoff,
  semwake,
  semwakeall,
} from "./internal/runtime/sema.ts";
import { describe } from "./internal/timeargs.ts";
import type { Locker } from "./mutex.ts";

export { type Locker, Mutex, RWMutex } from "./mutex.ts";
export { Once, onceFunc, onceValue, onceValues } from "./once.ts";
export { Pool, type PoolOptions } from "./pool.ts";
export { SyncMap } from "./syncmap.ts";

/** Go's panic when Add (or Wait) runs between the last Done and a released waiter's return from Wait. */
const msgWaitGroupReused = "sync: WaitGroup is reused before previous Wait has returned";
/** Go's panic when Add starts a counter from zero while waiters are still counted. */
const msgWaitGroupMisuse = "sync: WaitGroup misuse: Add called concurrently with Wait";

const resolved: Promise<void> = Promise.resolve();

// ===== WaitGroup =====

/**
 * Go's sync.WaitGroup: waits for a collection of goroutines to finish. `add(n)` before starting them,
 * `done()` as each finishes, `wait()` until the counter is zero.
 *
 * @example
 * const wg = new WaitGroup();
 * const start = time.now();
 * for (const d of [30, 10, 20]) {
 *   wg.add(1);
 *   go(async () => {
 *     await time.sleep(d * time.Millisecond);
 *     wg.done();
 *   });
 * }
 * await wg.wait(); // returns when the last one calls done
 * console.log(time.durationString(time.since(start))); // 30ms
 */
export class WaitGroup {
  /** The counter (Go: the high half of wg.state, an int32). */
  private v = 0;
  /** Goroutines in wait (Go: the low half of wg.state), reset to 0 when the counter reaches 0. */
  private w = 0;
  /** Go's wg.sema: each waiter takes a permit; add releases one per waiter, without hand-off. */
  private readonly sema = new Sema();

  /**
   * Adds delta (may be negative) to the counter, an int32 as in Go (a delta is taken modulo 2^32). When it
   * reaches zero, every goroutine blocked in wait is released. Panics (throws GoPanic) with "sync: negative
   * WaitGroup counter" if it goes below zero; as in Go, the counter is left negative, and the WaitGroup must
   * not be used again. A positive delta that starts the counter from zero while waiters are still counted
   * (a wait that panicked because of reuse) panics "sync: WaitGroup misuse: Add called concurrently with
   * Wait", as Go's does.
   */
  add(delta: number): void {
    if (!Number.isSafeInteger(delta))
      throw new TypeError(`WaitGroup.add: delta must be an integer, got ${delta}`);
    this.v = (this.v + delta) | 0; // Go: int32(state >> 32) after adding uint64(delta) << 32
    const v = this.v;
    const w = this.w;
    if (v < 0) throw new GoPanic(msgNegativeWaitGroup);
    if (w !== 0 && delta > 0 && v === (delta | 0)) throw new GoPanic(msgWaitGroupMisuse);
    if (v > 0 || w === 0) {
      if (VERIFY) this.verify();
      return;
    }
    // The counter reached 0 with waiters: reset the state, then release one permit per waiter.
    this.w = 0;
    for (let i = 0; i < w; i++) semreleaseNoHandoff(this.sema);
    if (VERIFY) this.verify();
  }

  /** Decrements the counter by one (Go: Done, i.e. Add(-1)). */
  done(): void {
    this.add(-1);
  }

  /**
   * Blocks until the counter is zero (at once if it is). Parks with Go 1.23's wait reason "semacquire".
   * Rejects with signal.reason if signal aborts first. As in Go, a wait panics (rejects with GoPanic
   * "sync: WaitGroup is reused before previous Wait has returned") if, when it gets its semaphore permit,
   * the WaitGroup has been used again (its counter or waiters are not zero): a waiter released by the
   * counter reaching zero that runs after an add, or a new wait that takes the permit released for such a
   * waiter before it ran (the waiter then waits on, for the next release).
   */
  wait(signal?: AbortSignal): Promise<void> {
    if (!(this instanceof WaitGroup)) return badReceiver("WaitGroup.wait", this);
    const gate = signalGate(signal, "WaitGroup.wait");
    if (gate !== null) return gate;
    if (this.v === 0) return maybePreempt(undefined) ?? resolved;
    this.w++;
    const p = semacquire(this.sema, waitReasonSyncWaitGroupWait, this, signal, () => {
      this.w--; // gave up: no longer counted
      if (VERIFY) this.verify();
    });
    if (VERIFY) this.verify();
    // Go: Wait checks that the state Add reset to 0 when it released a permit is still 0.
    const check = () => {
      if (this.v !== 0 || this.w !== 0) throw new GoPanic(msgWaitGroupReused);
    };
    return p.then(check);
  }

  /**
   * Go 1.25's WaitGroup.Go: adds one to the counter and runs f in a new goroutine, calling done when f
   * returns (or its promise resolves). If f throws, done is not called: the panic fails the runtime.
   */
  go(f: () => unknown): void {
    checkFunc(f, "WaitGroup.go");
    this.add(1);
    go(async () => {
      await f();
      this.done();
    });
  }

  /** The counter, for tests and dumps. */
  get counter(): number {
    return this.v;
  }

  toString(): string {
    return `sync.WaitGroup#${this.sema.id} (counter ${this.v}, ${this.sema.nwait} waiting)`;
  }

  /**
   * Checks the semaphore, w1: waiters park only while the counter is non-zero, and w2: the waiters counted
   * are not negative and, with the counter at zero, none are counted (add resets them).
   */
  verify(): void {
    this.sema.verify();
    if (this.sema.nwait > 0 && this.v === 0) fatal(`${this}: w1: waiters on a zero counter`);
    if (this.w < 0 || (this.v === 0 && this.w !== 0)) fatal(`${this}: w2: ${this.w} waiters counted`);
  }
}

// ===== Cond =====

/**
 * Go's sync.Cond: a rendezvous point for goroutines waiting for a condition, guarded by a Locker L.
 *
 * @example
 * const mu = new Mutex();
 * const cond = new Cond(mu);
 * const start = time.now();
 * let ready = false;
 * go(async () => {
 *   await time.sleep(time.Second);
 *   await mu.lock();
 *   ready = true;
 *   mu.unlock();
 *   cond.broadcast();
 * });
 * await mu.lock();
 * while (!ready) await cond.wait(); // unlocks mu while it waits, holds it again when it returns
 * mu.unlock();
 * time.durationString(time.since(start)); // "1s"
 */
export class Cond {
  readonly L: Locker;
  /** Waiters (Go: notifyList). Permits are never stored: signal without a waiter is lost, as in Go. */
  private readonly notify = new Sema();

  constructor(L: Locker) {
    if (typeof L?.lock !== "function" || typeof L.unlock !== "function")
      throw new TypeError(`Cond: L must be a Locker (lock and unlock), got ${describe(L)}`);
    this.L = L;
  }

  /**
   * Go: Cond.Wait. Unlocks L, parks (wait reason "sync.Cond.Wait") until signal or broadcast wakes it,
   * then locks L again before resolving. If `abort` aborts while it is parked, it locks L again (so the
   * caller holds L however wait settles) and then rejects with abort.reason; an already-aborted signal
   * rejects at once with L still held.
   */
  async wait(abort?: AbortSignal): Promise<void> {
    const gate = signalGate(abort, "Cond.wait");
    if (gate !== null) return gate;
    this.L.unlock();
    let failed = false;
    let err: unknown;
    try {
      await semqueue(this.notify, waitReasonSyncCondWait, this, abort);
    } catch (e) {
      failed = true;
      err = e;
    }
    await this.L.lock();
    if (failed) throw err;
  }

  /** Wakes the goroutine that has waited longest, if any (Go: Signal). */
  signal(): void {
    semwake(this.notify);
  }

  /** Wakes every waiting goroutine (Go: Broadcast). */
  broadcast(): void {
    semwakeall(this.notify);
  }

  toString(): string {
    return `sync.Cond#${this.notify.id} (${this.notify.nwait} waiting)`;
  }
}
