// Port of go1.23 src/runtime/proc.go: the scheduler (newproc, gopark/goready, schedule, findRunnable,
// stealWork, pidleget/pidleput, wakep, procresize, checkdead) and its meeting point with the timers.
//
// One JavaScript thread plays every M. A goroutine runs until it parks in gort (a channel op, select,
// sleep, …), returns, throws, or awaits a promise gort does not own. Parking returns a promise the
// goroutine awaits; the scheduler then picks the next goroutine on some P and resumes it. At most one
// goroutine of a runtime runs at a time, so the runtime always knows who is running.
//
// Who is running (docs/design/scheduler.md §8, getg.ts): each goroutine's function runs inside
// gStore.run(gp, …), so getg() reads the goroutine from the async context, exactly — after any await, in
// any runtime, with any number of runtimes and bubbles alive. Resuming a goroutine is one microtask job:
// its first start, or the settling of the promise it parked on. The M's goroutine is `curg` from execute
// until it parks, exits, or — found still running once the microtask queue drained (park.ts's drain
// check) — turns out to await a promise gort does not own: it enters _Gsyscall, its P serves other
// goroutines, and its next call into gort (getg → exitsyscall) takes the M back if it is free. Code outside any goroutine
// ("external": a test body, an HTTP handler, a callback a goroutine registered and did not await) may use
// every gort operation, in the runtime its context belongs to; if it blocks, a stand-in goroutine
// (external, goid 0) parks for it.
//
// The host event loop is the netpoller: when every P is idle, one host timer is armed for the earliest
// wakeTime over the Ps whose timerpMask bit is set; an earlier timer re-arms it (wakeNetPoller); netpoll.ts
// says how it waits (whole milliseconds by default, sub-ms polling as an option). Under the fake
// clock, time moves only in checkdead: when every goroutine is blocked (and the microtask queue has
// drained) the clock jumps to the next timer and an idle P, taken through pidleget (seed 5,
// docs/design/seeds.md), runs it.
//
// Size: Go's sched + Ms + Ps state. What stands on its own lives elsewhere: getg.ts (who is running),
// pidle.ts (the idle-P list and masks: one removal path), netpoll.ts (the host wake-up), checkdead.ts
// (deadlock, faketime's jump, runaways), schedcheck.ts (verify, dumps), p.ts (run queues), g.ts,
// traceback.ts (reports), timerenv.ts (the timer environment), findrunnable.ts (run queues, findRunnable,
// stealing), newproc.ts (a goroutine's creation, start job and first run), goexit.ts (how a goroutine
// ends: return, Goexit, panic, main's end, throw, missing await), park.ts (gopark, goready, Gosched, the
// syscall transitions and the drain check that finds a foreign await). Sched keeps thin methods of the
// same names for their callers.
//
// Invariants (verify, after every scheduling step when VERIFY is on; docs/design/timers.md indexes them):
//   s1, s2 — the idle list and the masks agree, G4 (pidle.ts checks them).
//   s3. every runnable goroutine is in exactly one run queue (a P's ring or runnext, the global queue, or
//       the fake clock's paused slot while the host loop takes a turn mid-slice),
//       and every queued goroutine is runnable; at most one is _Grunning (g2); a waiting goroutine has a
//       resumer and a wait reason, one in a syscall is in the syscall set (g1). The same holds for the
//       finalizer goroutine's stand-in (finq, in no allgs) once main has first run.
//   s4. an idle real-clock runtime has its host timer armed no later than its earliest timer (G5: no due
//       timer waits unseen; checked when the M stops).
//   s5. the fake clock never moves backwards.
//   e2. every timer in a P's heap belongs to this runtime (timerenv.ts).

import { GoPanic } from "../../errors.ts";
import { anyFault, assertNoLocks, fatal, faultHooks, faults, hooksOn, VERIFY } from "../debug.ts";
import {
  hostAfterDrainer,
  hostClearTimeout,
  hostDateNow,
  hostEnqueueMicrotask,
  hostSetImmediate,
  type hostSetInterval,
  hostSetTimeout,
} from "../host.ts";
import { armedTimers, checkdead, clearRecheck, hostResources } from "./checkdead.ts";
import { exitDeadlock } from "./exitdeadlock.ts";
import { GoFatalError } from "./fatalerror.ts";
import { findRunnable, globrunqput, globrunqsize, lastCheckNow, lastInheritTime } from "./findrunnable.ts";
import { GoexitSignal, missingAwait, throwFatal } from "./goexit.ts";
import type { IoWatch } from "./iotrack.ts";
import { abandonStarts, newproc, runG, type StartFn, startG } from "./newproc.ts";

export { GoexitSignal, GoFatalError };

import { _Gdead, _Grunnable, _Grunning, AllGs, G, type Site } from "./g.ts";
import { contextRuntime, enterSched, leaveSched, setDefaultRuntimeFactory } from "./getg.ts";
import { maxWhen, type Nanos, nsPerMs, realClockBase, realNanotime, wallNs } from "./nanotime.ts";
import { Netpoll } from "./netpoll.ts";
import { _Pdead, _Pidle, _Prunning, P } from "./p.ts";
import {
  abortable,
  DrainCheck,
  exitsyscall,
  exitsyscallStatus,
  gopark,
  goready,
  goreadyErr,
  gosched,
  parkIO,
  resume,
  unblockOnRun,
} from "./park.ts";
import { Pidle } from "./pidle.ts";
import { Rand } from "./rand.ts";
import { dumpGoroutines, verifyIdle, verifySched } from "./schedcheck.ts";
import type { Timer } from "./timer.ts";
import { installTimerEnv } from "./timerenv.ts";
import { emit, type TraceEvent, type TraceEventKind, tracing } from "./trace.ts";
import { captureSite, siteOf } from "./traceback.ts";

