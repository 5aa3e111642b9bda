// Stress: seeded random programs under the fake clock at procs 1–8, checked against exact models.
//
// Each program (one seed) runs in its own fake-clock Runtime seeded with the same seed: 2–6 worker
// goroutines each perform a random sequence of operations on timers (newTimer, stop, reset, receive with
// and without timeouts), tickers, afterFunc timers, shared channels (buffered and not, one sometimes
// closed), multi-case selects, contexts with deadlines (and ctx.signal on blocking calls), GOMAXPROCS
// changes (procresize), nested goroutines, gosched and sleeps. Under the fake clock every outcome is exact,
// so each operation is checked against a model as it completes:
//   - sleeps, receives and context deadlines return at exactly the virtual time they are due;
//   - a timer channel delivers the scheduled time of its current arming, at most one value per one-shot
//     arming, never a value of an arming that stop()/reset() returned from (G6); stop/reset return whether
//     a value was still to come; a ticker's values are on its phase, skip missed ticks as Go does, and
//     stop after stop();
//   - an afterFunc runs exactly once per arming that was not cancelled, at its `when`; stop/reset return
//     true for a pending arming and false for one that already fired (G5/G6);
//   - every value sent on a shared channel is received exactly once, in order per sender; a send on a
//     closed channel panics with Go's message; GOMAXPROCS returns the previous setting.
// At every scheduling point (the `execute` hook) the checker also verifies, beyond Runtime.verify() (which
// VERIFY runs at every schedule(): G1–G4, G7, idle-P bookkeeping):
//   - G5 no lost wake-up: no live heap timer is due before the current virtual time (the clock moved past
//     it), every sleeping goroutine's timer is armed in a live P's heap, every armed AfterFunc timer and
//     every channel timer with a blocked receiver has a live heap entry; the fake clock never goes back;
//   - D2/I3: wakeNetPoller (where Go may preempt into the scheduler) is entered with no timer lock held.
// It also injects interleavings Go allows, deterministically from the seed: at the `maybeAdd` point the
// running goroutine may migrate to another P while its P goes idle (as a preemption would, I1), and at the
// `modify` point another M may run a forced adjust on every heap (I2).
//
//   npm run test:unit -- test/stress                    1,000 programs
//   STRESS=1 npm run test:unit -- test/stress           a million programs
//   STRESS_RUNS=N npm run test:unit -- test/stress      N programs (seeds 1…N; STRESS_FROM=k starts at k)
//   GORT_SEED=S npm run test:unit -- test/stress        replay program S (prints its operation log on failure)
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type Case,
  type Chan,
  chan,
  context,
  GOMAXPROCS,
  go,
  gosched,
  isGoPanic,
  recv,
  select,
  send,
  time,
  WaitGroup,
} from "../../src/index.ts";
import { assertNoLocks, fatal, lockState, setHook } from "../../src/internal/debug.ts";
import { _Gwaiting, type G, waitReasonSleep } from "../../src/internal/runtime/g.ts";
import { _Prunning, type P } from "../../src/internal/runtime/p.ts";
import { Sched as Runtime } from "../../src/internal/runtime/proc.ts";
import {
  FullTimer,
  type Timer as RTimer,
  setTimerEnv,
  type TimerEnv,
  env as timerEnv,
  timerHeaped,
  timerId,
  timerZombie,
} from "../../src/internal/runtime/timer.ts";
import type { Timers } from "../../src/internal/runtime/timers.ts";
import { envInt, Rng } from "./rng.ts";

// ===== configuration =====

const replaySeed = envInt("GORT_SEED");
const runs =
  replaySeed !== undefined ? 1 : (envInt("STRESS_RUNS") ?? (process.env.STRESS === "1" ? 1_000_000 : 1000));
const firstSeed = replaySeed ?? envInt("STRESS_FROM") ?? 1;
/** A program that has not finished after this much real time has hung. */
const hangMs = 20_000;
const ms = 1e6;
const maxWhen = 2 ** 63;

// ===== the program =====

/** A duration argument as programs pass it: mostly small, sometimes zero, negative, huge or a bigint. */
type Dur = number | bigint;

function dur(r: Rng): Dur {
  const k = r.int(100);
  if (k < 6) return 0;
  if (k < 10) return -1 - r.int(2 * ms);
  if (k < 12) return r.pick([time.Hour, 2 ** 62, Number.POSITIVE_INFINITY, 1n << 62n, 2n ** 70n]);
  if (k < 16) return BigInt(1 + r.int(4 * ms));
  if (k < 30) return 1 + r.int(5 * ms);
  return (1 + r.int(40)) * 100_000; // a coarse grid: equal deadlines are common
}

