// Public: Go's package sync (WaitGroup, Mutex, RWMutex, Once, OnceFunc/OnceValue/OnceValues, Cond), on the
// runtime semaphore of internal/runtime/sema.ts; sync.Map (SyncMap) and sync.Pool are re-exported from
// syncmap.ts and pool.ts, as Go keeps them in map.go and pool.go.
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

import { GoPanic, msgNegativeWaitGroup, msgUnlockOfUnlocked } from "./errors.ts";
import { go } from "./go.ts";
import { checkFunc, funcGate, signalGate } from "./internal/args.ts";
import { fatal, VERIFY } from "./internal/debug.ts";
import { callerG } from "./internal/runtime/chan.ts";
import {
  waitReasonSyncCondWait,
  waitReasonSyncMutexLock,
  waitReasonSyncWaitGroupWait,
} from "./internal/runtime/g.ts";
import { maybePreempt } from "./internal/runtime/proc.ts";
import {
  Sema,
  semacquire,
  semqueue,
  semrelease,
  semreleaseNoHandoff,
  semwake,
  semwakeall,
  waitReasonSyncRWMutexLock,
  waitReasonSyncRWMutexRLock,
} from "./internal/runtime/sema.ts";
import { describe } from "./internal/timeargs.ts";

export { Pool, type PoolOptions } from "./pool.ts";
export { SyncMap } from "./syncmap.ts";

/** Go's fatal messages for RWMutex misuse (printed after "fatal error: "). */
const msgRUnlockOfUnlockedRW = "fatal error: sync: RUnlock of unlocked RWMutex";
const msgUnlockOfUnlockedRW = "fatal error: sync: Unlock of unlocked RWMutex";
/** Go's panic when Add (or Wait) runs between the last Done and a released waiter's return from Wait. */
const msgWaitGroupReused = "sync: WaitGroup is reused before previous Wait has returned";
/** Go's panic when Add starts a counter from zero while waiters are still counted. */
const msgWaitGroupMisuse = "sync: WaitGroup misuse: Add called concurrently with Wait";

const resolved: Promise<void> = Promise.resolve();

/** Go's sync.Locker: something that can be locked and unlocked (Mutex, RWMutex, RWMutex.rLocker()). */
export interface Locker {
  lock(signal?: AbortSignal): Promise<void>;
  unlock(): void;
}

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

// ===== Mutex =====

/** Go's starvationThresholdNs: a waiter that has waited longer than this turns a Mutex to starvation mode. */
const starvationThresholdNs = 1e6;

/** Go's Mutex state bits: locked, a waiter woken (don't wake another), starvation mode; then the waiter count. */
const mutexLocked = 1;
const mutexWoken = 2;
const mutexStarving = 4;
const mutexWaiterShift = 3;

/**
 * Go's sync.Mutex: a mutual exclusion lock, not tied to a goroutine (any goroutine may unlock it).
 *
 * Fairness, as Go's (two modes), on Go's state word and semaphore. Normal mode: waiters queue in FIFO
 * order, but unlock only wakes the first one and releases a semaphore permit without handing it over:
 * until the woken waiter runs, the unlocker or any newcomer may take the lock (lock or tryLock succeed),
 * a newcomer that finds it held takes the released permit and queues again at the head, and a woken
 * waiter that finds the lock taken (or its permit gone) queues again (at the head once it has waited). A
 * waiter that finds it taken after waiting more than 1 ms (on the runtime's clock, so virtual time under
 * the fake clock) switches the mutex to starvation mode: unlock then hands the lock straight to the first
 * waiter, newcomers queue behind, and the mode ends when a waiter that waited less than 1 ms, or the last
 * one, takes it.
 *
 * @example
 * const mu = new Mutex();
 * let counter = 0;
 * const wg = new WaitGroup();
 * for (let i = 0; i < 3; i++) {
 *   wg.go(async () => {
 *     await mu.lock();
 *     try {
 *       const v = counter;
 *       await time.sleep(time.Millisecond); // others run meanwhile, but cannot take the lock
 *       counter = v + 1;
 *     } finally {
 *       mu.unlock();
 *     }
 *   });
 * }
 * await wg.wait();
 * counter; // 3
 */
export class Mutex implements Locker {
  /** Go's m.state: mutexLocked, mutexWoken, mutexStarving, and the waiters counted (<< mutexWaiterShift). */
  private state = 0;
  /** Go's m.sema: released without hand-off in normal mode, with it in starvation mode. */
  private readonly sema = new Sema();