export {
  contextRuntime,
  currentRuntime,
  defaultRuntime,
  getg,
  maybePreempt,
  noteTimer,
} from "./getg.ts";
export { captureOpts, captureStart, type StartFn } from "./newproc.ts";
export { siteOf };

/** Go's playground epoch, the fake clock's wall time at start: 2009-11-10T23:00:00Z. */
export const fakeEpochUnixNano = 1257894000000000000n;

export interface RuntimeOptions {
  /** GOMAXPROCS: number of logical processors (default 1). */
  procs?: number;
  /** "real" (default) or "fake": virtual time that moves only when every goroutine is blocked. */
  clock?: "real" | "fake";
  /** Seed for every random choice (select, scheduling order, steals). Random if omitted. */
  seed?: number;
  /** Record each goroutine's spawn site for dumps (default true). */
  spawnSites?: boolean;
  /** Wall time of the fake clock's start, ns since the Unix epoch (default Go's playground epoch). */
  fakeEpoch?: bigint;
  /**
   * Bubble semantics (testing/synctest): when main returns, the runtime keeps running until every other
   * goroutine has exited; goroutines left blocked are a deadlock. Default false (Go programs end with main).
   */
  waitForGoroutines?: boolean;
  /** Runaway bound: the fake clock may not pass this many ns (default: none). */
  maxVirtualTime?: number;
  /** Runaway bound: at most this many fake-clock advances (default: none). */
  maxClockAdvances?: number;
  /**
   * Fake clock: real ms that the clock may stay held by goroutines awaiting promises gort does not own
   * (which may be real I/O) while a timer waits for it, before the runtime fails with a report instead of
   * hanging (default 10000; 0 never; at most 2147483647, setTimeout's bound). Awaits wrapped in io() never
   * count.
   */
  stallTimeout?: number;
  /** Name used in reports ("bubble"); default none. */
  label?: string;
  /**
   * How precisely the real clock wakes for a timer: "ms" (default) waits with a setTimeout of whole
   * milliseconds, rounded up, and never polls (netpoll.ts), so waiting costs what a setTimeout costs and
   * a wait ends 0–1 ms late plus the host's overshoot; "sub-ms" polls the last sub-millisecond with
   * setImmediate, so `sleep(50µs)` takes ~50–200 µs — and keeps a CPU core busy while it waits.
   */
  timerPrecision?: "ms" | "sub-ms";
}

/** What proc needs of a bubble's host-style timers (nodetimers.ts). */
export interface NodeTimersLike {
  /** Host-style callbacks started so far (iotrack.ts counts them as the bubble's progress). */
  readonly fired: number;
  pending(): number;
  abandonStarts(): void;
}

/** A goroutine body. */
export type GoFunc = (...args: any[]) => unknown;

/** How many goroutine resumptions may run back to back before the host loop gets a turn. */
const burstLimit = 4096;
/**
 * Under the fake clock, the slice is this many resumptions and nothing else (no real-time check), so the
 * order of a program depends on its seed only. Go's sysmon preempts a goroutine after 10 ms, which is about
 * 60,000 resumptions of a Go ping-pong (342 ns a round trip, README's benchmark); under Go's faketime it
 * never does (sysmon reads the virtual clock, which stands still while goroutines run), so a slice ended
 * after a thousand resumptions reordered programs that Go runs straight through (oracle program
 * `sched_runnext_chain`). 65,536 is Go's 10 ms; the host loop still gets its turns meanwhile (the pauses
 * in execute, which change nothing in the order).
 */
export const fakeBurstLimit = 65536;
/** P0's schedule ticks when main begins: the ticks Go's runtime goroutines used first (goRuntimeStart). */
const runtimeStartTicks = 3;
/**
 * Host fairness: the host event loop gets a turn at least every this many ns of a runtime's work (Go's
 * sysmon preempts after 10 ms), however busy its goroutines are; the clock is read every 32 resumptions.
 */
const hostSliceNs = 10 * nsPerMs;

let nextRuntimeId = 1;

export class Sched {
  readonly id = nextRuntimeId++;
  readonly fake: boolean;
  /** @internal */
  readonly rand: Rand;
  /** @internal */
  readonly spawnSites: boolean;
  /** @internal */
  readonly fakeEpoch: bigint;
  /** Fake clock reading (ns since start); unused for the real clock. @internal */
  fakeNow: Nanos = 1;
  /** Real clock origin, so this runtime's nanotime starts near 1. */
  private readonly realOrigin: Nanos;
  /**
   * What nanotime() reads at the runtime's start, less 1: realClockBase on the real clock (nanotime.ts),
   * 0 under the fake clock. Taken off wherever a reading is shown (Runtime.nanotime, Time, traces). @internal
   */
  readonly monoBase: Nanos;