/** A short wait (>= 0) for timeouts. */
function shortWait(r: Rng): number {
  const k = r.int(10);
  if (k === 0) return 0;
  if (k < 3) return 1 + r.int(4 * ms);
  return (1 + r.int(40)) * 100_000;
}

/** Go's time.when(d) on a clock reading `now`: the model of a timer's `when`. */
function whenOf(d: Dur, now: number): number {
  let n: number;
  if (typeof d === "bigint") n = Number(d > 2n ** 63n ? 2n ** 63n : d);
  else n = Math.trunc(d);
  if (n <= 0) return now;
  const t = now + n;
  return t < maxWhen ? Math.floor(t) : maxWhen;
}

interface SharedChan {
  c: Chan<number>;
  idx: number;
  closed: boolean;
  closeable: boolean;
}

interface Arming {
  when: number;
  cancelled: boolean;
  ran: number;
}

interface Stats {
  programs: number;
  ops: number;
  switches: number;
  jumps: number;
  checks: number;
  migrations: number;
  adjusts: number;
}

/** Thrown by a failed expectation inside a program. */
class Mismatch extends Error {
  override name = "Mismatch";
}

class Program {
  readonly rt: Runtime;
  readonly log: string[] = [];
  readonly chans: SharedChan[] = [];
  /** Tokens whose send completed, and tokens received. */
  readonly sent = new Set<number>();
  readonly received = new Set<number>();
  /** Last token sequence number received per channel and sender. */
  readonly lastSeq = new Map<string, number>();
  readonly armings: Arming[] = [];
  procs: number;
  ops = 0;
  readonly wg = new WaitGroup();

  constructor(
    readonly seed: number,
    procs: number,
    private readonly keepLog: boolean,
  ) {
    this.procs = procs;
    this.rt = new Runtime({ clock: "fake", seed, procs, spawnSites: false });
    this.rt.liveTimers = new Set(); // every timer made through package time is tracked for the checker
  }

  now(): number {
    return this.rt.nanotime();
  }

  note(w: number, what: string): void {
    this.ops++;
    if (this.keepLog) this.log.push(`@${this.now()} g${w}: ${what}`);
    else if (this.log.length < 64) this.log.push(`@${this.now()} g${w}: ${what}`);
    else {
      this.log.shift();
      this.log.push(`@${this.now()} g${w}: ${what}`);
    }
  }

  expect(cond: boolean, what: string): void {
    if (!cond) throw new Mismatch(`${what} (at ${this.now()})`);
  }

  eq<T>(got: T, want: T, what: string): void {
    if (got !== want)
      throw new Mismatch(`${what}: got ${String(got)}, want ${String(want)} (at ${this.now()})`);
  }

  async main(r: Rng): Promise<void> {
    const nchans = 1 + r.int(3);
    for (let i = 0; i < nchans; i++) {
      this.chans.push({
        c: chan<number>(r.int(4), `s${i}`),
        idx: i,
        closed: false,
        closeable: i === 0 && r.chance(0.3),
      });
    }
    const workers = 2 + r.int(7);
    for (let i = 1; i <= workers; i++) {
      this.wg.add(1);
      const wr = new Rng(this.seed * 7919 + i * 104729);
      go(async () => {
        await this.worker(i, wr, 5 + wr.int(26));
        this.wg.done();
      });
    }
    await this.wg.wait();
    // Drain the shared channels: every completed send is received exactly once.
    for (const sc of this.chans) {
      for (;;) {
        const v = sc.c.tryRecv();
        if (v === null || !v.ok) break;
        this.gotToken(sc, v.value!, 0);
      }
    }
    for (const tok of this.sent)
      this.expect(this.received.has(tok), `token ${tok} was sent but never received`);
    for (const tok of this.received)
      this.expect(this.sent.has(tok), `token ${tok} received but its send failed`);
    // Let every afterFunc due within the next 100 ms run, then check each ran once.
    const n = this.now();
    let until = n;
    for (const a of this.armings)
      if (!a.cancelled && a.when <= n + 100 * ms && a.when > until) until = a.when;
    // One ns past the last one: at its own instant the goroutine running it may not have run yet.
    await time.sleep(until - n + 1);
    for (const a of this.armings) {
      if (!a.cancelled && a.when <= this.now())
        this.eq(a.ran, 1, `afterFunc arming due at ${a.when} ran this many times`);
      if (a.cancelled) this.eq(a.ran, 0, "a cancelled afterFunc arming ran");
    }
  }

