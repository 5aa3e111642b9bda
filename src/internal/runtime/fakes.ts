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
//   f1. entries are ordered by (when, seq); seq strictly increases with creation.
//   f2. the engine timer is armed at the first entry's when iff there is an entry.
//   f3. g.pendingFakes equals the number of live entries created by g.

import { HostDate, hostPerfNow, hostSetImmediate } from "../host.ts";
import type { G } from "./g.ts";
import { curG, type GoFunc, getg, type Runtime, schedRuntime, setBubbleHook } from "./proc.ts";
import { Timer } from "./timer.ts";

/** A pending host-style timer of a bubble (the object setTimeout returns inside a bubble). */
export class FakeTimeout {
  when = 0;
  seq = 0;
  cleared = false;
  refed = true;
  readonly id: number;
  constructor(
    readonly nt: NodeTimers,
    readonly cb: (...args: unknown[]) => unknown,
    readonly args: unknown[],
    readonly repeat: number,
    readonly delay: number,
    readonly owner: G | null,
  ) {
    this.id = nt.nextId++;
  }
  ref(): this {
    this.refed = true;
    return this;
  }
  unref(): this {
    this.refed = false;
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
  private entries: FakeTimeout[] = [];
  private seq = 0;
  nextId = 1;
  private readonly byId = new Map<number, FakeTimeout>();
  private readonly engine: Timer;

  constructor(readonly rt: Runtime) {
    this.engine = new Timer(() => this.fire(), null);
  }

  add(cb: (...a: unknown[]) => unknown, delay: number, args: unknown[], repeat: boolean): FakeTimeout {
    if (typeof cb !== "function") throw new TypeError('The "callback" argument must be of type function');
    const d = normDelay(delay);
    const gp = getg(); // also recognises a goroutine coming back from a foreign await
    const owner = gp !== null && gp.rt === this.rt && !gp.external ? gp : null;
    const t = new FakeTimeout(this, cb, args, repeat ? d : 0, d, owner);
    if (owner !== null) owner.pendingFakes++;
    this.byId.set(t.id, t);
    this.insert(t, this.rt.nanotime() + d * 1e6);
    return t;
  }

  /** An immediate: due now, after everything already due now. */
  addImmediate(cb: (...a: unknown[]) => unknown, args: unknown[]): FakeTimeout {
    return this.add(cb, 0, args, false);
  }

  reschedule(t: FakeTimeout, delayMs: number): void {
    if (t.cleared) return;
    this.remove(t);
    this.insert(t, this.rt.nanotime() + normDelay(delayMs) * 1e6);
  }

  clear(t: FakeTimeout | number | undefined | null): void {
    const e = typeof t === "number" ? this.byId.get(t) : t;
    if (!(e instanceof FakeTimeout) || e.nt !== this || e.cleared) return;
    e.cleared = true;
    this.byId.delete(e.id);
    if (e.owner !== null) e.owner.pendingFakes--;
    this.remove(e);
  }

  pending(): number {
    return this.entries.length;
  }

  private insert(t: FakeTimeout, when: number): void {
    t.when = when;
    t.seq = this.seq++;
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1].when > when) i--;
    this.entries.splice(i, 0, t);
    this.arm();
  }

  private remove(t: FakeTimeout): void {
    const i = this.entries.indexOf(t);
    if (i >= 0) this.entries.splice(i, 1);
    this.arm();
  }

  private arm(): void {
    const first = this.entries[0];
    if (first === undefined) {
      this.engine.stop();
      return;
    }
    if (this.engine.when !== first.when) this.engine.reset(first.when, 0);
  }

  /** The engine timer fired: start every due callback, oldest first, each in its own goroutine. */
  private fire(): void {
    const now = this.rt.nanotime();
    const due: FakeTimeout[] = [];
    while (this.entries.length > 0 && this.entries[0].when <= now) due.push(this.entries.shift()!);
    for (const t of due) {
      if (t.repeat > 0) this.insert(t, now + t.repeat * 1e6);
      else {
        t.cleared = true;
        this.byId.delete(t.id);
      }
      this.rt.newprocFIFO(runFake as GoFunc, [t]);
    }
    this.arm();
  }

  verify(): void {
    for (let i = 1; i < this.entries.length; i++) {
      const a = this.entries[i - 1];
      const b = this.entries[i];
      if (a.when > b.when || (a.when === b.when && a.seq >= b.seq)) throw new Error("fakes: f1 order");
    }
  }
}