  /** @internal */
  allp: P[] = [];
  gomaxprocs = 0;
  /** The idle-P list and the idle/timer masks (pidle.ts). @internal */
  readonly idle = new Pidle();
  /** @internal */
  get npidle(): number {
    return this.idle.npidle;
  }
  /** @internal */
  get timerpMask(): boolean[] {
    return this.idle.timerpMask;
  }
  /**
   * Ps that are running (not idle): the Ms' turn order, runningPs[0, nrunning). The array never shrinks
   * (slots past nrunning are null): a P going idle and back, once per host wake-up, allocates nothing.
   */
  private runningPs: (P | null)[] = [];
  private nrunning = 0;
  private turn = 0;
  /** @internal */
  nmspinning = 0;

  /** Global run queue (a deque with a moving head). @internal */
  globrunq: G[] = [];
  /** @internal */
  globhead = 0;

  /** Live goroutines (not external stand-ins), by goid. @internal */
  readonly allgs = new AllGs();
  /** @internal */
  nextGoid = 1;
  /** @internal */
  nsyscall = 0;
  /** Goroutines parked in io(). @internal */
  nio = 0;
  /**
   * A bubble's goroutines parked on channels made outside it (G.foreignWait): not durably blocked, as in
   * Go, so its time holds while any is (checkdead holdsTime). @internal
   */
  nforeign = 0;

  /** Whether an M is executing: a goroutine runs or is about to. @internal */
  mActive = false;
  /** The goroutine the M runs (Go: m.curg): resumed by execute, until it parks, exits or awaits. @internal */
  curg: G | null = null;
  /** Stand-ins of code outside any goroutine parked on this runtime (exitDeadlock). @internal */
  readonly externalWaiters = new Set<G>();
  /** Goroutines of this runtime in _Gsyscall (awaiting a promise gort does not own). @internal */
  readonly syscallGs = new Set<G>();
  /** The drain check: tells a goroutine awaiting a foreign promise (park.ts). @internal */
  readonly drain: DrainCheck = new DrainCheck(this);
  /** Drain checks armed so far (drain-check.test.ts bounds them per wake-up). @internal */
  get drainChecks(): number {
    return this.drain.checks;
  }
  /** The P the M holds. @internal */
  curP: P | null = null;
  private burst = 0;
  /** When the current run of back-to-back resumptions began (real clock, ns). */
  private sliceStart: Nanos = 0;
  /** Fake clock: the goroutine the M set aside while the host loop takes a turn mid-slice (execute). */
  pausedG: G | null = null;
  /** Whether pausedG came from runnext (execute's inheritTime), for its resumption. @internal */
  pausedInherit = false;
  /** A goroutine was preempted (getg.ts maybePreempt) since the M last read the real clock (execute). */
  preempted = false;

  /** The host timer standing in for netpoll, and the deadline it is armed for (0 = none). */
  /** @internal */
  readonly poll: Netpoll;
  /** The deadline the host wake-up is armed for, 0 = none. @internal */
  get pollUntil(): Nanos {
    return this.poll.until;
  }
  private checkdeadArmed = false;

  /** Set when the runtime failed (panic, deadlock) or main returned; nothing runs afterwards. */
  stopped = false;
  failure: GoFatalError | null = null;
  /** @internal */
  mainG: G | null = null;
  /** @internal */
  mainDone = false;
  /** @internal */
  mainGoexited = false;
  /** @internal */
  readonly waitForGoroutines: boolean;
  /** @internal */
  readonly maxVirtualTime: number;
  /** @internal */
  readonly maxClockAdvances: number;
  /**
   * A bubble's limit on timer firings (BubbleOptions.maxTimerFirings; none for a plain runtime), and what
   * reports the runaway once stats.timersFired passes it (synctest.ts). @internal
   */
  maxTimerFirings = Number.POSITIVE_INFINITY;
  /** @internal */
  onFiringLimit: (() => void) | null = null;
  /** Fake clock: how long a foreign await may hold the clock while a timer waits (checkdead.ts). */
  readonly stallTimeout: number;
  /** The host timer that watches for such a stall, while one may be under way (checkdead.ts). */
  stallWatch: ReturnType<typeof hostSetTimeout> | null = null;
  /**
   * Real clock: the host's active resources by kind when run() began (checkdead.ts d4), or null. Work the
   * host holds beyond these may still wake a goroutine, so a deadlock waits for it.
   */
  hostBaseline: Map<string, number> | null = null;
  /** checkdead's recheck while host work postpones a deadlock report (checkdead.ts d4), or null. */
  deadlockRecheck: ReturnType<typeof hostSetInterval> | null = null;
  /** @internal */
  readonly label: string;
  /** A goroutine in synctest.wait(), woken instead of advancing time once everything else blocks. */
  /** @internal */
  waiter: G | null = null;
  /** Where timers were created (only recorded when set, e.g. in bubbles). @internal */
  timerSites: WeakMap<object, Site> | null = null;
  /** Live channel timers created in this runtime (only tracked when set, e.g. in bubbles). @internal */
  liveTimers: Set<Timer> | null = null;
  /** Host-style timers of a synctest bubble (non-null marks the runtime as a bubble). @internal */
  nodeTimers: NodeTimersLike | null = null;
  /** A bubble's host I/O in flight (iotrack.ts); null outside bubbles. @internal */
  io: IoWatch | null = null;
  private onExit: ((v: unknown) => void) | null = null;
  private onFail: ((e: unknown) => void) | null = null;
  /** @internal */
  mainResult: unknown;
  /** Counters for summaries and benchmarks. */
  readonly stats = { goroutines: 0, switches: 0, timersRun: 0, timersFired: 0, jumps: 0, steals: 0 };

