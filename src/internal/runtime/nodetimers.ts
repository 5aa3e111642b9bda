// A bubble's Node-style timers (setTimeout & co. inside a synctest bubble), fired in Node's order from one
// engine timer, and which bubble the running code belongs to. fakes.ts installs the global wrappers that
// call into this; synctest.ts creates one NodeTimers per bubble.
//
// Node's ordering is kept: host-style timers due at the same instant fire in the order they were armed
// (setImmediate ones first, as Node runs immediates before timers of a later instant), each callback in its
// own goroutine of the bubble, started in that order, once the microtask queue has drained.
//
// Invariants (checked by NodeTimers.verify after every mutation when VERIFY is on):
//   f1. the entries form a 4-ary min-heap on (when, seq); each pending timeout has exactly one live entry
//       (its current seq), every other entry is stale and counted in `stale`; seq strictly increases with
//       arming.
//   f2. the engine timer is armed at the first live entry's when iff there is one.
//   f3. a timeout holds a start capture (newproc.ts sc1, sc2) iff it is pending and the bubble has not
//       stopped; a ready callback not yet started holds the one its goroutine will start in (a one-shot's
//       own, handed over when it fired; an interval's, shared: SharedStart), and none once the bubble has
//       stopped. A clear drops the timeout's; a cleared ready callback's is dropped when step skips it.
//   f4. (faketimeout.ts) a handed-off timeout is a host timer and in no heap.
//
// Which of them a goroutine awaits does not matter to the clock: an await of a promise that only the
// bubble's timers, goroutines and their microtasks can settle is durable, and time moves when nothing else
// (real I/O, iotrack.ts) holds it.

import { VERIFY } from "../debug.ts";
import { hostAfterDrainer, hostHrtime, hostPerfNow } from "../host.ts";
import { FakeImmediate, FakeTimeout, idOf, outsideCtx, verifyHandedById } from "./faketimeout.ts";
import { contextRuntime, getg } from "./getg.ts";
import { maxHostDelayMs } from "./nanotime.ts";
import { dropStart, SharedStart, shareable } from "./newproc.ts";
import { captureStart, type GoFunc, type Sched, type StartFn } from "./proc.ts";
import { Timer } from "./timer.ts";
import { captureSite, siteFor } from "./traceback.ts";

/** A bubble's host-style timers, fired in Node's order from one engine timer. */
export class NodeTimers {
  /**
   * Pending timeouts: a 4-ary min-heap on (when, seq) in three parallel arrays (timeout, when, seq), so
   * sifting compares numbers, not objects (f1). clear/refresh leave the old entry in place, stale (its
   * timeout is no longer pending, or was re-armed with a newer seq); stale entries are dropped when they
   * reach the top, or all at once when they are more than half of the heap.
   */
  private et: FakeTimeout[] = [];
  private ew: number[] = [];
  private eq: number[] = [];
  /** Stale entries in the heap. */
  private stale = 0;
  private seq = 0;
  /** Host-style callbacks started so far (for runaway bounds and reports). */
  fired = 0;
  /**
   * Firings of the engine timer that drives them: a gort timer, counted in the runtime's timersFired,
   * though it is no firing of the bubble's code (synctest.ts subtracts it).
   */
  engineFired = 0;
  /** The callback started last (for runaway reports). */
  lastFired: FakeTimeout | null = null;
  /** Called after each callback start (synctest's runaway bound). */
  onFire: (() => void) | null = null;
  /** performance.now() at the bubble's start: the host's, truncated to a whole number of ms (>= 1). */
  readonly perfOrigin: number;
  /** process.hrtime.bigint() at the bubble's start: the host's. */
  readonly hrOrigin: bigint;
  private readonly byId = new Map<number, FakeTimeout>();
  private readonly engine: Timer;
  /**
   * The bubble's code gets the fakes (BubbleOptions.fakeGlobals, default true): with false, the wrappers
   * that gort/synctest put in place at load pass its calls to the host, as outside bubbles.
   */
  fakes = true;

  readonly rt: Sched;

  constructor(rt: Sched) {
    this.rt = rt;
    this.engine = new Timer(() => {
      this.engineFired++;
      this.fire();
    }, null);
    this.perfOrigin = Math.max(1, Math.trunc(hostPerfNow()));
    this.hrOrigin = hostHrtime();
  }

  /** The bubble's virtual ns since it started. */
  elapsedNs(): number {
    return this.rt.nanotime() - 1;
  }

  /** Whether t is the gort timer that stands for this bubble's host-style timers. */
  isEngine(t: Timer): boolean {
    return t === this.engine;
  }

