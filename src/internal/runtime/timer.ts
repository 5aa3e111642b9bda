// Port of go1.23 src/runtime/time.go: type timer and its operations (docs/design/timers.md §3, §4, §6,
// §7).
//
// A timer is Go's record: `when` (authoritative next firing time, 0 = inactive), `period` (> 0 for
// tickers), the callback `f(arg, seq, delay)`, and three state bits:
//
//     timerHeaped   (H)  the timer has an entry in `ts.heap`
//     timerModified (M)  `when` changed since the entry's cached key was written; the owning heap
//                        repairs the entry lazily (cleanHead, adjust, updateHeap)
//     timerZombie   (Z)  the entry is logically removed (stopped, or a channel timer whose last
//                        waiter left) and will be dropped by the owning heap
//
// Legal combinations: 0, H, H|M, H|Z, H|M|Z.
//
// Two classes share that record: a plain Timer (when, f, arg, state, ts — one-shot func timers: sleep,
// afterFunc, runtime-internal; ~100 B per pending timer with its heap slot) and a FullTimer, which adds
// `period` and the channel fields (seq, blocked, isSending) for tickers and channel timers. Two more,
// immutable, bits of `state` say which (timerFull, timerChan), so the hot paths test a bit, not a class.
//
// Go's locks become regions without an interleaving point: every operation below is synchronous, so no
// other goroutine, P or callback can observe a timer mid-modification. `lock()`/`unlock()` keep Go's
// shape and count the depth in `lockState.locks`, which the scheduler and every user callback check is
// zero (seed commit 3, I3). The other seed fixes are structural too: maybeAdd chooses the current heap and
// inserts in one step (seed 1, I1); modify makes M visible before lowering minWhenModified (seed 2, I2).
// Test-only switches in ../debug.ts re-open each bug; docs/design/seeds.md names the Go change behind each
// seed number.
//
// Channel timers (isChan) are lazy, as in Go 1.23: one gets a heap entry only when a goroutine blocks
// receiving from its channel (blocked > 0) while it is active; a receive fires an overdue timer without an
// entry on the spot (maybeRunChan). blocked > 0 and H are not equivalent: when the last waiter leaves, the
// entry becomes a zombie that keeps `when` and stays until the heap drops it, and a modify (Reset) of such
// a timer revives the entry with nobody blocked, so it fires from the heap into the channel's slot. A
// stopped timer (when 0) never gets an entry, even with waiters (docs/design/timers.md §7.1).
// Only the synchronous-channel mode (GODEBUG asynctimerchan=0, Go 1.23's default) is implemented.
//
// Invariants (checked by verifyTimer):
//   T1. M or Z set ⇒ H set; timerFull ⇔ a FullTimer; timerChan ⇒ timerFull.
//   T2. H set ⇔ ts !== null.
//   T3. blocked >= 0 and isSending >= 0; blocked > 0 ⇒ isChan.
//   T4. H set and M clear and Z clear ⇒ the heap entry's key equals when, and when > 0.
//   T5. H|M set, Z clear ⇒ 0 < ts.minWhenModified <= when.

import {
  anyFault,
  assertNoLocks,
  badTimer,
  fatal,
  faultHooks,
  faults,
  hooksOn,
  lockState,
  VERIFY,
} from "../debug.ts";
import { maxWhen, type Nanos, tickerNext } from "./nanotime.ts";
import type { Timers } from "./timers.ts";
import { tracing } from "./trace.ts";

export const timerHeaped = 1;
export const timerModified = 2;
export const timerZombie = 4;
/** The H/M/Z bits of `state` (the rest are the immutable kind bits below). */
export const timerStateBits = timerHeaped | timerModified | timerZombie;
/** Kind bit: the timer is a FullTimer (it has a period and the channel fields). */
export const timerFull = 8;
/** Kind bit: a channel timer (isChan); always with timerFull. */
export const timerChan = 16;

/**
 * A timer callback: Go's f(arg, seq, delay), and gort's `now`, the clock reading it fires at (delay is
 * now − when), so that a callback needing the time need not read the clock again. It runs with no lock
 * held and may use any timer.
 */
export type TimerFunc = (arg: any, seq: number, delay: Nanos, now: Nanos) => void;