  constructor(opts: RuntimeOptions) {
    this.fake = opts.clock === "fake";
    this.rand = new Rand(opts.seed);
    this.spawnSites = opts.spawnSites ?? true;
    this.fakeEpoch = opts.fakeEpoch ?? fakeEpochUnixNano;
    this.waitForGoroutines = opts.waitForGoroutines ?? false;
    this.maxVirtualTime = opts.maxVirtualTime ?? Number.POSITIVE_INFINITY;
    this.maxClockAdvances = opts.maxClockAdvances ?? Number.POSITIVE_INFINITY;
    this.stallTimeout = opts.stallTimeout ?? 10_000;
    this.label = opts.label ?? "";
    this.monoBase = this.fake ? 0 : realClockBase;
    this.realOrigin = realNanotime() - 1 - this.monoBase;
    this.poll = new Netpoll(this.nanotime, this.onPoll, opts.timerPrecision === "sub-ms");
    this.procresize(validProcs(opts.procs ?? 1));
  }

  // ----- clock -----

  /**
   * The runtime's monotonic clock in ns: from 1 at its start under the fake clock, from monoBase + 1 on the
   * real clock.
   */
  nanotime = (): Nanos => {
    if (this.fake) return this.fakeNow;
    return realNanotime() - this.realOrigin;
  };

  /** Wall time in ns since the Unix epoch. */
  walltimeNs(): bigint {
    if (this.fake) return this.fakeEpoch + BigInt(this.fakeNow - 1);
    return wallNs(hostDateNow());
  }

  // ----- goroutines -----

  /** Like newproc, but at the tail of the run queue: goroutines started this way run in order. @internal */
  newprocFIFO(fn: GoFunc, args: unknown[], site?: Site | null, start?: StartFn | null): G {
    return newproc(this, fn, args, null, false, site, start);
  }

  /** Go: newproc (newproc.ts). Creates a runnable goroutine on the current P (runnext), and wakes an idle P. @internal */
  newproc(
    fn: GoFunc,
    args: unknown[],
    parent: G | null,
    next = true,
    spawnSite?: Site | null,
    start?: StartFn | null,
  ): G {
    return newproc(this, fn, args, parent, next, spawnSite, start);
  }

  /** A new goroutine's first run (newproc.ts; its start job, already in its async context). @internal */
  startG(gp: G): void {
    startG(this, gp);
  }

  /** Calls gp's function, which ends in goexit.ts (newproc.ts). @internal */
  runG(gp: G): void {
    runG(this, gp);
  }

  /**
   * gp stopped running (it parked, exited or awaits a foreign promise). If it held the M, the M schedules
   * the next goroutine; if no M runs, the idle runtime re-arms its host timer or checkdead, since what gp
   * did may have made it deadlocked, or free to move the fake clock. @internal
   */
  release(gp: G): void {
    if (this.curg === gp) {
      this.curg = null;
      this.mschedule();
    } else if (!this.mActive && !this.stopped) {
      this.stopm();
    }
  }

  /**
   * synctest.Wait: parks gp until every other goroutine of this runtime is durably blocked; it is woken
   * instead of the clock moving. One waiter at a time, as in Go.
   * @internal
   */
  synctestWait(gp: G): Promise<unknown> {
    if (this.waiter !== null) return Promise.reject(new GoPanic("wait already in progress"));
    this.waiter = gp;
    return this.gopark(gp, "synctest.Wait", null);
  }

  /** Go's throw (goexit.ts): the runtime found itself corrupt; it stops with a goroutine dump. @internal */
  throwFatal(e: unknown): void {
    throwFatal(this, e);
  }

  /** Go: gopark (park.ts). Parks gp with a wait reason; returns the promise it awaits. @internal */
  gopark(gp: G, reason: string, waitOn: unknown, afterPark?: (gp: G) => void): Promise<unknown> {
    return gopark(this, gp, reason, waitOn, afterPark);
  }

  /** Parks gp until the foreign promise p settles, as in a syscall (park.ts). @internal */
  parkIO(gp: G, p: PromiseLike<unknown>, reason: string): Promise<unknown> {
    return parkIO(this, gp, p, reason);
  }

  /** A stand-in goroutine for code outside any goroutine that is about to block. @internal */
  externalG(): G {
    return new G(this, 0, this.spawnSites ? captureSite() : null, 0, true);
  }

  /** Go: goready (park.ts). Makes a waiting goroutine runnable with `param` as its park's value. @internal */
  goready(gp: G, param: unknown): void {
    goready(this, gp, param);
  }

  /** Lets `signal` end gp's current park (park.ts). Call right after gopark. @internal */
  abortable(gp: G, signal: AbortSignal, cancel: () => void): void {
    abortable(this, gp, signal, cancel);
  }

  /** Like goready, but the goroutine's park rejects with `err` (park.ts). @internal */
  goreadyErr(gp: G, err: unknown): void {
    goreadyErr(this, gp, err);
  }

  /** Go: Gosched (park.ts). The running goroutine yields to the global queue. @internal */
  gosched(gp: G): Promise<unknown> {
    return gosched(this, gp);
  }

