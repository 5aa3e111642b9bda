// Scoped fakes of the host's time functions, for code running inside a synctest bubble only.
//
// While any bubble is alive, globalThis.setTimeout/setInterval/setImmediate (and their clears), Date,
// performance.now, AbortSignal.timeout and node:timers/promises are wrappers. Each call asks "is this code
// running in a bubble?" — the running goroutine belongs to a bubble runtime, or, outside any goroutine, a
// bubble ran last in the current microtask drain — and answers from the bubble's fake clock; otherwise it
// calls the host function captured at load (../host.ts), so the test runner, HTTP clients and database
// drivers outside the bubble keep real time. When the last bubble ends, the originals are restored (unless
// someone else, e.g. sinon, replaced our wrappers meanwhile; then theirs stay).
//
// Node's ordering is kept: host-style timers due at the same instant fire in the order they were created
// (setImmediate ones first, as Node runs immediates before timers of a later instant), each callback in its
// own goroutine of the bubble, started in that order.
//
// Invariants (checked by NodeTimers.verify):
//   f1. the entries form a 4-ary min-heap on (when, seq); each pending timeout has exactly one live entry
//       (its current seq), every other entry is stale and counted in `stale`; seq strictly increases with
//       arming.
//   f2. the engine timer is armed at the first entry's when iff there is an entry.
//   f3. g.pendingFakes equals the number of pending timeouts and refed intervals charged to g (created by
//       g, or by a callback of a timer charged to g), plus due timeouts whose callbacks have not started.

import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { promisify } from "node:util";
import { VERIFY } from "../debug.ts";
import { HostDate, hostAfterDrain, hostEnqueueMicrotask, hostNextTick, hostQueueMicrotask } from "../host.ts";
import { _Gdead, type G } from "./g.ts";
import { curG, type GoFunc, getg, type Runtime, schedRuntime } from "./proc.ts";
import { Timer } from "./timer.ts";