/** The channel side of a channel timer: Go's timerchandrain. */
export interface TimerChan {
  /** Discards a buffered (undelivered) value; returns whether there was one. */
  timerchandrain(): boolean;
}

/**
 * What the timer machinery needs from the scheduler: Go's acquirem().p.timers, nanotime() and
 * wakeNetPoller(). The scheduler installs its implementation with setTimerEnv; engine tests install
 * their own.
 */
export interface TimerEnv {
  /** The heap of the P (or bubble) the calling goroutine runs on right now. */
  currentTimers(t: Timer): Timers;
  /** The current monotonic time of the clock that governs t. */
  nanotime(t: Timer): Nanos;
  /** Someone must be woken to run timers at `when` (Go: wakeNetPoller). */
  wakeNetPoller(when: Nanos, ts: Timers): void;
  /** A timer was constructed (called only when VERIFY is on: records which runtime created it). */
  noteNew?(t: Timer): void;
  /**
   * A timer of heap ts was stopped: its entry stays, a zombie, until the heap's owner cleans it. If no M
   * runs the heap's runtime now, someone must look again, or the host wake-up armed for the zombie would
   * stand (and keep Node alive) until its time.
   */
  stopped?(ts: Timers): void;
  /** Publishes a timer trace event (called only while tracing). */
  traceTimer?(kind: "timer.add" | "timer.modify" | "timer.stop" | "timer.fire", t: Timer): void;
}

const noEnv: TimerEnv = {
  currentTimers() {
    return fatal("gort: timer used outside a runtime");
  },
  nanotime() {
    return fatal("gort: timer used outside a runtime");
  },
  wakeNetPoller() {},
  traceTimer() {},
};

/** The installed environment. */
export let env: TimerEnv = noEnv;

export function setTimerEnv(e: TimerEnv | null): void {
  env = e ?? noEnv;
}

function noop(): void {}

/**
 * A one-shot func timer: Go's record without `period` and the channel fields, which most timers (sleep,
 * afterFunc, runtime-internal) never use — five fields, so a pending timer costs about 100 B instead of
 * 150 B. Tickers and channel timers are FullTimers. The kind bits in `state` tell them apart without a
 * map check.
 */
export class Timer {
  /** Next firing time (ns); 0 means inactive. Authoritative; the heap key may lag (M). */
  when: Nanos = 0;
  f: TimerFunc;
  arg: any;
  /** H/M/Z bits, plus the immutable kind bits (timerFull, timerChan). */
  state = 0;
  /** The heap holding this timer's entry, or null. */
  ts: Timers | null = null;

  constructor(f: TimerFunc, arg: unknown) {
    this.f = f;
    this.arg = arg;
    if (VERIFY) env.noteNew?.(this);
  }

  /** > 0 for tickers: after firing, when advances by whole periods. Always 0 for a plain Timer. */
  get period(): Nanos {
    return fullOf(this)?.per ?? 0;
  }

  /** Feeds a channel (NewTimer/NewTicker/After/Tick): lazy, synchronous-looking. Immutable. */
  get isChan(): boolean {
    return (this.state & timerChan) !== 0;
  }

  lock(): void {
    lockState.locks++;
  }

  unlock(): void {
    lockState.locks--;
  }

  /** Go: (*timer).needsAdd. Not heaped, active, and not a channel timer nobody waits on. */
  needsAdd(): boolean {
    const s = this.state;
    return (
      (s & timerHeaped) === 0 &&
      this.when > 0 &&
      ((s & timerChan) === 0 || (this as unknown as FullTimer).blocked > 0)
    );
  }