  /**
   * Locks the mutex, parking (wait reason "sync.Mutex.Lock") if it is held or in starvation mode.
   * Rejects with signal.reason if signal aborts before the lock is taken.
   */
  lock(signal?: AbortSignal): Promise<void> {
    const gate = signalGate(signal, "Mutex.lock");
    if (gate !== null) return gate;
    if ((this.state & (mutexLocked | mutexStarving)) === 0) {
      // Go: the fast path's CAS, or lockSlow's first one (which keeps the other bits).
      this.state |= mutexLocked;
      if (VERIFY) this.verify();
      return maybePreempt(undefined) ?? resolved;
    }
    return this.lockSlow(signal);
  }

  /** Go: lockSlow (without spinning: one thread). */
  private async lockSlow(signal: AbortSignal | undefined): Promise<void> {
    const rt = callerG().rt;
    let waitStartTime = 0;
    let starving = false;
    let awoke = false;
    let old = this.state;
    for (;;) {
      let next = old;
      // Don't try to acquire a starving mutex: new goroutines must queue.
      if ((old & mutexStarving) === 0) next |= mutexLocked;
      if ((old & (mutexLocked | mutexStarving)) !== 0) next += 1 << mutexWaiterShift;
      // Switch to starvation mode, unless the mutex is unlocked (then Unlock expects waiters).
      if (starving && (old & mutexLocked) !== 0) next |= mutexStarving;
      if (awoke) {
        if ((next & mutexWoken) === 0) fatal(`${this}: sync: inconsistent mutex state`);
        next &= ~mutexWoken;
      }
      this.state = next;
      if ((old & (mutexLocked | mutexStarving)) === 0) break; // locked it
      const queueLifo = waitStartTime !== 0;
      if (waitStartTime === 0) waitStartTime = rt.nanotime();
      if (VERIFY) this.verify();
      await semacquire(this.sema, waitReasonSyncMutexLock, this, signal, () => this.abandon(), queueLifo);
      starving ||= rt.nanotime() - waitStartTime > starvationThresholdNs;
      old = this.state;
      if ((old & mutexStarving) !== 0) {
        // Starvation mode: unlock handed us the lock; mutexLocked is not set and we are still counted.
        if ((old & (mutexLocked | mutexWoken)) !== 0 || old >> mutexWaiterShift === 0)
          fatal(`${this}: sync: inconsistent mutex state`);
        let delta = mutexLocked - (1 << mutexWaiterShift);
        if (!starving || old >> mutexWaiterShift === 1) delta -= mutexStarving; // exit starvation mode
        this.state += delta;
        break;
      }
      awoke = true;
    }
    if (VERIFY) this.verify();
  }

  /** A waiter's signal aborted while it was queued: it no longer waits (nor keeps starvation mode on). */
  private abandon(): void {
    this.state -= 1 << mutexWaiterShift;
    if (this.state >> mutexWaiterShift === 0) this.state &= ~mutexStarving;
    if (VERIFY) this.verify();
  }

  /** Locks the mutex if it is free and not in starvation mode; never blocks. */
  tryLock(): boolean {
    if ((this.state & (mutexLocked | mutexStarving)) !== 0) return false;
    this.state |= mutexLocked;
    return true;
  }

  /**
   * Unlocks the mutex: in normal mode wakes the first waiter (unless one is awake already), in starvation
   * mode hands it the lock. Unlocking an unlocked mutex is Go's fatal error "sync: unlock of unlocked
   * mutex": throws GoPanic with message "fatal error: sync: unlock of unlocked mutex".
   */
  unlock(): void {
    if ((this.state & mutexLocked) === 0) throw new GoPanic(msgUnlockOfUnlocked);
    const old = this.state - mutexLocked;
    this.state = old;
    if ((old & mutexStarving) !== 0) {
      // Starvation mode: hand the lock to the next waiter (Go also yields the P to it; see above).
      semrelease(this.sema);
    } else if (old >> mutexWaiterShift !== 0 && (old & (mutexLocked | mutexWoken | mutexStarving)) === 0) {
      // Grab the right to wake someone.
      this.state = (old - (1 << mutexWaiterShift)) | mutexWoken;
      semreleaseNoHandoff(this.sema);
    }
    if (VERIFY) this.verify();
  }

  /** Whether the mutex is held (or, in starvation mode, being handed to a waiter). */
  get isLocked(): boolean {
    return (this.state & (mutexLocked | mutexStarving)) !== 0;
  }