  async worker(w: number, r: Rng, nops: number): Promise<void> {
    for (let k = 0; k < nops; k++) await this.op(w, r, true);
  }

  async op(w: number, r: Rng, mayNest: boolean): Promise<void> {
    const k = r.int(100);
    if (k < 10) return this.opSleep(w, r);
    if (k < 25) return this.opTimer(w, r);
    if (k < 33) return this.opTicker(w, r);
    if (k < 43) return this.opAfterFunc(w, r);
    if (k < 60) return this.opChan(w, r);
    if (k < 68) return this.opMultiSelect(w, r);
    if (k < 80) return this.opContext(w, r);
    if (k < 86) return this.opProcs(w, r);
    if (k < 92 && mayNest) return this.opSpawn(w);
    this.note(w, "gosched");
    await gosched();
  }

  async opSleep(w: number, r: Rng): Promise<void> {
    const d = r.chance(0.2) ? -r.int(ms) : shortWait(r);
    this.note(w, `sleep(${d})`);
    const n = this.now();
    await time.sleep(d);
    this.eq(this.now(), d > 0 ? n + d : n, "sleep woke at");
  }

  /** A one-shot timer: a few operations on it, each checked against the exact model. */
  async opTimer(w: number, r: Rng): Promise<void> {
    const d = dur(r);
    let armed = true;
    let when = whenOf(d, this.now());
    this.note(w, `newTimer(${String(d)}) when=${when}`);
    const t = time.newTimer(d);
    for (let i = 1 + r.int(4); i > 0; i--) {
      const n = this.now();
      switch (r.int(6)) {
        case 0: {
          this.note(w, "timer tryRecv");
          const v = t.c.tryRecv();
          if (armed && when <= n && !(v === null && heaped(t))) {
            this.expect(v?.ok === true, "tryRecv of an expired timer got nothing");
            this.eq(v!.value!.mono, when, "timer value");
            armed = false;
          } else {
            this.expect(v === null, "tryRecv got a value before when, or after receive/stop (G6)");
          }
          break;
        }
        case 1: {
          const x = shortWait(r);
          this.note(w, `timer select with timeout ${x}`);
          const res = await select([recv(t.c), recv(time.after(x))] as const);
          const want = race(armed, when, n, n + x);
          if (res.index === 0) {
            this.expect(
              want !== 1,
              `timer case won but the timeout was due first (armed=${armed} when=${when})`,
            );
            this.eq(res.value!.mono, when, "timer value");
            this.eq(this.now(), Math.max(when, n), "timer select returned at");
            armed = false;
          } else {
            this.expect(
              want !== 0,
              `timeout won but the timer was due first (when=${when}, timeout ${n + x})`,
            );
            this.eq(this.now(), n + x, "timeout returned at");
          }
          break;
        }
        case 2: {
          this.note(w, "timer stop");
          this.eq(t.stop(), armed, "Timer.stop result");
          armed = false;
          this.expect(t.c.tryRecv() === null, "a value was received after stop returned (G6)");
          break;
        }
        case 3: {
          const d2 = dur(r);
          this.note(w, `timer reset(${String(d2)})`);
          this.eq(t.reset(d2), armed, "Timer.reset result");
          armed = true;
          when = whenOf(d2, n);
          break;
        }
        case 4: {
          if (!armed || when - n > 10 * ms) break;
          this.note(w, "timer recv");
          const v = await t.c.recv();
          this.eq(v!.mono, when, "timer value");
          this.eq(this.now(), Math.max(when, n), "timer recv returned at");
          armed = false;
          break;
        }
        default:
          await this.opSleep(w, r);
      }
    }
    if (r.chance(0.5)) {
      this.note(w, "timer final stop");
      this.eq(t.stop(), armed, "Timer.stop result");
    }
  }