  add(
    cb: (...a: unknown[]) => unknown,
    delay: number,
    args: unknown[],
    repeat: boolean,
    kind: FakeTimeout["kind"] = repeat ? "setInterval" : "setTimeout",
    siteFrames = 0,
  ): FakeTimeout {
    if (typeof cb !== "function") throw new TypeError('The "callback" argument must be of type function');
    // Node: setImmediate runs in this turn of the loop, after the timers already due now.
    const d = kind === "setImmediate" ? 0 : normDelay(delay);
    getg(); // a goroutine coming back from a foreign await leaves its syscall
    // Frames above add: (addImmediate,) the fake and its wrapper (fakepatch.ts: within), then the caller.
    // siteFrames: cb is gort's own (timers/promises, AbortSignal.timeout); the user's frame is further up.
    const site = !this.rt.spawnSites
      ? null
      : siteFrames > 0
        ? captureSite(NodeTimers.prototype.add, siteFrames)
        : siteFor(cb, NodeTimers.prototype.add, 4);
    const t =
      kind === "setImmediate"
        ? new FakeImmediate(this, cb, args, 0, 0, site, kind)
        : new FakeTimeout(this, cb, args, repeat ? d : 0, d, site, kind);
    // A stopped bubble's timer never fires: nothing to capture (f3).
    t.start = this.rt.stopped ? null : captureStart();
    this.insert(t, this.rt.nanotime() + d * 1e6);
    return t;
  }

  /** An immediate: due now, after everything already due now. */
  addImmediate(cb: (...a: unknown[]) => unknown, args: unknown[]): FakeTimeout {
    return this.add(cb, 0, args, false, "setImmediate");
  }

  /** refresh(): re-arm from now (also a timeout that already fired, as in Node; not a cleared one). */
  reschedule(t: FakeTimeout, delayMs: number): void {
    if (t.cleared) return;
    if (t.pending) this.remove(t, false);
    else {
      if (t.hasPrimitive) this.byId.set(t.id, t);
      // Node: a timeout refreshed after it fired is a new async resource, in the refresh's context. (Its
      // old capture went with the firing: null here.)
      dropStart(t.start);
      t.start = captureStart();
    }
    this.insert(t, this.rt.nanotime() + normDelay(delayMs) * 1e6);
  }

  /** t's id was asked for while it is pending: clear*(id) finds it (until it fires or is cleared). */
  knownById(t: FakeTimeout): void {
    this.byId.set(t.id, t);
  }

  /** clear*(): returns whether t is one of this bubble's timers. */
  clear(t: FakeTimeout | number | string | undefined | null): boolean {
    // An id as a number or, as Node's knownTimersById is keyed, as its decimal string.
    const e = typeof t === "number" ? this.byId.get(t) : typeof t === "string" ? this.byId.get(idOf(t)) : t;
    if (!(e instanceof FakeTimeout) || e.nt !== this) return false;
    e.cleared = true;
    this.byId.delete(e.id);
    dropStart(e.start); // no firing of it will start now (f3); one already ready is skipped (step)
    e.start = null;
    if (e.pending) this.remove(e);
    return true;
  }

  /** Live (pending) host-style timers; with refedOnly, those that would keep a Node process alive. */
  pending(refedOnly = false): number {
    let n = 0;
    for (let i = 0; i < this.et.length; i++) if (!this.isStale(i) && (!refedOnly || this.et[i].refed)) n++;
    return n;
  }

  /** The pending host-style timers, earliest first (a sorted copy, for reports). */
  list(): readonly FakeTimeout[] {
    const out: FakeTimeout[] = [];
    for (let i = 0; i < this.et.length; i++) if (!this.isStale(i)) out.push(this.et[i]);
    return out.sort((a, b) => a.when - b.when || a.seq - b.seq);
  }

  private insert(t: FakeTimeout, when: number): void {
    t.when = when;
    t.seq = this.seq++;
    t.pending = true;
    this.et.push(t);
    this.ew.push(when);
    this.eq.push(t.seq);
    this.up(this.et.length - 1);
    this.arm();
    if (VERIFY) this.verify();
  }

  /**
   * Unarms t: its entry goes stale in place and is dropped when it reaches the top (or by compact).
   * check: false when the caller re-arms it at once (f3 holds again after).
   */
  private remove(t: FakeTimeout, check = true): void {
    t.pending = false;
    this.stale++;
    if (this.stale > 64 && this.stale * 2 > this.et.length) this.compact();
    this.arm();
    if (VERIFY && check) this.verify();
  }