  toString(): string {
    const s = this.state;
    const mode = (s & mutexStarving) !== 0 ? ", starving" : (s & mutexWoken) !== 0 ? ", a waiter woken" : "";
    return `sync.Mutex#${this.sema.id} (${this.isLocked ? "locked" : "unlocked"}, ${this.sema.nwait} waiting${mode})`;
  }

  /**
   * Checks the semaphore and x1: the waiter count is not negative; x2: starvation mode has a waiter
   * counted; x3: every goroutine parked on the semaphore is a waiter of this mutex, so the mutex is held
   * or being handed over, or a woken or readied waiter is on its way.
   */
  verify(): void {
    this.sema.verify();
    const s = this.state;
    if (s < 0) fatal(`${this}: x1: waiter count ${s >> mutexWaiterShift}`);
    if ((s & mutexStarving) !== 0 && s >> mutexWaiterShift === 0)
      fatal(`${this}: x2: starvation mode without waiters`);
    if (
      this.sema.nwait > 0 &&
      (s & (mutexLocked | mutexStarving | mutexWoken)) === 0 &&
      this.sema.readied === 0
    )
      fatal(`${this}: x3: waiters parked on an unlocked mutex with nobody on the way`);
  }
}

// ===== RWMutex =====

/** Go: rwmutexMaxReaders. readerCount is lowered by it while a writer holds or waits for the lock. */
const rwmutexMaxReaders = 1 << 30;

/**
 * Go's sync.RWMutex: many readers or one writer. As in Go, a writer that has called lock keeps new readers
 * out (they queue behind it) until it has locked and unlocked, so readers cannot starve a writer; the
 * readers that queued meanwhile are all let in when it unlocks. Writers are served FIFO.
 *
 * Go's counting, exactly: unlock releases one permit per queued reader without handing it over, so a
 * reader arriving before a released one has run (behind the next writer, even) takes the permit and goes
 * in, and the released one queues again; each reader's runlock counts toward what a waiting writer waits
 * for, whoever it is (oracle program `rwmutex_reader_permit_barging`).
 *
 * @example
 * const rw = new RWMutex();
 * await rw.rlock();
 * rw.tryRLock(); // true: readers share the lock
 * rw.tryLock(); // false: a writer needs the readers gone
 * rw.runlock();
 * rw.runlock();
 * await rw.lock();
 * rw.tryRLock(); // false: a writer holds it
 * rw.unlock();
 */
export class RWMutex implements Locker {
  /** Serialises writers (Go: rw.w). */
  private readonly w = new Mutex();
  /**
   * Readers that hold the lock or wait for it, less rwmutexMaxReaders while a writer holds or waits for it
   * (Go: readerCount).
   */
  private readerCount = 0;
  /** Readers a pending writer still waits for: each runlock while it waits counts one (Go: readerWait). */
  private readerWait = 0;
  /** Readers waiting for the writer (Go: readerSem; released without hand-off). */
  private readonly readerSem = new Sema();
  /** The pending writer waiting for readers to leave (Go: writerSem). */
  private readonly writerSem = new Sema();

  /** Locks for reading; parks (wait reason "sync.RWMutex.RLock") while a writer holds or awaits the lock. */
  rlock(signal?: AbortSignal): Promise<void> {
    const gate = signalGate(signal, "RWMutex.rlock");
    if (gate !== null) return gate;
    this.readerCount++;
    if (this.readerCount >= 0) return maybePreempt(undefined) ?? resolved;
    // A writer holds or waits for the lock: wait for a permit its unlock releases (or one released for a
    // reader that has not run yet: Go's semacquire takes it too).
    const gaveUp = () => {
      this.readerCount--; // no longer a reader the writer's unlock lets in
      if (VERIFY) this.verify();
    };
    const p = semacquire(this.readerSem, waitReasonSyncRWMutexRLock, this, signal, gaveUp);
    if (VERIFY) this.verify();
    return p;
  }

  /** Locks for reading if no writer holds or awaits the lock. */
  tryRLock(): boolean {
    if (this.readerCount < 0) return false;
    this.readerCount++;
    return true;
  }

  /**
   * Undoes one rlock. Without a reader, Go's fatal error: throws GoPanic("fatal error: sync: RUnlock of
   * unlocked RWMutex").
   */
  runlock(): void {
    this.readerCount--;
    const r = this.readerCount;
    if (r < 0) {
      if (r + 1 === 0 || r + 1 === -rwmutexMaxReaders) {
        this.readerCount++;
        throw new GoPanic(msgRUnlockOfUnlockedRW);
      }
      // A writer is pending: the last reader it waits for lets it in.
      this.readerWait--;
      if (this.readerWait === 0) semreleaseNoHandoff(this.writerSem);
    }
    if (VERIFY) this.verify();
  }

