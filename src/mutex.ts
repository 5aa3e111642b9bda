// Go's sync.Mutex and sync.RWMutex (Go: mutex.go, rwmutex.go), and the Locker both implement: Go's
// algorithms on a state word and the runtime semaphore of internal/runtime/sema.ts. Public through sync.ts;
// the package-level design notes (wait reasons, AbortSignal, differences from Go) are at the top of sync.ts.

import { GoPanic, msgUnlockOfUnlocked } from "./errors.ts";
import { badReceiver, signalGate } from "./internal/args.ts";
import { fatal, VERIFY } from "./internal/debug.ts";
import { callerG } from "./internal/runtime/chan.ts";
import { waitReasonSyncMutexLock } from "./internal/runtime/g.ts";
import { maybePreempt } from "./internal/runtime/proc.ts";
import {
  Sema,
  semacquire,
  semrelease,
  semreleaseNoHandoff,
  waitReasonSyncRWMutexLock,
  waitReasonSyncRWMutexRLock,
} from "./internal/runtime/sema.ts";

/** Go's fatal messages for RWMutex misuse (printed after "fatal error: "). */
const msgRUnlockOfUnlockedRW = "fatal error: sync: RUnlock of unlocked RWMutex";
const msgUnlockOfUnlockedRW = "fatal error: sync: Unlock of unlocked RWMutex";

const resolved: Promise<void> = Promise.resolve();

/** Go's sync.Locker: something that can be locked and unlocked (Mutex, RWMutex, RWMutex.rLocker()). */
export interface Locker {
  lock(signal?: AbortSignal): Promise<void>;
  unlock(): void;
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
    if (!(this instanceof Mutex)) return badReceiver("Mutex.lock", this);
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
    if (!(this instanceof RWMutex)) return badReceiver("RWMutex.rlock", this);
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