  /** Whether entry i is stale: its timeout was cleared or re-armed since (a newer seq). */
  private isStale(i: number): boolean {
    const t = this.et[i];
    return !t.pending || t.seq !== this.eq[i];
  }

  /** Drops stale entries from the top, so that entry 0 (if any) is a live one. */
  private cleanTop(): void {
    while (this.et.length > 0 && this.isStale(0)) {
      this.popTop();
      this.stale--;
    }
  }

  /** Removes entry 0 and returns its timeout. */
  private popTop(): FakeTimeout {
    const et = this.et;
    const ew = this.ew;
    const eq = this.eq;
    const t = et[0];
    const last = et.length - 1;
    et[0] = et[last];
    ew[0] = ew[last];
    eq[0] = eq[last];
    et.pop();
    ew.pop();
    eq.pop();
    if (last > 0) this.down(0);
    return t;
  }

  /** Rebuilds the heap from its live entries (when more than half are stale). */
  private compact(): void {
    const et = this.et;
    const ew = this.ew;
    const eq = this.eq;
    let n = 0;
    for (let i = 0; i < et.length; i++) {
      if (this.isStale(i)) continue;
      et[n] = et[i];
      ew[n] = ew[i];
      eq[n] = eq[i];
      n++;
    }
    et.length = n;
    ew.length = n;
    eq.length = n;
    this.stale = 0;
    for (let i = ((n - 2) >> 2) + 1; i-- > 0; ) this.down(i);
  }

  /** Heap order of entries i and j: earlier `when` first, then the earlier armed (Node's order). */
  private less(i: number, j: number): boolean {
    const wi = this.ew[i];
    const wj = this.ew[j];
    return wi < wj || (wi === wj && this.eq[i] < this.eq[j]);
  }

  private swap(i: number, j: number): void {
    const et = this.et;
    const ew = this.ew;
    const eq = this.eq;
    const t = et[i];
    et[i] = et[j];
    et[j] = t;
    const w = ew[i];
    ew[i] = ew[j];
    ew[j] = w;
    const q = eq[i];
    eq[i] = eq[j];
    eq[j] = q;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 2;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.et.length;
    for (;;) {
      const c0 = 4 * i + 1;
      if (c0 >= n) return;
      let m = c0;
      const end = Math.min(c0 + 4, n);
      for (let c = c0 + 1; c < end; c++) if (this.less(c, m)) m = c;
      if (!this.less(m, i)) return;
      this.swap(i, m);
      i = m;
    }
  }

  private arm(): void {
    this.cleanTop();
    if (this.et.length === 0) {
      this.engine.stop();
      return;
    }
    const when = this.ew[0];
    if (this.engine.when !== when) this.engine.reset(when, 0);
  }

  /**
   * The engine timer fired: every due callback joins the ready queue, oldest first. They start one at a
   * time, each in its own goroutine once the microtask queue has drained (hostAfterDrainer), so that — as
   * in Node — the microtask queue (every promise job, however deep, and process.nextTick) drains between
   * two callbacks; their
   * order is Node's whatever the number of Ps; a callback cleared by an earlier one due at the same
   * instant does not run. While callbacks wait in the ready queue the bubble holds its time still.
   */
  private fire(): void {
    const now = this.rt.nanotime();
    const due = this.due;
    due.length = 0;
    for (this.cleanTop(); this.et.length > 0 && this.ew[0] <= now; this.cleanTop()) due.push(this.popTop());
    for (const t of due) {
      this.ready.push(t);
      if (t.repeat > 0) {
        // Every firing starts in the interval's capture: it is shared with the firing's goroutine (f3).
        const start = t.start === null ? null : shareable(t.start);
        t.start = start;
        this.readyStart.push(start instanceof SharedStart ? start.hold() : start);
        // Node re-arms an interval from the time its callback runs: here, the same instant.
        this.insert(t, now + t.repeat * 1e6);
      } else {
        t.pending = false;
        this.byId.delete(t.id);
        // A one-shot's capture goes with its firing (a refresh from now on captures anew).
        this.readyStart.push(t.start);
        t.start = null;
      }
    }
    due.length = 0;
    this.arm();
    if (VERIFY) this.verify();
    if (!this.chain && this.readyHead < this.ready.length) {
      this.chain = true;
      this.rt.nio++; // time stands still until the chain ends (checkdead: holdsTime)
      // Right after a clock jump the microtask queue has drained already (checkdead waits for it).
      if (this.rt.drained) this.step();
      else this.armStep();
    }
  }