  /** A ticker, modelled exactly: `next` is its when; a receive fires it lazily, skipping missed ticks. */
  async opTicker(w: number, r: Rng): Promise<void> {
    let period = (1 + r.int(30)) * 100_000 + (r.chance(0.2) ? r.int(1000) : 0);
    let next = this.now() + period;
    let stopped = false;
    this.note(w, `newTicker(${period})`);
    const tk = time.newTicker(period);
    const take = (v: number, n: number, blocked: boolean): void => {
      this.expect(!stopped, "a tick was received after stop");
      if (next <= n) {
        this.eq(v, next, "tick value (a missed tick)");
        this.eq(this.now(), n, "a due tick is received at once");
        next += period * (1 + Math.floor((n - next) / period));
      } else {
        this.expect(blocked, "a tick before its time");
        this.eq(v, next, "tick value");
        this.eq(this.now(), next, "tick received at");
        next += period;
      }
    };
    for (let i = 1 + r.int(4); i > 0; i--) {
      const n = this.now();
      switch (r.int(6)) {
        case 0: {
          if (stopped) break;
          this.note(w, "ticker recv");
          const v = await tk.c.recv();
          take(v!.mono, n, true);
          break;
        }
        case 1: {
          const x = shortWait(r);
          this.note(w, `ticker select with timeout ${x}`);
          const res = await select([recv(tk.c), recv(time.after(x))] as const);
          const want = race(!stopped, next, n, n + x);
          if (res.index === 0) {
            this.expect(want !== 1, "tick won but the timeout was due first");
            take(res.value!.mono, n, true);
          } else {
            this.expect(want !== 0, `timeout won but a tick was due first (next=${next})`);
            this.eq(this.now(), n + x, "timeout returned at");
          }
          break;
        }
        case 2: {
          this.note(w, "ticker tryRecv");
          const v = tk.c.tryRecv();
          if (!stopped && next <= n && !(v === null && heaped(tk))) {
            this.expect(v !== null, "tryRecv of a due tick got nothing");
            take(v!.value!.mono, n, false);
          } else {
            this.expect(v === null, "tryRecv got a tick before its time or after stop");
          }
          break;
        }
        case 3: {
          this.note(w, "ticker stop");
          tk.stop();
          stopped = true;
          this.expect(tk.c.tryRecv() === null, "a tick was received after stop returned");
          break;
        }
        case 4: {
          period = 1 + r.int(3 * ms);
          this.note(w, `ticker reset(${period})`);
          tk.reset(period);
          stopped = false;
          next = n + period;
          this.expect(tk.c.tryRecv() === null, "a tick of the old period was received after reset");
          break;
        }
        default:
          await this.opSleep(w, r);
      }
    }
    if (r.chance(0.7)) tk.stop();
  }

  /** An AfterFunc timer: each arming runs once at its when unless stop/reset cancelled it. */
  async opAfterFunc(w: number, r: Rng): Promise<void> {
    const d = dur(r);
    let cur: Arming = { when: whenOf(d, this.now()), cancelled: false, ran: 0 };
    this.armings.push(cur);
    this.note(w, `afterFunc(${String(d)}) when=${cur.when}`);
    const f = () => {
      const n = this.now();
      const a = this.armings.find((x) => x.when === n && !x.cancelled && x.ran === 0);
      if (a === undefined) throw new Mismatch(`an afterFunc ran at ${n} with no live arming due then`);
      a.ran++;
    };
    const t = time.afterFunc(d, f);
    /** What stop/reset must return, or null if either is right (due exactly now: it may not have run yet). */
    const expected = (n: number): boolean | null => {
      if (cur.cancelled) return false;
      if (cur.when > n) return true;
      if (cur.when < n) return false;
      return null;
    };
    for (let i = r.int(4); i > 0; i--) {
      const n = this.now();
      switch (r.int(3)) {
        case 0: {
          this.note(w, "afterFunc stop");
          const want = expected(n);
          const got = t.stop();
          if (want !== null) this.eq(got, want, "AfterFunc stop result");
          if (got) cur.cancelled = true;
          break;
        }
        case 1: {
          const d2 = dur(r);
          this.note(w, `afterFunc reset(${String(d2)})`);
          const want = expected(n);
          const got = t.reset(d2);
          if (want !== null) this.eq(got, want, "AfterFunc reset result");
          if (got) cur.cancelled = true;
          cur = { when: whenOf(d2, n), cancelled: false, ran: 0 };
          this.armings.push(cur);
          break;
        }
        default:
          await this.opSleep(w, r);
      }
    }
  }

  token(w: number, seq: number): number {
    return w * 1_000_000 + seq;
  }

  private seq = 0;
  private children = 0;

  /**
   * Records a received token. Values of one sender reach one receiver in the order sent (a receiver records
   * a value before it can receive the next; across receivers the recording order is the resumption order).
   */
  gotToken(sc: SharedChan, tok: number, receiver: number): void {
    this.expect(!this.received.has(tok), `token ${tok} received twice`);
    this.received.add(tok);
    const key = `${sc.idx}:${Math.floor(tok / 1_000_000)}:${receiver}`;
    const last = this.lastSeq.get(key) ?? -1;
    this.expect(tok % 1_000_000 > last, `token ${tok} on s${sc.idx} out of order (after seq ${last})`);
    this.lastSeq.set(key, tok % 1_000_000);
  }