  /**
   * Locks for writing: waits for earlier writers (wait reason "sync.Mutex.Lock", as in Go), then for the
   * readers inside to leave ("sync.RWMutex.Lock"); new readers wait meanwhile.
   */
  async lock(signal?: AbortSignal): Promise<void> {
    const gate = signalGate(signal, "RWMutex.lock");
    if (gate !== null) return gate;
    await this.w.lock(signal);
    // Announce the writer to readers, then wait for the active ones.
    const r = this.readerCount;
    this.readerCount -= rwmutexMaxReaders;
    this.readerWait += r;
    if (this.readerWait !== 0) {
      if (VERIFY) this.verify();
      const gaveUp = () => this.abandonLock();
      await semacquire(this.writerSem, waitReasonSyncRWMutexLock, this, signal, gaveUp);
    }
    if (VERIFY) this.verify();
  }

  /** A pending writer gave up: let in the readers that queued behind it, and the next writer. */
  private abandonLock(): void {
    this.readerCount += rwmutexMaxReaders;
    const queued = this.readerCount - this.readerWait; // the others are the readers it waited for, still inside
    this.readerWait = 0;
    for (let i = 0; i < queued; i++) semreleaseNoHandoff(this.readerSem);
    this.w.unlock();
    if (VERIFY) this.verify();
  }

  /** Locks for writing if nobody holds the lock. */
  tryLock(): boolean {
    if (!this.w.tryLock()) return false;
    if (this.readerCount !== 0) {
      this.w.unlock();
      return false;
    }
    this.readerCount = -rwmutexMaxReaders;
    return true;
  }

  /**
   * Unlocks for writing, releases a permit for every reader that queued meanwhile, then lets the next
   * writer try. Without a writer holding it, Go's fatal error: throws GoPanic("fatal error: sync: Unlock
   * of unlocked RWMutex").
   */
  unlock(): void {
    this.readerCount += rwmutexMaxReaders;
    const r = this.readerCount;
    if (r >= rwmutexMaxReaders) {
      this.readerCount -= rwmutexMaxReaders;
      throw new GoPanic(msgUnlockOfUnlockedRW);
    }
    for (let i = 0; i < r; i++) semreleaseNoHandoff(this.readerSem);
    this.w.unlock();
    if (VERIFY) this.verify();
  }

  /** A Locker whose lock/unlock are rlock/runlock (Go: RLocker). */
  rLocker(): Locker {
    return { lock: (signal) => this.rlock(signal), unlock: () => this.runlock() };
  }

  toString(): string {
    const writer = this.readerCount < 0;
    const readers = writer ? this.readerCount + rwmutexMaxReaders : this.readerCount;
    const state = !writer ? "" : this.readerWait > 0 ? ", writer waiting" : ", write-locked";
    return `sync.RWMutex#${this.readerSem.id} (${readers} readers${state})`;
  }

  /**
   * Checks the semaphores and r1–r4: r1 readerWait is positive only while a writer is announced and at
   * most the readers counted; r2 readers park only behind a writer, and r3 the writer parks only while it
   * waits for readers; r4 an announced writer holds rw.w.
   */
  verify(): void {
    this.readerSem.verify();
    this.writerSem.verify();
    const writer = this.readerCount < 0;
    const readers = writer ? this.readerCount + rwmutexMaxReaders : this.readerCount;
    if (readers < 0 || this.readerWait < 0 || (this.readerWait > 0 && !writer) || this.readerWait > readers)
      fatal(`${this}: r1: readerWait ${this.readerWait}, readerCount ${this.readerCount}`);
    if (this.readerSem.nwait > 0 && !writer) fatal(`${this}: r2: readers queued, no writer`);
    if (this.writerSem.nwait > 0 && this.readerWait === 0)
      fatal(`${this}: r3: writer parked, no readers to wait for`);
    if (writer && !this.w.isLocked) fatal(`${this}: r4: writer without rw.w`);
  }
}

// ===== Once =====