  /**
   * Go: (*timer).modify. Sets when/period (and f/arg/seq when f is given); returns whether the timer was
   * pending, i.e. whether this call prevented a firing (for channel timers: a value not yet received).
   */
  modify(when: Nanos, period: Nanos, f: TimerFunc | null, arg: unknown, seq: number): boolean {
    if (!(when > 0)) fatal("timer when must be positive");
    if (!(period >= 0)) fatal("timer period must be non-negative");
    this.lock();
    const full = fullOf(this);
    let oldPeriod = 0;
    if (full !== null) {
      oldPeriod = full.per;
      full.per = period;
    } else if (period !== 0) {
      this.unlock();
      fatal("gort: a periodic timer must be a FullTimer");
    }
    if (f !== null) {
      this.f = f;
      this.arg = arg;
      if (full !== null) full.seq = seq;
    }
    let wake = false;
    let pending = this.when > 0;
    this.when = when;
    // Seed 3's bug: a preemption honoured mid-modification. The goroutine enters the scheduler, whose first
    // step runs the P's due timers (findRunnable → checkTimers) while t is half-modified: `when` is new, its
    // heap key old and M not yet set (T4 broken). D2 catches the entry ("checkTimers: holding locks").
    if (anyFault && faults.preemptWhileLocked) preemptMidModify(this);
    const ts = this.ts;
    if (ts !== null) {
      // Go's order: M set and Z cleared, then (if this lowers the bound) M made visible to a concurrent
      // adjust's lock-free scan, then minWhenModified lowered (seed commit 2, I2).
      if ((this.state & timerZombie) !== 0) {
        ts.zombies--;
        this.state &= ~timerZombie;
      }
      if (ts.minWhenModified === 0 || when < ts.minWhenModified) {
        wake = true;
        if (anyFault && faults.lateModifiedBit) {
          // Seed 2's bug: minWhenModified is lowered while M is not yet visible to adjust's scan.
          ts.updateMinWhenModified(when);
          if (hooksOn) faultHooks.at("modify");
          this.state |= timerModified;
        } else {
          this.state |= timerModified;
          // A concurrent adjust may run here (Go: another M's scan sees M and waits for t's lock).
          if (hooksOn) faultHooks.at("modify");
          ts.updateMinWhenModified(when);
        }
      } else {
        this.state |= timerModified;
      }
    }
    const add = this.needsAdd();
    const chan = (this.state & timerChan) !== 0 ? full : null;
    if (chan !== null) {
      chan.seq++;
      if (oldPeriod === 0 && chan.isSending > 0) pending = true;
    }
    this.unlock();
    if (chan !== null && (this.arg as TimerChan).timerchandrain()) pending = true;
    if (VERIFY) this.verifyAll();
    if (tracing) env.traceTimer?.("timer.modify", this);
    if (add) this.maybeAdd();
    if (wake) env.wakeNetPoller(when, ts!);
    return pending;
  }

  /** Go: (*timer).reset. modify() keeping f, arg and seq. */
  reset(when: Nanos, period: Nanos): boolean {
    return this.modify(when, period, null, null, 0);
  }

  /**
   * Go: (*timer).stop. Deactivates the timer; a heaped entry becomes a zombie for the owning heap to
   * drop. Returns whether the call prevented a firing (or discarded an undelivered channel value).
   */
  stop(): boolean {
    this.lock();
    const ts = this.ts;
    if (ts !== null) {
      this.state |= timerModified;
      if ((this.state & timerZombie) === 0) {
        this.state |= timerZombie;
        ts.zombies++;
      }
    }
    let pending = this.when > 0;
    this.when = 0;
    const chan = chanOf(this);
    if (chan !== null) {
      chan.seq++;
      if (chan.per === 0 && chan.isSending > 0) pending = true;
    }
    this.unlock();
    if (chan !== null && (this.arg as TimerChan).timerchandrain()) pending = true;
    if (VERIFY) this.verifyAll();
    if (tracing) env.traceTimer?.("timer.stop", this);
    if (ts !== null) env.stopped?.(ts);
    return pending;
  }

  /**
   * Go: (*timer).maybeAdd. Adds the timer to the heap of the P the caller runs on, if it needs a heap
   * entry. Choosing that heap and inserting into it is one step (seed commit 1, I1): a goroutine can never
   * migrate in between and leave the timer in an idle P's heap that nobody watches.
   */
  maybeAdd(): void {
    let ts: Timers;
    if (anyFault && faults.chooseHeapEarly) {
      // Seed 1's bug: an interleaving point after the heap was chosen; the goroutine may now run elsewhere.
      ts = env.currentTimers(this);
      if (hooksOn) faultHooks.at("maybeAdd");
    } else {
      // The goroutine may be preempted and migrate up to here, not after (Go: acquirem).
      if (hooksOn) faultHooks.at("maybeAdd");
      ts = env.currentTimers(this);
    }
    ts.cleanHead();
    this.lock();
    let wake = false;
    const when = this.when;
    if (this.needsAdd()) {
      this.state |= timerHeaped;
      const wakeTime = ts.wakeTime();
      wake = wakeTime === 0 || when < wakeTime;
      ts.addHeap(this);
      if (tracing) env.traceTimer?.("timer.add", this);
    }
    this.unlock();
    if (VERIFY) ts.verify();
    if (wake) env.wakeNetPoller(when, ts);
  }