  /** gp in a syscall is running again (park.ts). @internal */
  exitsyscallStatus(gp: G): void {
    exitsyscallStatus(this, gp);
  }

  /** Go: exitsyscall (park.ts). A goroutine in a syscall calls into gort again. @internal */
  exitsyscall(gp: G): void {
    exitsyscall(this, gp);
  }

  // ----- idle Ps -----

  /** Go: pidleput. Puts pp on the idle list (pidle.ts) and out of the Ms' turn order. @internal */
  pidleput(pp: P): void {
    this.idle.put(pp);
    if (tracing) this.trace("proc.idle", 0, undefined, pp.id);
    this.removeRunning(pp);
    this.stopSpinning(pp);
  }

  /** Takes pp out of the turn order, keeping the others' order. */
  private removeRunning(pp: P): void {
    const a = this.runningPs;
    const n = this.nrunning;
    let i = 0;
    while (i < n && a[i] !== pp) i++;
    if (i === n) return;
    for (; i < n - 1; i++) a[i] = a[i + 1];
    a[n - 1] = null;
    this.nrunning = n - 1;
  }

  /** Puts pp last in the turn order. */
  private addRunning(pp: P): void {
    const n = this.nrunning;
    if (n < this.runningPs.length) this.runningPs[n] = pp;
    else this.runningPs.push(pp);
    this.nrunning = n + 1;
  }

  /** Go: pidleget. Takes an idle P: timers may be added to it any time now. @internal */
  pidleget(): P | null {
    return this.idle.get();
  }

  /** Go: acquirep. The M takes pp, off the idle list through pidle's one removal path. */
  private acquirep(pp: P): void {
    this.idle.remove(pp);
    this.idle.timerpMask[pp.id] = true;
    if (pp.status !== _Prunning) this.startm(pp, false);
  }

  /** The M on pp stops spinning: it found work, or pp goes idle or away. */
  private stopSpinning(pp: P): void {
    if (!pp.spinning) return;
    pp.spinning = false;
    this.nmspinning--;
  }

  /**
   * Go: resetspinning. The spinning M on pp found a goroutine to run: it stops spinning, and wakes an idle
   * P in its place (wakep: only if no other M is spinning), since more work may be queued behind the
   * goroutine it found.
   */
  private resetspinning(pp: P): void {
    this.stopSpinning(pp);
    this.wakep();
  }

  /** An M starts on pp (Go: startm): it joins the turn order, spinning if it must look for work. @internal */
  startm(pp: P, spinning: boolean): void {
    pp.status = _Prunning;
    if (tracing) this.trace("proc.run", 0, undefined, pp.id);
    this.addRunning(pp);
    if (spinning) {
      pp.spinning = true;
      this.nmspinning++;
    }
  }

  /**
   * True while run() creates the main goroutine on P0 (Go: mainStarted is still false, so newproc does
   * not wake a second P, which could steal main from P0's runnext).
   */
  private creatingMain = false;

  /** Go: wakep. New work exists: if a P is idle and no M is looking for work, start one. @internal */
  wakep(): void {
    if (!this.creatingMain && this.npidle > 0 && this.nmspinning === 0) {
      const pp = this.pidleget()!;
      this.startm(pp, true);
    }
    if (!this.mActive) this.kick();
  }

  /** The M is stopped and work appeared: run the scheduler after the caller's synchronous code. @internal */
  kick(): void {
    if (this.mActive || this.stopped) return;
    this.mActive = true;
    this.poll.cancel();
    if (this.nrunning === 0) {
      const pp = this.pidleget();
      if (pp !== null) this.startm(pp, true);
    }
    hostEnqueueMicrotask(this.kickNow);
  }

  /** The kicked M starts; if another runtime's goroutine is mid-run, it retries after that one. */
  private kickNow = (): void => {
    if (!this.mActive || this.stopped || this.curg !== null) return;
    this.schedule();
  };

  // ----- the scheduler -----

  /** The running goroutine parked, exited or left for a syscall: the M schedules the next one. */
  private mschedule(): void {
    if (this.stopped) return;
    this.mActive = true;
    this.schedule();
  }

  /**
   * Go: schedule. Picks the next P in turn and a goroutine for it (findRunnable), and executes it. If no
   * P finds work, the M stops: the runtime arms the host timer (netpoll) or runs checkdead.
   */
  private schedule(now0: Nanos = 0): void {
    assertNoLocks("schedule");
    if (VERIFY) this.verify();
    const prev = enterSched(this);
    try {
      this.scheduleLoop(now0);
    } catch (e) {
      this.throwFatal(e);
    } finally {
      leaveSched(prev);
    }
  }

  /** now0: a clock reading just taken (a host wake-up's), for the first P's timer check; 0 = none. */
  private scheduleLoop(now0: Nanos): void {
    for (let first = now0; this.nrunning > 0; first = 0) {
      const n = this.nrunning;
      // The real clock's round robin keeps turn in [0, n): a counter that only grew would pass 2^31 and
      // make `%` a floating-point remainder (findrunnable.ts: umod).
      let i: number;
      if (this.fake && n > 1) i = this.rand.uint32n(n);
      else {
        i = this.turn < n ? this.turn : 0;
        this.turn = i + 1;
      }
      const pp = this.runningPs[i]!;
      this.curP = pp;
      let gp = findRunnable(this, pp, first);
      while (gp !== null && gp === this.finq) {
        // Go's finalizer goroutine runs, finds no finalizers and parks for good: a tick, nothing else.
        this.finq = null;
        gp.status = _Gdead;
        if (!lastInheritTime()) pp.schedtick++;
        gp = findRunnable(this, pp, 0);
      }
      if (this.stopped) return;
      if (gp !== null) {
        if (pp.spinning) this.resetspinning(pp);
        this.execute(gp, pp, lastInheritTime());
        return;
      }
      this.pidleput(pp);
    }
    this.stopm();
  }