  sendPanicked(sc: SharedChan, e: unknown): void {
    if (!isGoPanic(e, "send on closed channel")) throw e;
    this.expect(sc.closed, "send panicked on an open channel");
  }

  /** One operation on a shared channel. */
  async opChan(w: number, r: Rng): Promise<void> {
    const sc = r.pick(this.chans);
    const c = sc.c;
    const tok = this.token(w, ++this.seq);
    const n = this.now();
    switch (r.int(7)) {
      case 0: {
        const x = shortWait(r);
        this.note(w, `send ${tok} on s${sc.idx} with timeout ${x}`);
        try {
          const res = await select([send(c, tok), recv(time.after(x))] as const);
          if (res.index === 0) this.sent.add(tok);
          else this.eq(this.now(), n + x, "send timeout returned at");
        } catch (e) {
          this.sendPanicked(sc, e);
        }
        break;
      }
      case 1: {
        const x = shortWait(r);
        this.note(w, `recv on s${sc.idx} with timeout ${x}`);
        const res = await select([recv(c), recv(time.after(x))] as const);
        if (res.index === 0) {
          if (res.ok) this.gotToken(sc, res.value as number, w);
          else this.expect(sc.closed, "recv reported closed on an open channel");
        } else this.eq(this.now(), n + x, "recv timeout returned at");
        break;
      }
      case 2: {
        this.note(w, `trySend ${tok} on s${sc.idx}`);
        try {
          if (c.trySend(tok)) this.sent.add(tok);
        } catch (e) {
          this.sendPanicked(sc, e);
        }
        break;
      }
      case 3: {
        this.note(w, `tryRecv on s${sc.idx}`);
        const v = c.tryRecv();
        if (v !== null) {
          if (v.ok) this.gotToken(sc, v.value!, w);
          else this.expect(sc.closed, "tryRecv reported closed on an open channel");
        }
        break;
      }
      case 4: {
        // A blocking receive bounded by a context deadline through ctx.signal.
        const x = shortWait(r);
        this.note(w, `recv on s${sc.idx} with ctx.signal deadline ${x}`);
        const [ctx, cancel] = context.withTimeout(context.background(), x);
        try {
          const v = await c.recvOk(ctx.signal);
          if (v.ok) this.gotToken(sc, v.value!, w);
          else this.expect(sc.closed, "recv reported closed on an open channel");
        } catch (e) {
          this.expect(e === context.DeadlineExceeded, `recv rejected with ${String(e)}`);
          this.eq(this.now(), n + x, "ctx.signal aborted the receive at");
        } finally {
          cancel();
        }
        break;
      }
      case 5: {
        const x = shortWait(r);
        this.note(w, `send ${tok} on s${sc.idx} with ctx.signal deadline ${x}`);
        const [ctx, cancel] = context.withTimeout(context.background(), x);
        try {
          await c.send(tok, ctx.signal);
          this.sent.add(tok);
        } catch (e) {
          if (e === context.DeadlineExceeded) this.eq(this.now(), n + x, "ctx.signal aborted the send at");
          else this.sendPanicked(sc, e);
        } finally {
          cancel();
        }
        break;
      }
      default: {
        if (!sc.closeable || !r.chance(0.3)) {
          this.note(w, `len/cap of s${sc.idx}`);
          this.expect(c.len >= 0 && c.len <= c.cap, "len out of range");
          break;
        }
        this.note(w, `close s${sc.idx}`);
        try {
          c.close();
          this.expect(!sc.closed, "closing a closed channel did not panic");
          sc.closed = true;
        } catch (e) {
          this.expect(isGoPanic(e, "close of closed channel") && sc.closed, `close threw ${String(e)}`);
        }
      }
    }
  }

  /** A select over several shared channels (receives and sends), a timer channel and a timeout. */
  async opMultiSelect(w: number, r: Rng): Promise<void> {
    const all: Case[] = [];
    const what: { sc: SharedChan | null; tok: number }[] = [];
    for (const sc of this.chans) {
      if (r.chance(0.5)) {
        all.push(recv(sc.c));
        what.push({ sc, tok: 0 });
      }
      if (r.chance(0.4)) {
        const tok = this.token(w, ++this.seq);
        all.push(send(sc.c, tok));
        what.push({ sc, tok });
      }
    }
    if (r.chance(0.3)) {
      all.push(recv(null));
      what.push({ sc: null, tok: 0 });
    }
    const x = shortWait(r);
    const n = this.now();
    all.push(recv(time.after(x)));
    what.push({ sc: null, tok: -1 });
    this.note(w, `select over ${all.length} cases, timeout ${x}`);
    let res: { readonly index: number; readonly value: unknown; readonly ok: boolean };
    try {
      res = await select(all);
    } catch (e) {
      if (!isGoPanic(e, "send on closed channel")) throw e;
      this.expect(
        what.some((c) => c.tok > 0 && c.sc?.closed),
        "select panicked with no closed channel among its send cases",
      );
      return;
    }
    const won = what[res.index];
    this.expect(won.sc !== null || won.tok === -1, "a nil-channel case was chosen");
    if (won.tok === -1) this.eq(this.now(), n + x, "select timeout returned at");
    else if (won.tok > 0) this.sent.add(won.tok);
    else if (res.ok) this.gotToken(won.sc!, res.value as number, w);
    else this.expect(won.sc!.closed, "select receive reported closed on an open channel");
  }