function runFake(t: FakeTimeout): unknown {
  if (t.repeat === 0 && t.owner !== null) t.owner.pendingFakes--;
  return t.cb(...t.args);
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

/** The bubble the current code belongs to, or null. */
export function currentBubble(): Runtime | null {
  const g = curG;
  if (g !== null) {
    const rt = g.rt as Runtime;
    return rt.nodeTimers !== null && !rt.stopped ? rt : null;
  }
  const rt = lastBubble;
  return rt !== null && !rt.stopped ? rt : null;
}

/** The bubble whose goroutines ran last in this microtask drain (cleared at the next macrotask). */
let lastBubble: Runtime | null = null;
let lastBubbleClear = false;

/** Called by bubbles when their goroutines run. */
export function noteBubbleActive(rt: Runtime): void {
  lastBubble = rt;
  if (!lastBubbleClear) {
    lastBubbleClear = true;
    hostSetImmediate(() => {
      lastBubbleClear = false;
      lastBubble = null;
    });
  }
}

setBubbleHook(noteBubbleActive);

/** Virtual ms since the Unix epoch of a bubble's wall clock. */
function wallMs(rt: Runtime): number {
  return Number(rt.walltimeNs() / 1_000_000n);
}

// ===== installing the wrappers =====

const g = globalThis as unknown as Record<string, unknown>;
let active = 0;
let saved: Record<string, unknown> | null = null;
const wrappers: Record<string, unknown> = {};

function within<A extends unknown[], R>(host: (...a: A) => R, fake: (rt: Runtime, ...a: A) => R) {
  return (...a: A): R => {
    const rt = currentBubble();
    return rt === null ? host(...a) : fake(rt, ...a);
  };
}

function buildWrappers(orig: Record<string, any>): void {
  wrappers.setTimeout = within(orig.setTimeout, (rt, cb: any, ms?: number, ...args: unknown[]) =>
    nt(rt).add(cb, ms ?? 0, args, false),
  );
  wrappers.setInterval = within(orig.setInterval, (rt, cb: any, ms?: number, ...args: unknown[]) =>
    nt(rt).add(cb, ms ?? 0, args, true),
  );
  wrappers.setImmediate = within(orig.setImmediate, (rt, cb: any, ...args: unknown[]) =>
    nt(rt).addImmediate(cb, args),
  );
  const clear = (host: (h: any) => void) => (h: any) => {
    if (h instanceof FakeTimeout) h.nt.clear(h);
    else {
      const rt = typeof h === "number" ? currentBubble() : null;
      if (rt !== null) nt(rt).clear(h);
      else host(h);
    }
  };
  wrappers.clearTimeout = clear(orig.clearTimeout);
  wrappers.clearInterval = clear(orig.clearInterval);
  wrappers.clearImmediate = clear(orig.clearImmediate);
  wrappers.Date = makeDate();
}

function makeDate(): DateConstructor {
  const FakeDate = function (this: unknown, ...args: unknown[]) {
    const rt = currentBubble();
    if (new.target === undefined) return rt === null ? HostDate() : new HostDate(wallMs(rt)).toString();
    if (args.length === 0 && rt !== null) return Reflect.construct(HostDate, [wallMs(rt)], new.target);
    return Reflect.construct(HostDate, args, new.target);
  } as unknown as DateConstructor;
  Object.setPrototypeOf(FakeDate, HostDate);
  Object.defineProperty(FakeDate, "prototype", { value: HostDate.prototype });
  Object.defineProperty(FakeDate, "now", {
    value: () => {
      const rt = currentBubble();
      return rt === null ? hostDateNowFn() : wallMs(rt);
    },
    writable: true,
    configurable: true,
  });
  return FakeDate;
}

const hostDateNowFn = HostDate.now.bind(HostDate);

let perfSaved: PropertyDescriptor | undefined;
let abortTimeoutSaved: ((ms: number) => AbortSignal) | undefined;
let timersPromisesSaved: Record<string, unknown> | null = null;

/** Installs the wrappers (first bubble) — idempotent, reference-counted with uninstallFakes. */
export async function installFakes(): Promise<void> {
  active++;
  if (active > 1) return;
  saved = {};
  const names = [
    "setTimeout",
    "setInterval",
    "setImmediate",
    "clearTimeout",
    "clearInterval",
    "clearImmediate",
    "Date",
  ];
  for (const n of names) saved[n] = g[n];
  buildWrappers(saved);
  for (const n of names) g[n] = wrappers[n];
  // performance.now
  const perf = g.performance as { now: () => number };
  perfSaved = Object.getOwnPropertyDescriptor(perf, "now");
  Object.defineProperty(perf, "now", {
    value: () => {
      const rt = currentBubble();
      return rt === null ? hostPerfNow() : (rt.nanotime() - 1) / 1e6;
    },
    writable: true,
    configurable: true,
  });
  // AbortSignal.timeout
  abortTimeoutSaved = AbortSignal.timeout;
  const hostAbortTimeout = abortTimeoutSaved.bind(AbortSignal);
  AbortSignal.timeout = (ms: number) => {
    const rt = currentBubble();
    if (rt === null) return hostAbortTimeout(ms);
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
  };
  await patchTimersPromises();
}

async function patchTimersPromises(): Promise<void> {
  const tp = (await import("node:timers/promises")) as unknown as { default: Record<string, any> };
  const mod = tp.default;
  const { syncBuiltinESMExports } = await import("node:module");
  timersPromisesSaved = {
    setTimeout: mod.setTimeout,
    setImmediate: mod.setImmediate,
    setInterval: mod.setInterval,
  };
  const sched = mod.scheduler as { wait: (ms: number, o?: unknown) => Promise<void> } | undefined;
  const hostWait = sched?.wait.bind(sched);
  const sleepIn = (rt: Runtime, ms: number, value: unknown, opts?: { signal?: AbortSignal }) =>
    new Promise((resolve, reject) => {
      const signal = opts?.signal;
      if (signal?.aborted) return reject(signal.reason);
      const t = nt(rt).add(() => resolve(value), ms, [], false);
      signal?.addEventListener("abort", () => {
        nt(rt).clear(t);
        reject(signal.reason);
      });
    });
  mod.setTimeout = within(
    timersPromisesSaved.setTimeout as any,
    (rt, ms?: number, value?: unknown, opts?: any) => sleepIn(rt, ms ?? 1, value, opts),
  );
  mod.setImmediate = within(timersPromisesSaved.setImmediate as any, (rt, value?: unknown, opts?: any) =>
    sleepIn(rt, 0, value, opts),
  );
  mod.setInterval = within(timersPromisesSaved.setInterval as any, (rt, ms?: number, value?: unknown) =>
    intervalIter(rt, ms ?? 1, value),
  );
  if (sched !== undefined && hostWait !== undefined) {
    timersPromisesSaved.wait = sched.wait;
    sched.wait = within(
      hostWait,
      (rt, ms: number, opts?: any) => sleepIn(rt, ms, undefined, opts) as Promise<void>,
    );
  }
  syncBuiltinESMExports();
}

async function* intervalIter(rt: Runtime, ms: number, value: unknown): AsyncGenerator<unknown> {
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
  try {
    for (;;) {
      if (ticks === 0) await new Promise<void>((r) => (wake = r));
      wake = null;
      ticks--;
      yield value;
    }
  } finally {
    nt(rt).clear(t);
  }
}

/** Restores the originals when the last bubble ends (only where our wrappers are still installed). */
export async function uninstallFakes(): Promise<void> {
  active--;
  if (active > 0 || saved === null) return;
  for (const [n, v] of Object.entries(saved)) if (g[n] === wrappers[n]) g[n] = v;
  saved = null;
  const perf = g.performance as object;
  if (perfSaved !== undefined) Object.defineProperty(perf, "now", perfSaved);
  else delete (perf as { now?: unknown }).now;
  if (abortTimeoutSaved !== undefined) AbortSignal.timeout = abortTimeoutSaved;
  if (timersPromisesSaved !== null) {
    const mod = ((await import("node:timers/promises")) as unknown as { default: Record<string, any> })
      .default;
    const { wait, ...rest } = timersPromisesSaved;
    Object.assign(mod, rest);
    if (wait !== undefined) (mod.scheduler as { wait: unknown }).wait = wait;
    (await import("node:module")).syncBuiltinESMExports();
    timersPromisesSaved = null;
  }
}

export { schedRuntime };