  /** The timeouts fire() found due (reused). */
  private readonly due: FakeTimeout[] = [];
  /** Due callbacks not started yet, and the start capture each will start in (f3). */
  private ready: FakeTimeout[] = [];
  private readyStart: (StartFn | null)[] = [];
  private readyHead = 0;
  /** A chain of macrotasks is starting the ready callbacks. */
  private chain = false;

  /** A host macrotask of the chain: starts the next ready callback that was not cleared meanwhile. */
  readonly step = (): void => {
    const rt = this.rt;
    if (rt.stopped) return;
    while (this.readyHead < this.ready.length) {
      const i = this.readyHead++;
      const t = this.ready[i];
      const start = this.readyStart[i];
      this.readyStart[i] = null;
      if (t.cleared) {
        dropStart(start);
        continue;
      }
      this.fired++;
      this.lastFired = t;
      // The goroutine's creation site is where the callback's timer was set, not this step.
      rt.newprocFIFO(runFake as GoFunc, [t], t.site, start);
      this.onFire?.();
      return; // runFake queues the next step once the callback's synchronous part returned
    }
    this.endChain();
  };
  /** Arms step for when the microtask queue has drained (host.ts: its job made once). */
  private readonly armStep = hostAfterDrainer(this.step);

  /**
   * A callback's synchronous part returned: start the next ready one once the microtask queue has
   * drained, or, if none is left, end the chain at once (checkdead waits for the drain anyway).
   */
  afterCallback(): void {
    if (this.readyHead < this.ready.length) this.armStep();
    else this.endChain();
  }

  private endChain(): void {
    const rt = this.rt;
    this.ready = [];
    this.readyStart = [];
    this.readyHead = 0;
    this.chain = false;
    rt.nio--;
    rt.wakeNetPoller(rt.fakeNow); // an idle bubble may now advance (arms checkdead)
  }

  /**
   * The bubble stopped: no timeout fires and no ready callback starts now; their captures go (f3). Each
   * pending timeout, and each ready one-shot not started, first takes the context its callback would run
   * in, without the bubble (hostCtx), for a hand-off (handOff) if the bubble turns out to have completed.
   */
  abandonStarts(): void {
    // Contexts first, from live entries only: a stale entry's timeout may be live elsewhere in the heap.
    for (let i = 0; i < this.et.length; i++)
      if (!this.isStale(i)) this.et[i].hostCtx = outsideCtx(this.et[i].start);
    for (let i = this.readyHead; i < this.ready.length; i++) {
      const t = this.ready[i];
      if (t.repeat === 0 && !t.cleared && !t.pending) t.hostCtx = outsideCtx(this.readyStart[i]);
    }
    for (const t of this.et) {
      dropStart(t.start);
      t.start = null;
    }
    for (let i = this.readyHead; i < this.readyStart.length; i++) {
      dropStart(this.readyStart[i]);
      this.readyStart[i] = null;
    }
    if (VERIFY) this.verify();
  }

  /**
   * The bubble completed (its goroutines returned, its I/O drained; after abandonStarts): its timeouts
   * leave it (f4). Every one-shot still due — a ready callback not started, then each pending one in the
   * bubble's order — and every unref'd interval is handed off to the host, due in what was left of its
   * delay on the bubble's clock (0 for one due already); a refed interval is dropped (it would keep the
   * process alive for good; the bubble ends with one only under allowPendingTimers).
   */
  handOff(): { t: FakeTimeout; ms: number }[] {
    const now = this.rt.nanotime();
    const out: { t: FakeTimeout; ms: number }[] = [];
    const seen = new Set<FakeTimeout>();
    for (let i = this.readyHead; i < this.ready.length; i++) {
      const t = this.ready[i];
      if (t.hostCtx === null || t.pending || t.cleared || t.onHost || seen.has(t)) continue;
      seen.add(t);
      out.push({ t, ms: 0 });
    }
    for (const t of this.list()) {
      // Cleared or refreshed since the stop, by code outside (a socket's close, its activity: toHost).
      if (t.cleared || t.onHost || (t.repeat > 0 && t.refed)) continue;
      out.push({ t, ms: Math.max(0, (t.when - now) / 1e6) });
    }
    for (const h of out) h.t.handOff(h.ms);
    this.empty();
    if (VERIFY) this.verify();
    return out;
  }

  /** The bubble failed: its pending timeouts are dropped, never to fire (a refresh makes one a host timer). */
  discard(): void {
    for (const t of this.et) t.hostCtx = null;
    for (const t of this.ready) t.hostCtx = null;
  }