  /** A context with a deadline: waiting on done(), cancelling, children, context.afterFunc. */
  async opContext(w: number, r: Rng): Promise<void> {
    const d = r.chance(0.1) ? -r.int(ms) : shortWait(r);
    const n = this.now();
    const deadline = d > 0 ? n + d : n;
    this.note(w, `withTimeout(${d})`);
    const [ctx, cancel] = context.withTimeout(context.background(), d);
    let cancelled = false;
    const [child, cancelChild] = context.withCancel(ctx);
    let afterRan = 0;
    const stopAfter = r.chance(0.5)
      ? context.afterFunc(ctx, () => {
          afterRan++;
        })
      : null;
    const doneAt = (): boolean => cancelled || deadline <= this.now();
    switch (r.int(4)) {
      case 0: {
        const x = shortWait(r);
        this.note(w, `ctx select with timeout ${x}`);
        const res = await select([recv(ctx.done()), recv(time.after(x))] as const);
        const want = race(true, deadline, n, n + x);
        if (res.index === 0) {
          this.expect(want !== 1, "ctx.done won but the timeout was due first");
          this.eq(this.now(), Math.max(deadline, n), "ctx done at");
          this.eq(ctx.err(), context.DeadlineExceeded, "ctx.err()");
        } else {
          this.expect(want !== 0, `timeout won but the deadline ${deadline} was due first`);
          if (deadline > this.now()) this.eq(ctx.err(), null, "ctx.err() before the deadline");
        }
        break;
      }
      case 1: {
        this.note(w, "ctx cancel");
        cancel();
        cancelled = true;
        const v = ctx.done()!.tryRecv();
        this.expect(v !== null && !v.ok, "done() is closed after cancel");
        this.expect(
          ctx.err() === context.Canceled || (deadline <= n && ctx.err() === context.DeadlineExceeded),
          "ctx.err() after cancel",
        );
        break;
      }
      case 2: {
        this.note(w, "ctx sleep past or before the deadline");
        await time.sleep(shortWait(r));
        // At the deadline instant itself the cancelling goroutine may not have run yet.
        if (this.now() !== deadline || d <= 0)
          this.eq(ctx.err() !== null, doneAt(), "ctx.err() set iff the deadline passed");
        break;
      }
      default: {
        this.note(w, "child ctx wait");
        const res = await select([recv(child.done()), recv(time.after(10 * ms))] as const);
        const want = race(true, deadline, n, n + 10 * ms);
        this.expect(
          res.index === 0 ? want !== 1 : want !== 0,
          "child done when its parent's deadline passes",
        );
        if (res.index === 0) {
          this.eq(this.now(), Math.max(deadline, n), "child done at");
          this.eq(child.err(), context.DeadlineExceeded, "child err");
        }
      }
    }
    if (ctx.err() !== null) this.expect(child.err() !== null, "a child outlived its cancelled parent");
    cancelChild();
    cancel();
    this.expect(ctx.err() !== null && child.err() !== null, "cancel() sets err");
    if (stopAfter !== null) {
      // context.afterFunc's f starts in its own goroutine: give it the instant to run.
      const stoppedIt = stopAfter();
      this.expect(!stoppedIt, "context.afterFunc stop() after the context was done");
      await gosched();
      await time.sleep(1);
      this.eq(afterRan, 1, "context.afterFunc ran this many times");
    }
  }

  async opProcs(w: number, r: Rng): Promise<void> {
    const n = r.int(9);
    this.note(w, `GOMAXPROCS(${n})`);
    this.eq(GOMAXPROCS(n), this.procs, "GOMAXPROCS returned");
    if (n >= 1) this.procs = n;
    this.eq(this.rt.allp.length, this.procs, "number of Ps");
  }