  /**
   * Go: (*timer).updateHeap. t is ts.heap[0]: drop it if it is a zombie, or re-sift it with its current
   * `when` if it was modified. Returns whether it changed anything.
   */
  updateHeap(): boolean {
    const ts = this.ts;
    if (ts === null || ts.heapT[0] !== this) badTimer("updateHeap: not the heap's head");
    if ((this.state & timerZombie) !== 0) {
      this.state &= ~(timerHeaped | timerZombie | timerModified);
      ts.zombies--;
      ts.deleteMin();
      return true;
    }
    if ((this.state & timerModified) !== 0) {
      this.state &= ~timerModified;
      ts.heapW[0] = this.when;
      ts.siftDown(0);
      ts.updateMinWhenHeap();
      return true;
    }
    return false;
  }

  /**
   * Go: (*timer).unlockAndRun. Fires the timer at `now`: computes the next `when` (a ticker skips every
   * missed period; a one-shot becomes inactive), repairs the heap, then calls f with no lock held.
   */
  unlockAndRun(now: Nanos): void {
    if ((this.state & (timerModified | timerZombie)) !== 0) badTimer("unlockAndRun: modified or zombie");
    let f = this.f;
    const arg = this.arg;
    const full = fullOf(this);
    const seq = full !== null ? full.seq : 0;
    const period = full !== null ? full.per : 0;
    const delay = now - this.when;
    if (tracing) env.traceTimer?.("timer.fire", this);
    const next = period > 0 ? tickerNext(this.when, period, delay) : 0;
    const ts = this.ts;
    this.when = next;
    if (ts !== null) {
      this.state |= timerModified;
      if (next === 0) {
        this.state |= timerZombie;
        ts.zombies++;
      }
      this.updateHeap();
    }
    const chan = (this.state & timerChan) !== 0 ? full : null;
    const oneShotChan = chan !== null && period === 0;
    if (oneShotChan) chan.isSending++;
    this.unlock();
    // Go unlocks ts here for f (and locks it again after): ts.len is stored at that unlock.
    if (ts !== null) ts.lenAtUnlock = ts.heapT.length;
    if (chan !== null) {
      if (oneShotChan) chan.isSending--;
      if (chan.seq !== seq) f = noop;
    }
    if (VERIFY) {
      this.verifyAll();
      assertNoLocks("timer callback");
    }
    f(arg, seq, delay, now);
  }

  /**
   * Go: (*timer).maybeRunChan. A receive on a lazy channel timer's channel fires it on the spot if it is
   * overdue and not in a heap (a heaped timer is delivered by its heap).
   */
  maybeRunChan(): void {
    if ((this.state & timerHeaped) !== 0 || this.when === 0) return;
    const now = env.nanotime(this);
    if (this.when > now) return;
    this.lock();
    this.unlockAndRun(now);
  }

  /**
   * Go: blockTimerChan. A goroutine blocks receiving from this timer's channel: the timer now needs a heap
   * entry (a zombie entry left by an earlier waiter is revived).
   */
  blockTimerChan(): void {
    this.lock();
    if (!this.isChan) badTimer("blockTimerChan: not a channel timer");
    (this as unknown as FullTimer).blocked++;
    const ts = this.ts;
    if (ts !== null && (this.state & timerZombie) !== 0 && this.when > 0) {
      this.state &= ~timerZombie;
      ts.zombies--;
    }
    const add = this.needsAdd();
    this.unlock();
    if (VERIFY) this.verifyAll();
    if (add) this.maybeAdd();
  }