  /**
   * Go: execute. Runs gp on pp: queue the adjacent "enter" job, then settle gp's park. inheritTime: gp came
   * from runnext and runs in the current time slice, so it counts no schedule tick (Go's rule).
   */
  private execute(gp: G, pp: P, inheritTime: boolean): void {
    this.curP = pp;
    const b = ++this.burst;
    if (b === 1) {
      // The slice starts at the reading findRunnable's timer check just took, if it took one.
      const now = this.fake ? 0 : lastCheckNow();
      this.sliceStart = now !== 0 ? now + this.realOrigin : realNanotime();
    } else if (this.fake && ((b & 31) === 0 || this.preempted) && this.sliceOver()) {
      // Under the fake clock a slice ends by count only (below), so that the order of a program is a
      // function of its seed. But the host loop still gets a turn every ~10 ms of real work (a busy bubble
      // must not starve I/O callbacks, watchdogs, a runner's abort): the M pauses with gp aside and then
      // resumes it exactly where it was — same queues, same count — so the order does not change.
      this.burst = b - 1;
      this.pausedG = gp;
      this.pausedInherit = inheritTime;
      hostSetImmediate(this.afterPause);
      return;
    } else if (
      b > (this.fake ? fakeBurstLimit : burstLimit) ||
      (!this.fake && (b & 31) === 0 && realNanotime() - this.sliceStart > hostSliceNs)
    ) {
      // The M's time slice is over (Go: sysmon preempts a goroutine after 10 ms): gp goes to the global
      // queue, and the host loop turns (I/O, outside timers, goroutines woken by outside code) before the
      // M schedules again — then the local queue comes first, as after a preemption in Go. Under the fake
      // clock only the count applies: a slice measured in real time would make the order depend on the
      // machine's speed, and a fake-clock program's order is a function of its seed.
      this.burst = 0;
      globrunqput(this, gp);
      hostSetImmediate(this.afterHostTurn);
      return;
    }
    gp.status = _Grunning;
    this.curg = gp;
    if (gp.unblockOnRun !== null) unblockOnRun(gp);
    if (tracing) this.trace("go.start", gp.goid, pp.id, pp.id);
    if (!inheritTime) pp.schedtick++;
    if (this.finqStart && gp === this.mainG) {
      this.finqStart = false;
      if (pp.runqput(this.finq!, true) !== null) fatal("execute: finq displaced a goroutine");
    }
    this.stats.switches++;
    if (hooksOn) faultHooks.at("execute");
    resume(this, gp);
  }

  /**
   * Fake clock: whether the M has worked past hostSliceNs of real time since its slice (or last pause)
   * began. Read every 32nd resumption, and at a resumption after a preemption (getg.ts fakePreemptOps,
   * 65,536 operations under the fake clock: a busy loop resumes rarely). @internal
   */
  private sliceOver(): boolean {
    this.preempted = false;
    return realNanotime() - this.sliceStart > hostSliceNs;
  }

  /** The fake clock's M resumes the goroutine it paused for a host turn (see execute). */
  private readonly afterPause = (): void => {
    const gp = this.pausedG;
    const pp = this.curP;
    if (gp === null || this.stopped || pp === null) return;
    this.pausedG = null;
    this.sliceStart = realNanotime();
    this.execute(gp, pp, this.pausedInherit);
  };

  /** The M resumes scheduling after the host loop's turn (see execute). */
  private readonly afterHostTurn = (): void => {
    if (this.stopped || !this.mActive || this.curg !== null) return;
    this.schedule();
  };

  /** The M has nothing to run: sleep in the host loop until the next timer, or run checkdead. */
  private stopm(): void {
    this.mActive = false;
    this.curP = null;
    this.burst = 0;
    if (this.stopped) return;
    if (this.fake) {
      this.armCheckdead();
      return;
    }
    const pollUntil = this.timeSleepUntil(true);
    if (pollUntil !== maxWhen) this.poll.arm(pollUntil);
    else {
      this.poll.cancel(); // a prearmed host timeout (netpoll.ts n4) must not keep the process alive
      this.armCheckdead();
    }
    if (VERIFY) this.verifyIdle();
  }

  /** Go: timeSleepUntil / checkTimersNoP. The earliest wakeTime over the Ps (all, or timerpMask only). @internal */
  timeSleepUntil(maskOnly: boolean): Nanos {
    let next = maxWhen;
    const allp = this.allp;
    for (let i = 0; i < allp.length; i++) {
      const pp = allp[i];
      if (maskOnly && !this.timerpMask[pp.id]) continue;
      const w = pp.timers.wakeTime();
      if (w !== 0 && w < next) next = w;
    }
    return next;
  }

  /** Go: wakeNetPoller. A timer at `when` was added: make sure someone wakes for it. @internal */
  wakeNetPoller(when: Nanos): void {
    if (this.mActive || this.stopped) return; // a running M checks timers at its next decision
    if (this.fake) {
      this.armCheckdead();
      return;
    }
    if (this.poll.until === 0 || when < this.poll.until) this.poll.arm(when);
  }