  async opSpawn(w: number): Promise<void> {
    const cw = 1000 + ++this.children;
    const cr = new Rng(this.seed * 31 + cw * 17 + this.ops);
    this.note(w, `go g${cw}`);
    this.wg.add(1);
    go(async () => {
      for (let i = 1 + cr.int(3); i > 0; i--) await this.op(cw, cr, false);
      this.wg.done();
    });
  }
}

/**
 * Whether a Timer's or Ticker's runtime timer has a heap entry. A receive fires an overdue channel timer on
 * the spot only when it has none (Go's maybeRunChan): an entry left as a zombie by a select that lost (until
 * its heap drops it) means "the heap is in charge", so a non-blocking receive may find nothing yet, as in Go.
 * A blocking receive revives the entry and gets the value at the same instant.
 */
function heaped(t: time.Timer | time.Ticker): boolean {
  return ((t as unknown as { r: RTimer }).r.state & timerHeaped) !== 0;
}

/**
 * Which of two deadlines wins a select: 0 (the first: armed, due at `a`), 1 (the timeout at `b`), or -1
 * (either: both ready when the select polls, or both due at the same instant). `n` is the time of the poll.
 */
function race(armed: boolean, a: number, n: number, b: number): 0 | 1 | -1 {
  const aReady = armed && a <= n;
  const bReady = b <= n;
  if (aReady && bReady) return -1;
  if (aReady) return 0;
  if (bReady) return 1;
  if (!armed || a > b) return 1;
  if (a < b) return 0;
  return -1;
}

// ===== the checker at every scheduling point, and the injected interleavings =====

class Checker {
  lastNow = 0;
  readonly hookRng: Rng;
  constructor(
    readonly p: Program,
    readonly stats: Stats,
  ) {
    this.hookRng = new Rng(p.seed ^ 0x5bd1e995);
  }

  /** The `execute` hook: G5 and the fake clock's monotonicity, beyond Runtime.verify(). */
  check(): void {
    const rt = this.p.rt;
    this.stats.checks++;
    const now = rt.fakeNow;
    if (now < this.lastNow) fatal(`stress: the fake clock went back from ${this.lastNow} to ${now}`);
    // Right after a jump no goroutine has run yet: every timer due before the new time must have run. Later,
    // a receive may legitimately put an overdue channel timer back in a heap; other timers never are overdue.
    const jumped = now !== this.lastNow;
    this.lastNow = now;
    const live = new Set<Timers>();
    for (const pp of rt.allp) {
      const ts = pp.timers;
      live.add(ts);
      for (let i = 0; i < ts.heapT.length; i++) {
        const t = ts.heapT[i];
        if ((t.state & timerZombie) === 0 && t.when > 0 && t.when < now && (jumped || !t.isChan))
          fatal(`stress G5: timer ${timerId(t)} due at ${t.when} is still in P${pp.id}'s heap at ${now}`);
      }
    }
    const armedIn = (t: RTimer, what: string): void => {
      if ((t.state & timerHeaped) === 0 || (t.state & timerZombie) !== 0 || t.ts === null)
        fatal(`stress G5: ${what} timer ${timerId(t)} (when ${t.when}) has no live heap entry`);
      if (!live.has(t.ts)) fatal(`stress G5: ${what} timer ${timerId(t)} is in the heap of a destroyed P`);
    };
    for (const gp of rt.allgs.values()) {
      if (gp.status === _Gwaiting && gp.waitReason === waitReasonSleep) {
        const t = gp.timer;
        if (t === null || t.when !== gp.sleepWhen) fatal(`stress G5: g${gp.goid} sleeps with no armed timer`);
        armedIn(t, `g${gp.goid}'s sleep`);
      }
    }
    for (const t of rt.liveTimers!) {
      if (t.when === 0) continue;
      if (!t.isChan) armedIn(t, "an AfterFunc");
      else if (t instanceof FullTimer && t.blocked > 0) armedIn(t, "a blocked-on channel");
    }
  }

  /** Go may preempt the goroutine here and run it on another P; its P goes idle (I1's window). */
  migrate(): void {
    const rt = this.p.rt;
    const gp: G | null = rt.curg;
    if (gp === null || gp.external || gp.rt !== rt || rt.npidle === 0) return;
    const old = rt.curP;
    if (old === null || old.status !== _Prunning || !old.runqempty() || !this.hookRng.chance(0.25)) return;
    const next = rt.pidleget()!;
    (rt as unknown as { startm(p: P, spinning: boolean): void }).startm(next, false);
    rt.curP = next;
    rt.pidleput(old);
    this.stats.migrations++;
  }