  /** Drops every entry of the heap and the ready queue (a completed bubble's, handOff): none is pending now. */
  private empty(): void {
    for (const t of this.et) {
      t.pending = false;
      if (!t.handed) t.hostCtx = null;
    }
    this.et = [];
    this.ew = [];
    this.eq = [];
    this.stale = 0;
    for (const t of this.ready) if (!t.handed) t.hostCtx = null;
    this.ready = [];
    this.readyStart = [];
    this.readyHead = 0;
    this.byId.clear();
  }

  verify(): void {
    const et = this.et;
    const stopped = this.rt.stopped;
    for (const t of et)
      if ((t.start !== null) !== (t.pending && !stopped))
        throw new Error(
          `fakes: f3 ${t.kind} ${t.id} ${t.start === null ? "pending without" : "holds"} a capture`,
        );
    if (this.readyStart.length !== this.ready.length) throw new Error("fakes: f3 ready starts");
    for (let i = 0; i < this.readyStart.length; i++)
      if (this.readyStart[i] !== null && (i < this.readyHead || stopped))
        throw new Error(`fakes: f3 ready callback ${i} holds a capture`);
    if (this.ew.length !== et.length || this.eq.length !== et.length) throw new Error("fakes: f1 lengths");
    let stale = 0;
    const live = new Set<FakeTimeout>();
    for (let i = 0; i < et.length; i++) {
      if (i > 0 && this.less(i, (i - 1) >> 2)) throw new Error("fakes: f1 order");
      if (this.isStale(i)) {
        stale++;
        continue;
      }
      if (et[i].when !== this.ew[i] || live.has(et[i])) throw new Error("fakes: f1 live entry");
      live.add(et[i]);
    }
    if (stale !== this.stale) throw new Error(`fakes: f1 stale count ${this.stale}, found ${stale}`);
    for (const t of live)
      if (t.handed) throw new Error(`fakes: f4 ${t.kind} ${t.id} handed off, still pending`);
    verifyHandedById();
  }
}

function runFake(t: FakeTimeout): unknown {
  const nt = t.nt;
  // process.nextTick from the callback's synchronous part runs once that part returns, before any promise
  // job it queued, as in Node (which runs the tick queue after each timer callback): here, synchronously,
  // in the finally below, so a callback that queues no tick costs nothing.
  const prev = tickQueue;
  const ticks = prev === null ? sharedTicks : [];
  tickQueue = ticks;
  try {
    return t.cb(...t.args);
  } finally {
    try {
      if (ticks.length > 0) runTicks(ticks);
    } finally {
      ticks.length = 0;
      tickQueue = prev;
      if (!nt.rt.stopped) nt.afterCallback();
    }
  }
}

/** The tick queue of the callback running now (callbacks never nest: each starts its own goroutine). */
const sharedTicks: Tick[] = [];

export type Tick = [(...a: unknown[]) => unknown, unknown[]];

/** Where process.nextTick queues inside a host-style callback's synchronous part (or a tick's). */
export let tickQueue: Tick[] | null = null;

/** Runs the queued ticks in order; a tick's own nextTick calls join the end of the same queue. */
function runTicks(ticks: Tick[]): void {
  for (let i = 0; i < ticks.length; i++) ticks[i][0](...ticks[i][1]);
}

/**
 * The whole ms after which a host-style timer armed now fires. Node: a delay that is not a number in
 * [1, 2^31-1] becomes 1 ms; a fractional one is kept, and a timer fires once the loop's clock, in whole
 * ms, is at least that far past the whole ms it was armed at (listOnTimeout: `diff < msecs` re-arms it),
 * so setTimeout(f, 1000 / 60) fires 17 ms later, not 16, and 60 of them in a chain take 1,020 ms.
 */
function normDelay(d: unknown): number {
  const n = Number(d);
  if (!(n >= 1 && n <= maxHostDelayMs)) return 1;
  return Math.ceil(n);
}

// ===== which bubble is running =====

/**
 * The bubble the current code belongs to, or null: the runtime of the goroutine in the async context
 * (getg.ts), whatever that goroutine's state — code that continues after a foreign await (a fetch, a file
 * read) and callbacks its goroutines registered still know their bubble, while code of the same process
 * that never descended from the bubble (the test runner, a server, a driver's socket callbacks set up
 * outside) does not, even if it runs in the same microtask drain. The callbacks of a socket that a
 * bubble's server accepted, which Node runs in no async context, are given the bubble's (iotrack.ts:
 * bindAccepted), as a Go server's per-connection goroutines are the bubble's.
 */
export function currentBubble(): Sched | null {
  const rt = contextRuntime();
  return rt !== null && rt.nodeTimers !== null && (rt.nodeTimers as NodeTimers).fakes ? rt : null;
}