  /** The host wake-up fired past its deadline: Go's M returning from netpoll with a P to run timers. */
  private readonly onPoll = (now: Nanos): void => {
    if (this.mActive || this.stopped) return;
    const pp = this.pidleget();
    if (pp === null) return;
    this.startm(pp, true);
    this.mActive = true;
    this.schedule(now);
  };

  /**
   * Arms checkdead for when the microtask queue has drained (hostAfterDrainer: usually a tick queued by a
   * microtask, ~0.1 µs per clock jump instead of a setImmediate turn's ~0.9 µs; every 256th time a
   * macrotask, so the event loop turns however long virtual time runs).
   */
  private armCheckdead(): void {
    if (this.checkdeadArmed) return;
    this.checkdeadArmed = true;
    this.armRunCheckdead();
  }

  private readonly runCheckdead = (): void => {
    this.checkdeadArmed = false;
    try {
      this.checkdead();
    } catch (e) {
      this.throwFatal(e);
    }
  };
  private readonly armRunCheckdead = hostAfterDrainer(this.runCheckdead);

  /** Go: checkdead (checkdead.ts): every goroutine is blocked — move the fake clock, or report. @internal */
  checkdead(): void {
    checkdead(this);
  }

  /**
   * The fake clock jumped to a timer: start an M on an idle P taken through pidleget (seed 5,
   * docs/design/seeds.md) to run it. @internal
   */
  runTimersAfterJump(): void {
    let pp: P | null;
    if (anyFault && faults.handMadeIdleRemoval) {
      // Seed 5's bug: unlink a P from the idle list by hand, skipping pidleget's bookkeeping.
      pp = this.idle.popRaw();
    } else {
      pp = this.pidleget();
    }
    if (pp === null) fatal("checkdead: no p for timer");
    this.startm(pp, true);
    this.mActive = true;
    this.drained = true;
    try {
      this.schedule();
    } finally {
      this.drained = false;
    }
  }

  /**
   * True while the M runs the timers of a fake-clock jump (runTimersAfterJump): checkdead runs only once
   * the microtask queue has drained, so a timer callback that must wait for a drain (a bubble's host-style
   * timer, nodetimers.ts) may start at once. @internal
   */
  drained = false;

  /** Every timer of this runtime that is armed (checkdead.ts). @internal */
  armedTimers(): Timer[] {
    return armedTimers(this);
  }

  // ----- GOMAXPROCS -----

  /**
   * Go: procresize. Creates or destroys Ps so that n exist. A destroyed P's run queue moves to the global
   * queue and its timers to the current P (timers.take, seed 4: docs/design/seeds.md). Ps without work go idle.
   * @internal
   */
  procresize(n: number): void {
    const old = this.allp.length;
    for (let i = old; i < n; i++) {
      const pp = new P(this, i);
      this.allp.push(pp);
      this.idle.grow();
      pp.status = _Prunning; // Go: p.init; idled below unless it has work
      this.addRunning(pp);
    }
    let cur = this.curP;
    if (cur === null || cur.id >= n) {
      // The M's P goes away (or there is none): it acquires P0, which must then be running, so the
      // timers moved into it are watched (G4).
      cur = this.allp[0];
      this.acquirep(cur);
    }
    for (let i = n; i < old; i++) {
      const pp = this.allp[i];
      for (const g of pp.runqdrain()) globrunqput(this, g);
      cur.timers.take(pp.timers);
      this.idle.remove(pp);
      this.removeRunning(pp);
      this.stopSpinning(pp);
      pp.status = _Pdead;
    }
    this.allp.length = n;
    this.idle.shrink(n);
    this.gomaxprocs = n;
    if (this.curP !== null && this.curP.id >= n) this.curP = cur;
    // Every P other than the current one with nothing to run goes idle.
    for (const pp of this.allp) {
      if (pp === this.curP && this.mActive) continue;
      if (pp.status === _Prunning && pp.runqempty()) this.pidleput(pp);
    }
    if (globrunqsize(this) > 0 || this.allp.some((p) => !p.runqempty())) this.wakep();
    if (VERIFY) this.verify();
  }

  // ----- main, failure, exit -----

  /**
   * Runs fn as the main goroutine. Resolves with its result when it returns (the program ends: other
   * goroutines are abandoned, as in Go); rejects with GoFatalError on deadlock or an unrecovered panic.
   */
  run<T>(fn: () => T | Promise<T>): Promise<Awaited<T>> {
    if (this.mainG !== null) return Promise.reject(new Error("gort: Runtime.run called twice"));
    // Run from a bubble's code: it holds the bubble's time while it runs (iotrack.ts: IoWatch.nested).
    const outer = contextRuntime();
    const release = outer !== null && outer !== this && outer.io !== null ? outer.io.nested(this) : null;
    if (!this.fake) this.hostBaseline = hostResources();
    return new Promise<Awaited<T>>((resolve, reject) => {
      // One settles run(), once (a failure after main returned, or a stop after it failed, changes nothing).
      this.onExit = (v: unknown) => {
        this.settleRun();
        release?.();
        resolve(v as Awaited<T>);
      };
      this.onFail = (e: unknown) => {
        this.settleRun();
        release?.();
        reject(e);
      };
      this.mainG = this.newprocMain(fn);
    });
  }