  /**
   * Go: unblockTimerChan. A goroutine stopped waiting on this timer's channel; when none is left the entry
   * becomes a zombie but keeps `when`, so a later receive can still fire the timer lazily.
   */
  unblockTimerChan(): void {
    this.lock();
    const full = this as unknown as FullTimer;
    if (!this.isChan || full.blocked === 0) badTimer("unblockTimerChan: not blocked");
    full.blocked--;
    const ts = this.ts;
    if (full.blocked === 0 && ts !== null && (this.state & timerZombie) === 0) {
      this.state |= timerZombie;
      ts.zombies++;
    }
    this.unlock();
    if (VERIFY) this.verifyAll();
  }

  /** Checks T1–T5 for this timer (T4's entry lookup only if `findEntry`); throws through badTimer. */
  verifyTimer(findEntry = true): void {
    const s = this.state;
    if ((s & ~(timerStateBits | timerFull | timerChan)) !== 0) badTimer(`T1: unknown state bits ${s}`);
    if (((s & timerFull) !== 0) !== this instanceof FullTimer) badTimer("T1: kind bit vs class");
    if ((s & timerChan) !== 0 && (s & timerFull) === 0) badTimer("T1: channel timer without timerFull");
    if ((s & (timerModified | timerZombie)) !== 0 && (s & timerHeaped) === 0) badTimer(`T1: state ${s}`);
    if (((s & timerHeaped) !== 0) !== (this.ts !== null)) badTimer("T2: heaped bit vs ts");
    if (this instanceof FullTimer) {
      if (this.blocked < 0 || this.isSending < 0) badTimer("T3: negative counter");
      if (this.blocked > 0 && !this.isChan) badTimer("T3: blocked on a non-channel timer");
    }
    if (!(this.when >= 0 && this.when <= maxWhen)) badTimer(`when out of range: ${this.when}`);
    const ts = this.ts;
    if (ts === null || (s & timerZombie) !== 0) return;
    if ((s & timerModified) === 0) {
      if (!findEntry) return;
      const i = ts.heapT.indexOf(this);
      if (i < 0) badTimer("T2: heaped timer not in its heap");
      if (ts.heapW[i] !== this.when || this.when <= 0) badTimer("T4: heap key differs from when");
    } else if (!(ts.minWhenModified > 0 && ts.minWhenModified <= this.when)) {
      badTimer(`T5: minWhenModified ${ts.minWhenModified} > when ${this.when}`);
    }
  }

  /** verifyTimer plus the owning heap's verify. */
  verifyAll(): void {
    this.verifyTimer();
    this.ts?.verify();
  }
}

/** Seed 3's fault only: what schedule() does first on the goroutine's P (run its due timers). */
function preemptMidModify(t: Timer): void {
  env.currentTimers(t).check(0, () => env.nanotime(t), true, { now: 0, pollUntil: 0, ran: false, fired: 0 });
}

const timerIds = new WeakMap<Timer, number>();
let nextTimerId = 1;

/** A timer's identity for traces, dumps and test messages, assigned on first use (timers carry no id). */
export function timerId(t: Timer): number {
  let id = timerIds.get(t);
  if (id === undefined) {
    id = nextTimerId++;
    timerIds.set(t, id);
  }
  return id;
}

/** t as a FullTimer (tickers, channel timers), or null for a plain one-shot Timer. */
function fullOf(t: Timer): FullTimer | null {
  return (t.state & timerFull) !== 0 ? (t as FullTimer) : null;
}

/** t as a channel timer, or null. */
function chanOf(t: Timer): FullTimer | null {
  return (t.state & timerChan) !== 0 ? (t as FullTimer) : null;
}

/**
 * Go's full timer record: a Timer plus `period` (tickers) and the channel fields. Channel timers
 * (NewTimer, NewTicker, After, Tick) and periodic func timers are FullTimers.
 */
export class FullTimer extends Timer {
  /** The period (read it through `period`); > 0 for tickers. */
  per: Nanos = 0;
  /** Generation counter for channel timers (stale sends become no-ops), opaque otherwise. */
  seq = 0;
  /** Number of goroutines blocked receiving from this timer's channel. */
  blocked = 0;
  /** One-shot channel sends committed to but not yet made (Go issue 69312). */
  isSending = 0;

  constructor(f: TimerFunc, arg: unknown, isChan = false) {
    super(f, arg);
    this.state = isChan ? timerFull | timerChan : timerFull;
  }
}