/**
 * Go's sync.Once: runs a function exactly once.
 *
 * `do(f)` calls f if no call of do has called it yet, and resolves when f has returned, or, if f returns
 * a promise, when that promise has settled. Like Go's Once.Do, no call returns before f has finished:
 * concurrent callers park on the Once's Mutex (wait reason "sync.Mutex.Lock") until then. If f throws (or
 * its promise rejects), the error reaches the caller that ran f and the Once still counts as done, as in
 * Go: later calls resolve without calling f. Calling do from inside f deadlocks, as in Go.
 *
 * @example
 * const once = new Once();
 * let loads = 0;
 * const wg = new WaitGroup();
 * for (let i = 0; i < 3; i++) {
 *   wg.go(() =>
 *     once.do(async () => {
 *       await time.sleep(10 * time.Millisecond); // loading a config, say
 *       loads++;
 *     }),
 *   );
 * }
 * await wg.wait(); // every do() returned after the one call of f finished
 * loads; // 1
 */
export class Once {
  private isDone = false;
  private readonly m = new Mutex();

  do(f: () => unknown): Promise<void> {
    const bad = funcGate(f, "Once.do");
    if (bad !== null) return bad;
    if (this.isDone) return maybePreempt(undefined) ?? resolved;
    if (this.m.tryLock()) return this.runLocked(f);
    return this.m.lock().then(() => {
      if (this.isDone) {
        this.m.unlock();
        return;
      }
      return this.runLocked(f);
    });
  }

  /** Go: doSlow's body, holding m: call f, then mark done and unlock whatever f did. */
  private runLocked(f: () => unknown): Promise<void> {
    const finish = () => {
      this.isDone = true;
      this.m.unlock();
    };
    let r: unknown;
    try {
      r = f();
    } catch (e) {
      finish();
      return Promise.reject(e);
    }
    if (r === null || typeof r !== "object" || typeof (r as PromiseLike<unknown>).then !== "function") {
      finish();
      return resolved;
    }
    return Promise.resolve(r as PromiseLike<unknown>).then(finish, (e) => {
      finish();
      throw e;
    });
  }

  /** Whether f has run (and finished). */
  get done(): boolean {
    return this.isDone;
  }
}

/**
 * Go 1.21's sync.OnceFunc: a function that calls f only the first time it is called; every call resolves
 * once that first call of f has finished. If f throws, every call rejects with the same error.
 *
 * @example
 * let inits = 0;
 * const init = onceFunc(() => {
 *   inits++;
 * });
 * await init();
 * await init();
 * inits; // 1
 */
export function onceFunc(f: () => unknown): () => Promise<void> {
  checkFunc(f, "onceFunc");
  const g = onceValue(f);
  return () => g().then(() => undefined);
}

/**
 * Go 1.21's sync.OnceValue: a function that calls f only the first time it is called and resolves, then
 * and ever after, with f's result (awaited if a promise). If f throws, every call rejects with that error.
 *
 * @example
 * const config = onceValue(async () => {
 *   await time.sleep(time.Millisecond);
 *   return { port: 8080 };
 * });
 * (await config()).port; // 8080
 * (await config()) === (await config()); // true: computed once
 */
export function onceValue<T>(f: () => T | PromiseLike<T>): () => Promise<Awaited<T>> {
  checkFunc(f, "onceValue");
  const once = new Once();
  let failed = false;
  let err: unknown;
  let value: Awaited<T>;
  const run = async () => {
    try {
      value = await f();
    } catch (e) {
      failed = true;
      err = e;
    }
  };
  return () =>
    once.do(run).then(() => {
      if (failed) throw err;
      return value;
    });
}

/**
 * Go 1.21's sync.OnceValues: a function that calls f only the first time it is called and resolves, then
 * and ever after, with f's two results as a new `[a, b]` pair (Go's `a, b := g()`). f returns the pair, or
 * a promise of it. If f throws, every call rejects with that error, as {@link onceValue}.
 *
 * @throws TypeError if f is not a function; every call rejects with a TypeError if f's result is not an
 *   array.
 * @example
 * let reads = 0;
 * const readConfig = onceValues(async (): Promise<[string, Error | null]> => {
 *   reads++;
 *   return ["port=8080", null];
 * });
 * const [cfg, err] = await readConfig();
 * cfg; // "port=8080"
 * err; // null
 * await readConfig();
 * reads; // 1
 */
export function onceValues<T1, T2>(
  f: () => readonly [T1, T2] | PromiseLike<readonly [T1, T2]>,
): () => Promise<[T1, T2]> {
  if (typeof f !== "function") throw new TypeError("onceValues: f is not a function");
  const g = onceValue(f);
  return () =>
    g().then((r) => {
      if (!Array.isArray(r)) throw new TypeError("onceValues: f did not return a [value, value] pair");
      return [r[0], r[1]];
    });
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