  /**
   * Go: schedinit's procresize keeps P0 for the M, and main is queued for it while no other P is woken
   * (mainStarted is still false), so main starts on P0, which has then scheduled once (its every-61-ticks
   * look at the global queue is not due at main's first Gosched). Main is created from host code, outside
   * any P: it goes to the global queue, where P0, the one P the M starts with, finds it. A runtime whose
   * M already runs (goroutines started from outside before run) queues main as any goroutine from outside.
   */
  private newprocMain(fn: GoFunc): G {
    const p0 = this.allp[0];
    if (this.mActive || this.nrunning > 0 || p0.status !== _Pidle) return this.newproc(fn, [], null);
    this.acquirep(p0);
    this.creatingMain = true;
    try {
      const main = this.newproc(fn, [], null);
      if (this.fake) this.goRuntimeStart(p0);
      return main;
    } finally {
      this.creatingMain = false;
    }
  }

  /**
   * Where Go's runtime leaves P0 when main.main begins, as far as a program can see it: the schedule ticks
   * its own goroutines used (the GC helpers' first runs) and the finalizer goroutine that package os's
   * init started, waiting in runnext until main first blocks (or in the run queue behind the goroutines
   * main starts before that). It only ever takes a place in the queues and a tick (Go's system goroutines
   * are in no dump and no NumGoroutine): finq below. The tick count is measured, not derived: with it,
   * the every-61-ticks look at the global queue falls where Go's does (oracle programs
   * `afterfunc_many_same_instant`, `go_spawn_many_order`, `sched_global_queue_phase`). Fake clock only:
   * only there is the order a program's to compare with Go's.
   */
  private goRuntimeStart(p0: P): void {
    p0.schedtick = runtimeStartTicks;
    const finq = new G(this, 0, null, 0, true);
    finq.status = _Grunnable;
    this.finq = finq;
    this.finqStart = true;
  }

  /**
   * Go's finalizer goroutine's stand-in (goRuntimeStart) until it has run once; execute puts it in runnext
   * when main first runs, as package os's init (on the main goroutine) would have. @internal
   */
  finq: G | null = null;
  /** finq is still to be put in runnext when main first runs (until then it is in no run queue). @internal */
  finqStart = false;

  /** run() settles: neither of its settling functions runs again. */
  private settleRun(): void {
    this.onExit = null;
    this.onFail = null;
  }

  /**
   * Runtime.stop: stops the runtime; a run() still waiting for main rejects, since main will never
   * return now (without this the promise would stay pending for ever). @internal
   */
  stopByUser(): void {
    if (this.stopped) return;
    this.stop();
    this.onFail?.(new Error("gort: Runtime.stop called before main returned"));
  }

  /** Main returned: stop everything, resolve run(). @internal */
  exit(): void {
    this.stop();
    this.onExit?.(this.mainResult);
  }

  /** gp went on running after parking, without awaiting the park (getg.ts): it panics (goexit.ts). @internal */
  missingAwait(gp: G): void {
    missingAwait(this, gp);
  }

  /** Fails the runtime with err (a deadlock, a panic, a runaway). @internal */
  fail(err: GoFatalError): void {
    this.failure = err;
    this.stop();
    if (this.onFail !== null) this.onFail(err);
    else if (this.mainG === null)
      hostSetTimeout(() => {
        throw err;
      }, 0);
  }

  /** Stops the runtime: nothing is scheduled again, host timers are released. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (tracing) this.trace("runtime.exit", 0, this.failure?.name ?? "exit");
    this.poll.cancel();
    if (this.stallWatch !== null) hostClearTimeout(this.stallWatch);
    this.stallWatch = null;
    clearRecheck(this);
    this.mActive = false;
    this.curg = null;
    this.syscallGs.clear();
    abandonStarts(this); // no goroutine starts and no timer fires now (newproc.ts sc1)
  }

  // ----- dumps and checks -----

  /** Publishes a trace event stamped with this runtime's clock. @internal */
  trace(kind: TraceEventKind, g: number, arg?: string | number, p?: number): void {
    const e: TraceEvent = { kind, rt: this.id, ts: this.nanotime() - this.monoBase, g };
    if (arg !== undefined) e.arg = arg;
    const pid = p ?? this.curP?.id;
    if (pid !== undefined) e.p = pid;
    emit(e);
  }

  /** Go's goroutine dump: one block per live goroutine, main first (schedcheck.ts). */
  dump(): string {
    return dumpGoroutines(this);
  }

  /** Checks s1–s5, g1, g2, e2, st1–st2, x1–x3, pk1–pk4 and every P's and heap's invariants (schedcheck.ts). @internal */
  verify(): void {
    verifySched(this);
  }

  /** The fake clock's reading at the last verify (s5). @internal */
  verifiedFakeNow: Nanos = 0;

  /** s4 (schedcheck.ts), when the M stops. */
  private verifyIdle(): void {
    verifyIdle(this);
  }
}

function validProcs(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`gort: procs must be a positive integer, got ${n}`);
  if (n > 1024) throw new RangeError(`gort: procs must be at most 1024, got ${n}`);
  return n;
}

installTimerEnv();
setDefaultRuntimeFactory(() => {
  const rt = new Sched({});
  process.once("exit", () => exitDeadlock(rt));
  return rt;
});