/** A pending host-style timer of a bubble (the object setTimeout returns inside a bubble). */
export class FakeTimeout {
  when = 0;
  seq = 0;
  /** Armed: in the bubble's list, waiting to fire. */
  pending = false;
  /** Cleared with clear*(): refresh() no longer re-arms it (Node: _idleTimeout = -1). */
  cleared = false;
  refed = true;
  /** Whether it counts in owner.pendingFakes right now (see NodeTimers.recount). */
  counted = false;
  readonly id: number;
  constructor(
    readonly nt: NodeTimers,
    readonly cb: (...args: unknown[]) => unknown,
    readonly args: unknown[],
    readonly repeat: number,
    readonly delay: number,
    readonly owner: G | null,
    /** Where it was created (formatted only for reports). */
    readonly site: Error | null,
    readonly kind: "setTimeout" | "setInterval" | "setImmediate",
  ) {
    this.id = nt.nextId++;
  }
  ref(): this {
    this.refed = true;
    this.nt.recount(this);
    return this;
  }
  unref(): this {
    this.refed = false;
    this.nt.recount(this);
    return this;
  }
  hasRef(): boolean {
    return this.refed;
  }
  refresh(): this {
    this.nt.reschedule(this, this.delay);
    return this;
  }
  close(): this {
    this.nt.clear(this);
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

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
  nextId = 1;
  /** Host-style callbacks started so far (for runaway bounds and reports). */
  fired = 0;
  /** The callback started last (for runaway reports). */
  lastFired: FakeTimeout | null = null;
  /** Called after each callback start (synctest's runaway bound). */
  onFire: (() => void) | null = null;
  private readonly byId = new Map<number, FakeTimeout>();
  private readonly engine: Timer;

  constructor(readonly rt: Runtime) {
    this.engine = new Timer(() => this.fire(), null);
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
  ): FakeTimeout {
    if (typeof cb !== "function") throw new TypeError('The "callback" argument must be of type function');
    // Node: setImmediate runs in this turn of the loop, after the timers already due now.
    const d = kind === "setImmediate" ? 0 : normDelay(delay);
    const gp = getg(); // also recognises a goroutine coming back from a foreign await
    let owner = gp !== null && gp.rt === this.rt && !gp.external ? gp : null;
    if (owner !== null) {
      const o = owner.causalOwner;
      if (o !== null && o.status !== _Gdead) owner = o;
    }
    const site = this.rt.spawnSites ? captureSite() : null;
    const t = new FakeTimeout(this, cb, args, repeat ? d : 0, d, owner, site, kind);
    this.byId.set(t.id, t);
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
    if (t.pending) this.remove(t);
    else this.byId.set(t.id, t);
    this.insert(t, this.rt.nanotime() + normDelay(delayMs) * 1e6);
  }

  /** clear*(): returns whether t is one of this bubble's timers. */
  clear(t: FakeTimeout | number | undefined | null): boolean {
    const e = typeof t === "number" ? this.byId.get(t) : t;
    if (!(e instanceof FakeTimeout) || e.nt !== this) return false;
    e.cleared = true;
    this.byId.delete(e.id);
    if (e.pending) this.remove(e);
    else this.recount(e);
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

  /**
   * Keeps owner.pendingFakes equal to the number of pending timers charged to it that it may be waiting
   * for (f3): every timeout — an unref'd one too, since a deadline such as AbortSignal.timeout is what a
   * test of a timeout waits for — and every refed interval (an unref'd interval is housekeeping, which a
   * goroutine awaiting real I/O does not wait for).
   */
  recount(t: FakeTimeout): void {
    const want = t.pending && (t.refed || t.repeat === 0) && t.owner !== null;
    if (want === t.counted) return;
    t.counted = want;
    t.owner!.pendingFakes += want ? 1 : -1;
  }

  private insert(t: FakeTimeout, when: number): void {
    t.when = when;
    t.seq = this.seq++;
    t.pending = true;
    this.recount(t);
    this.et.push(t);
    this.ew.push(when);
    this.eq.push(t.seq);
    this.up(this.et.length - 1);
    this.arm();
    if (VERIFY) this.verify();
  }

  /** Unarms t: its entry goes stale in place and is dropped when it reaches the top (or by compact). */
  private remove(t: FakeTimeout): void {
    t.pending = false;
    this.stale++;
    this.recount(t);
    if (this.stale > 64 && this.stale * 2 > this.et.length) this.compact();
    this.arm();
    if (VERIFY) this.verify();
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
   * time, each in its own goroutine once the microtask queue has drained (hostAfterDrain), so that — as
   * in Node — the microtask queue (every promise job, however deep, and process.nextTick) drains between
   * two callbacks; their
   * order is Node's whatever the number of Ps; a callback cleared by an earlier one due at the same
   * instant does not run. While callbacks wait in the ready queue the bubble holds its time still.
   */
  private fire(): void {
    const now = this.rt.nanotime();
    const due: FakeTimeout[] = [];
    for (this.cleanTop(); this.et.length > 0 && this.ew[0] <= now; this.cleanTop()) due.push(this.popTop());
    for (const t of due) {
      if (t.repeat > 0) {
        // Node re-arms an interval from the time its callback runs: here, the same instant.
        this.insert(t, now + t.repeat * 1e6);
      } else {
        // Still counted until its callback starts, so its owner keeps waiting for it.
        t.pending = false;
        this.byId.delete(t.id);
      }
      this.ready.push(t);
    }
    this.arm();
    if (VERIFY) this.verify();
    if (!this.chain && this.readyHead < this.ready.length) {
      this.chain = true;
      this.rt.nio++; // time stands still until the chain ends (checkdead: holdsTime)
      hostAfterDrain(this.step);
    }
  }

  /** Due callbacks not started yet. */
  private ready: FakeTimeout[] = [];
  private readyHead = 0;
  /** A chain of macrotasks is starting the ready callbacks. */
  private chain = false;

  /** A host macrotask of the chain: starts the next ready callback that was not cleared meanwhile. */
  readonly step = (): void => {
    const rt = this.rt;
    if (rt.stopped) return;
    while (this.readyHead < this.ready.length) {
      const t = this.ready[this.readyHead++];
      if (t.cleared) {
        this.recount(t);
        continue;
      }
      this.fired++;
      this.lastFired = t;
      // The goroutine's creation site is where the callback's timer was set, not this step.
      rt.newprocFIFO(runFake as GoFunc, [t], t.site);
      this.onFire?.();
      return; // runFake queues the next step once the callback's synchronous part returned
    }
    this.endChain();
  };

  /**
   * A callback's synchronous part returned: start the next ready one once the microtask queue has
   * drained, or, if none is left, end the chain at once (checkdead waits for the drain anyway).
   */
  afterCallback(): void {
    if (this.readyHead < this.ready.length) hostAfterDrain(this.step);
    else this.endChain();
  }

  private endChain(): void {
    const rt = this.rt;
    this.ready = [];
    this.readyHead = 0;
    this.chain = false;
    rt.nio--;
    rt.wakeNetPoller(rt.fakeNow); // an idle bubble may now advance (arms checkdead)
  }

  verify(): void {
    const et = this.et;
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
  }
}

function runFake(t: FakeTimeout): unknown {
  const nt = t.nt;
  if (!t.pending) nt.recount(t);
  const gp = getg();
  if (gp !== null && t.owner !== null) gp.causalOwner = t.owner;
  // process.nextTick from the callback's synchronous part runs before its promise jobs, as in Node.
  const ticks: Tick[] = [];
  hostEnqueueMicrotask(() => flushTicks(ticks));
  const prev = tickQueue;
  tickQueue = ticks;
  try {
    return bubbleContext.run(nt.rt, t.cb, ...t.args);
  } finally {
    tickQueue = prev;
    if (!nt.rt.stopped) nt.afterCallback();
  }
}

type Tick = [(...a: unknown[]) => unknown, unknown[]];

/** Where process.nextTick queues inside a host-style callback's synchronous part (or a tick's). */
let tickQueue: Tick[] | null = null;

function flushTicks(ticks: Tick[]): void {
  const prev = tickQueue;
  tickQueue = ticks;
  try {
    for (let i = 0; i < ticks.length; i++) ticks[i][0](...ticks[i][1]);
  } finally {
    tickQueue = prev;
  }
}

function captureSite(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 8;
  const e = new Error("timer");
  Error.stackTraceLimit = limit;
  return e;
}

function normDelay(d: unknown): number {
  const n = Number(d);
  // Node: a delay that is not a number in [1, 2^31-1] becomes 1 ms.
  if (!(n >= 1 && n <= 2147483647)) return 1;
  return Math.trunc(n);
}

function nt(rt: Runtime): NodeTimers {
  return rt.nodeTimers as NodeTimers;
}

// ===== which bubble is running =====

/**
 * The async context of a bubble: synctest.run runs the bubble inside bubbleContext.run(rt), so code that
 * continues after a foreign await (a fetch, a file read) still knows its bubble, while code of the same
 * process that never descended from the bubble (the test runner, a server, a driver's socket callbacks
 * set up outside) does not — even if it runs in the same microtask drain.
 */
export const bubbleContext = new AsyncLocalStorage<Runtime>();

/** The bubble the current code belongs to, or null: the running goroutine's, else the async context's. */
export function currentBubble(): Runtime | null {
  const g = curG;
  if (g !== null) {
    const rt = g.rt as Runtime;
    return rt.nodeTimers !== null && !rt.stopped ? rt : null;
  }
  const rt = bubbleContext.getStore();
  return rt !== undefined && !rt.stopped ? rt : null;
}

/** Virtual ms since the Unix epoch of a bubble's wall clock. */
function wallMs(rt: Runtime): number {
  return Number(rt.walltimeNs() / 1_000_000n);
}

// ===== installing the wrappers =====

const g = globalThis as unknown as Record<string, unknown>;
let active = 0;
const timerNames = [
  "setTimeout",
  "setInterval",
  "setImmediate",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
] as const;

/** What installFakes replaced, and by what: restored only where our wrapper is still in place. */
interface Patch {
  target: Record<string, unknown>;
  name: string;
  orig: unknown;
  wrapper: unknown;
  descriptor?: PropertyDescriptor;
}
let patches: Patch[] = [];

function patch(target: Record<string, unknown>, name: string, wrapper: unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  patches.push({ target, name, orig: target[name], wrapper, descriptor });
  Object.defineProperty(target, name, {
    value: wrapper,
    writable: true,
    configurable: true,
    enumerable: descriptor?.enumerable ?? true,
  });
}

function within<A extends unknown[], R>(host: (...a: A) => R, fake: (rt: Runtime, ...a: A) => R) {
  return (...a: A): R => {
    const rt = currentBubble();
    return rt === null ? host(...a) : fake(rt, ...a);
  };
}

type TP = Record<string, any>;

/** The CommonJS exports object of a builtin: the object its ESM namespace is synced from. */
const requireBuiltin = createRequire(import.meta.url);

/** Wrappers of the six timer functions over `orig` (the globals, or node:timers' exports). */
function timerWrappers(orig: Record<string, any>, tp: TP): Record<string, unknown> {
  const w: Record<string, unknown> = {};
  w.setTimeout = within(orig.setTimeout, (rt, cb: any, ms?: number, ...args: unknown[]) =>
    nt(rt).add(cb, ms ?? 0, args, false),
  );
  w.setInterval = within(orig.setInterval, (rt, cb: any, ms?: number, ...args: unknown[]) =>
    nt(rt).add(cb, ms ?? 0, args, true),
  );
  w.setImmediate = within(orig.setImmediate, (rt, cb: any, ...args: unknown[]) =>
    nt(rt).addImmediate(cb, args),
  );
  // util.promisify(setTimeout) and util.promisify(setImmediate) are node:timers/promises' functions.
  for (const n of ["setTimeout", "setImmediate"]) {
    Object.defineProperty(w[n] as object, promisify.custom, {
      get: () => tp[n],
      configurable: true,
    });
  }
  const clear = (host: (h: any) => void) => (h: any) => {
    if (h instanceof FakeTimeout) h.nt.clear(h);
    else {
      const rt = typeof h === "number" ? currentBubble() : null;
      if (rt === null || !nt(rt).clear(h)) host(h);
    }
  };
  w.clearTimeout = clear(orig.clearTimeout);
  w.clearInterval = clear(orig.clearInterval);
  w.clearImmediate = clear(orig.clearImmediate);
  return w;
}

/** A Date that reads the bubble's clock inside a bubble and defers to `outer` (the Date it replaces) elsewhere. */
function makeDate(outer: DateConstructor): DateConstructor {
  const FakeDate = function (this: unknown, ...args: unknown[]) {
    const rt = currentBubble();
    if (new.target === undefined) return rt === null ? outer() : new HostDate(wallMs(rt)).toString();
    if (rt === null) return Reflect.construct(outer, args, new.target);
    if (args.length === 0) return Reflect.construct(HostDate, [wallMs(rt)], new.target);
    return Reflect.construct(HostDate, args, new.target);
  } as unknown as DateConstructor;
  Object.setPrototypeOf(FakeDate, outer);
  Object.defineProperty(FakeDate, "prototype", { value: outer.prototype });
  Object.defineProperty(FakeDate, "length", { value: 7 });
  Object.defineProperty(FakeDate, "name", { value: "Date" });
  const outerNow = outer.now.bind(outer);
  Object.defineProperty(FakeDate, "now", {
    value: () => {
      const rt = currentBubble();
      return rt === null ? outerNow() : wallMs(rt);
    },
    writable: true,
    configurable: true,
  });
  return FakeDate;
}

/** Node's error for an aborted timers/promises call. */
function abortError(signal: AbortSignal): Error {
  const e = new Error("The operation was aborted", { cause: signal.reason }) as Error & { code: string };
  e.name = "AbortError";
  e.code = "ABORT_ERR";
  return e;
}

/** node:timers/promises' setTimeout on the bubble's clock. */
function sleepIn(
  rt: Runtime,
  ms: number,
  value: unknown,
  opts: { signal?: AbortSignal; ref?: boolean } | undefined,
  kind: FakeTimeout["kind"],
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const signal = opts?.signal;
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      nt(rt).clear(t);
      reject(abortError(signal!));
    };
    const t = nt(rt).add(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      },
      ms,
      [],
      false,
      kind,
    );
    if (opts?.ref === false) t.unref();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function* intervalIter(
  rt: Runtime,
  ms: number,
  value: unknown,
  opts: { signal?: AbortSignal; ref?: boolean } | undefined,
): AsyncGenerator<unknown> {
  const signal = opts?.signal;
  if (signal?.aborted) throw abortError(signal);
  let ticks = 0;
  let wake: (() => void) | null = null;
  const t = nt(rt).add(
    () => {
      ticks++;
      wake?.();
    },
    ms,
    [],
    true,
  );
  if (opts?.ref === false) t.unref();
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      if (ticks === 0) await new Promise<void>((r) => (wake = r));
      wake = null;
      if (signal?.aborted) throw abortError(signal);
      ticks--;
      yield value;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    nt(rt).clear(t);
  }
}

/**
 * Installs the wrappers (first bubble) — idempotent, reference-counted with uninstallFakes: the globals,
 * node:timers, node:timers/promises (setTimeout, setImmediate, setInterval, scheduler.wait), Date,
 * performance.now and AbortSignal.timeout. Each wrapper defers to what it replaced outside any bubble.
 */
export function installFakes(): void {
  active++;
  if (active > 1) return;
  const tp = requireBuiltin("node:timers/promises") as TP;
  const timersMod = requireBuiltin("node:timers") as Record<string, unknown>;
  patches = [];
  const gw = timerWrappers(g, tp);
  for (const n of timerNames) patch(g, n, gw[n]);
  const mw = timerWrappers(timersMod, tp);
  for (const n of timerNames) patch(timersMod, n, mw[n]);
  patch(g, "Date", makeDate(g.Date as DateConstructor));
  // performance.now
  const perf = g.performance as Record<string, unknown>;
  const outerPerfNow = (perf.now as () => number).bind(perf);
  patch(perf, "now", () => {
    const rt = currentBubble();
    return rt === null ? outerPerfNow() : (rt.nanotime() - 1) / 1e6;
  });
  // AbortSignal.timeout: an unref'd timer, as in Node (it keeps nobody waiting, and is no leak).
  const outerAbortTimeout = AbortSignal.timeout.bind(AbortSignal);
  patch(AbortSignal as unknown as Record<string, unknown>, "timeout", (ms: number) => {
    const rt = currentBubble();
    if (rt === null) return outerAbortTimeout(ms);
    const ac = new AbortController();
    nt(rt)
      .add(
        () => ac.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
        ms,
        [],
        false,
      )
      .unref();
    return ac.signal;
  });
  // process.nextTick: only reordered inside a bubble's host-style callbacks (see runFake)
  // and, like queueMicrotask, always the real one inside a bubble (whatever faked it outside, e.g. sinon).
  const outerNextTick = (process.nextTick as (...a: unknown[]) => void).bind(process);
  patch(process as unknown as Record<string, unknown>, "nextTick", (fn: any, ...args: unknown[]) => {
    if (tickQueue !== null) {
      if (typeof fn !== "function") throw new TypeError('The "callback" argument must be of type function');
      tickQueue.push([fn, args]);
    } else if (currentBubble() !== null) hostNextTick(fn, ...args);
    else outerNextTick(fn, ...args);
  });
  const outerQueueMicrotask = (g.queueMicrotask as (cb: () => void) => void).bind(g);
  patch(g, "queueMicrotask", (cb: () => void) =>
    currentBubble() !== null ? hostQueueMicrotask(cb) : outerQueueMicrotask(cb),
  );
  // node:timers/promises
  patch(
    tp,
    "setTimeout",
    within(tp.setTimeout, (rt, ms?: number, value?: unknown, opts?: any) =>
      sleepIn(rt, ms ?? 1, value, opts, "setTimeout"),
    ),
  );
  patch(
    tp,
    "setImmediate",
    within(tp.setImmediate, (rt, value?: unknown, opts?: any) => sleepIn(rt, 0, value, opts, "setImmediate")),
  );
  patch(
    tp,
    "setInterval",
    within(tp.setInterval, (rt, ms?: number, value?: unknown, opts?: any) =>
      intervalIter(rt, ms ?? 1, value, opts),
    ),
  );
  const sched = tp.scheduler as Record<string, unknown> | undefined;
  if (sched !== undefined && typeof sched.wait === "function") {
    patch(
      sched,
      "wait",
      within((sched.wait as (...a: unknown[]) => Promise<void>).bind(sched), (rt, ms: number, opts?: any) =>
        sleepIn(rt, ms, undefined, opts, "setTimeout"),
      ),
    );
  }
  syncBuiltinESMExports();
}

/** Restores the originals when the last bubble ends (only where our wrappers are still installed). */
export function uninstallFakes(): void {
  active--;
  if (active > 0) return;
  for (const p of patches.reverse()) {
    if (p.target[p.name] !== p.wrapper) continue; // someone (e.g. sinon) replaced ours meanwhile
    if (p.descriptor !== undefined) Object.defineProperty(p.target, p.name, p.descriptor);
    else delete p.target[p.name];
  }
  patches = [];
  syncBuiltinESMExports();
}

export { schedRuntime };