  /**
   * Another M runs a forced adjust on every heap while a timer is being modified (I2's window: modify has
   * set M and is about to lower minWhenModified). In Go that adjust would wait for the timer's lock before
   * touching it; processing it at once here gives the same outcome.
   */
  adjustAll(): void {
    if (!this.hookRng.chance(0.25)) return;
    const rt = this.p.rt;
    for (const pp of rt.allp) pp.timers.adjust(rt.fakeNow, true);
    this.stats.adjusts++;
  }

  install(): () => void {
    setHook((point) => {
      if (point === "execute") this.check();
      else if (point === "maybeAdd") this.migrate();
      else if (point === "modify") this.adjustAll();
    });
    const inner: TimerEnv = timerEnv;
    const wrapped: TimerEnv = {
      currentTimers: (t) => inner.currentTimers(t),
      nanotime: (t) => inner.nanotime(t),
      wakeNetPoller: (when, ts) => {
        // D2/I3: Go may preempt into the scheduler at wakeNetPoller: no timer lock may be held here.
        assertNoLocks("wakeNetPoller");
        inner.wakeNetPoller(when, ts);
      },
      traceTimer: (kind, t) => inner.traceTimer?.(kind, t),
    };
    setTimerEnv(wrapped);
    return () => {
      setHook(null);
      setTimerEnv(inner);
    };
  }
}

// ===== running =====

interface Outcome {
  seed: number;
  procs: number;
  error: unknown;
  log: string[];
}

async function runProgram(seed: number, stats: Stats, keepLog: boolean): Promise<Outcome | null> {
  const procs = 1 + ((seed - 1) % 8);
  const p = new Program(seed, procs, keepLog);
  const checker = new Checker(p, stats);
  const uninstall = checker.install();
  let hang: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      p.rt.run(() => p.main(new Rng(seed))),
      new Promise((_, reject) => {
        hang = setTimeout(() => reject(new Error(`program hung (no progress for ${hangMs} ms)`)), hangMs);
      }),
    ]);
    p.rt.verify();
    if (lockState.locks !== 0)
      throw new Error(`a timer lock is still held after the program (${lockState.locks})`);
    stats.programs++;
    stats.ops += p.ops;
    stats.switches += p.rt.stats.switches;
    stats.jumps += p.rt.stats.jumps;
    return null;
  } catch (e) {
    p.rt.stop();
    lockState.locks = 0;
    return { seed, procs, error: e, log: p.log };
  } finally {
    clearTimeout(hang);
    uninstall();
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const report = (e as { report?: string }).report;
    return report !== undefined ? report.split("\n").slice(0, 12).join("\n") : (e.stack ?? e.message);
  }
  return String(e);
}

test(`random programs under the fake clock at procs 1–8 (${runs} program${runs === 1 ? "" : "s"}${replaySeed !== undefined ? `, replaying seed ${replaySeed}` : ""})`, async (t) => {
  const stats: Stats = { programs: 0, ops: 0, switches: 0, jumps: 0, checks: 0, migrations: 0, adjusts: 0 };
  const failures: Outcome[] = [];
  const t0 = performance.now();
  const progressEvery = runs >= 20_000 ? 10_000 : 0;
  for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
    const out = await runProgram(seed, stats, replaySeed !== undefined);
    if (out !== null) {
      failures.push(out);
      console.error(
        `stress: program seed=${out.seed} (procs=${out.procs}) FAILED:\n${describeError(out.error)}\n` +
          `  last operations:\n    ${out.log.slice(-(replaySeed !== undefined ? 400 : 20)).join("\n    ")}\n` +
          `  replay: GORT_SEED=${out.seed} npm run test:unit -- test/stress`,
      );
      if (failures.length >= 5) break;
    }
    if (progressEvery > 0 && (seed - firstSeed + 1) % progressEvery === 0) {
      const s = (performance.now() - t0) / 1000;
      console.log(`stress: ${seed - firstSeed + 1} programs, ${stats.ops} ops, ${s.toFixed(0)} s`);
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const summary =
    `${stats.programs} programs passed, ${stats.ops} operations, ${stats.switches} goroutine switches, ` +
    `${stats.checks} scheduling-point checks, ${stats.jumps} clock jumps, ${stats.migrations} injected ` +
    `migrations, ${stats.adjusts} injected adjusts, ${secs.toFixed(1)} s`;
  t.diagnostic(summary);
  console.log(`stress: ${summary}`);
  assert.deepEqual(
    failures.map((f) => f.seed),
    [],
    `failing seeds (replay each with GORT_SEED=<seed> npm run test:unit -- test/stress)`,
  );
});
