// Scoped fakes of the host's time functions, for code running inside a synctest bubble only.
//
// While any bubble is alive, globalThis.setTimeout/setInterval/setImmediate (and their clears), Date,
// performance.now and timeOrigin, process.hrtime (and .bigint), AbortSignal.timeout and
// node:timers/promises are wrappers. Each call asks "is this code
// running in a bubble?" — the running goroutine belongs to a bubble runtime, or, outside any goroutine, a
// bubble ran last in the current microtask drain — and answers from the bubble's fake clock; otherwise it
// calls the host function captured at load (../host.ts), so the test runner, HTTP clients and database
// drivers outside the bubble keep real time. When the last bubble ends, the originals are restored (unless
// someone else, e.g. sinon, replaced our wrappers meanwhile; then theirs stay).
//
// The bubble's timer queue (Node's order, f1–f3) lives in nodetimers.ts; this file only installs the
// wrappers that route calls to it.

import { createRequire, syncBuiltinESMExports } from "node:module";
import { promisify } from "node:util";
import { HostDate, hostAfterDrainer, hostNextTick, hostQueueMicrotask } from "../host.ts";
import { selfUrl } from "../selfurl.ts";
import { currentBubble, FakeTimeout, type NodeTimers, tickQueue } from "./nodetimers.ts";
import type { Sched } from "./proc.ts";

/** The host-style timers of bubble rt. */
function nt(rt: Sched): NodeTimers {
  return rt.nodeTimers as NodeTimers;
}

/** Virtual ms since the Unix epoch of a bubble's wall clock. */
function wallMs(rt: Sched): number {
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

/** Like patch, for an accessor (the getter is what uninstallFakes checks is still ours). */
function patchGetter(target: Record<string, unknown>, name: string, get: () => unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  patches.push({ target, name, orig: undefined, wrapper: get, descriptor });
  Object.defineProperty(target, name, {
    get,
    configurable: true,
    enumerable: descriptor?.enumerable ?? true,
  });
}

/** The descriptor of an accessor inherited by target (e.g. Performance.prototype.timeOrigin). */
function protoGetter(target: object, name: string): PropertyDescriptor | undefined {
  for (let o = Object.getPrototypeOf(target); o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d !== undefined) return d;
  }
  return undefined;
}

function within<A extends unknown[], R>(host: (...a: A) => R, fake: (rt: Sched, ...a: A) => R) {
  return (...a: A): R => {
    const rt = currentBubble();
    return rt === null ? host(...a) : fake(rt, ...a);
  };
}

type TP = Record<string, any>;

/** The CommonJS exports object of a builtin: the object its ESM namespace is synced from. */
const requireBuiltin = createRequire(selfUrl(import.meta.url));

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
    if (h instanceof FakeTimeout) h.close();
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
  rt: Sched,
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

/**
 * node:timers/promises' setInterval on the bubble's clock, shaped as Node's (lib/timers/promises.js, the
 * same in Node 20 to 24): ticks that fire while the consumer is away are counted and yielded without
 * waiting, and the signal is checked only when that backlog is empty, so a consumer slower than the
 * interval still gets every tick counted before an abort; an abort while it waits rejects the wait.
 */
async function* intervalIter(
  rt: Sched,
  ms: number,
  value: unknown,
  opts: { signal?: AbortSignal; ref?: boolean } | undefined,
): AsyncGenerator<unknown> {
  const signal = opts?.signal;
  if (signal?.aborted) throw abortError(signal);
  let notYielded = 0;
  let callback: ((v?: unknown) => void) | undefined;
  const t = nt(rt).add(
    () => {
      notYielded++;
      if (callback !== undefined) {
        callback();
        callback = undefined;
      }
    },
    ms,
    [],
    true,
  );
  if (opts?.ref === false) t.unref();
  const onCancel = () => {
    nt(rt).clear(t);
    if (callback !== undefined) {
      callback(Promise.reject(abortError(signal!)));
      callback = undefined;
    }
  };
  signal?.addEventListener("abort", onCancel, { once: true });
  try {
    while (!signal?.aborted) {
      if (notYielded === 0) await new Promise((resolve) => (callback = resolve));
      for (; notYielded > 0; notYielded--) yield value;
    }
    throw abortError(signal!);
  } finally {
    nt(rt).clear(t);
    signal?.removeEventListener("abort", onCancel);
  }
}

/**
 * A process.nextTick of bubble code (outside a host-style callback's synchronous part): the clock holds
 * from the call until the tick has run and the microtasks it queued have drained. The bubble checks that
 * the microtask queue has drained from a tick queued by a microtask (host.ts: hostAfterDrainer), but Node
 * runs the whole tick queue before the next microtask, so a tick queued before that check can still
 * queue microtasks ahead of it, and one queued after it runs after it: a stream's end (Readable.push(null)
 * → endReadableNT), queued by the microtask that ended an async generator, or a promise resolved from a
 * tick, would otherwise run after the check had moved the clock to the next timer.
 */
function bubbleTick(rt: Sched, fn: (...a: unknown[]) => unknown, args: unknown[]): void {
  try {
    fn(...args);
  } finally {
    tickRelease(rt)();
  }
}

const tickReleases = new WeakMap<Sched, () => void>();

/** Arms, once per call, the end of one tick's hold on rt's clock for when the microtask queue has drained. */
function tickRelease(rt: Sched): () => void {
  let f = tickReleases.get(rt);
  if (f === undefined) {
    f = hostAfterDrainer(() => {
      rt.nio--;
      rt.wakeNetPoller(rt.fakeNow); // an idle bubble may now advance (arms checkdead)
    });
    tickReleases.set(rt, f);
  }
  return f;
}

/**
 * Installs the wrappers (first bubble) — idempotent, reference-counted with uninstallFakes: the globals,
 * node:timers, node:timers/promises (setTimeout, setImmediate, setInterval, scheduler.wait), Date,
 * performance.now and timeOrigin, process.hrtime (and .bigint) and AbortSignal.timeout. Each wrapper defers to what it replaced outside any bubble.
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
    return rt === null ? outerPerfNow() : nt(rt).perfOrigin + nt(rt).elapsedNs() / 1e6;
  });
  // performance.timeOrigin: so that timeOrigin + now() is Date.now() in a bubble, as on the host.
  const outerTimeOrigin =
    Object.getOwnPropertyDescriptor(perf, "timeOrigin") ?? protoGetter(perf, "timeOrigin");
  if (outerTimeOrigin?.get !== undefined || outerTimeOrigin?.value !== undefined) {
    const outerGet = () => (outerTimeOrigin.get ? outerTimeOrigin.get.call(perf) : outerTimeOrigin.value);
    patchGetter(perf, "timeOrigin", () => {
      const rt = currentBubble();
      return rt === null ? outerGet() : Number(rt.fakeEpoch / 1_000_000n) - nt(rt).perfOrigin;
    });
  }
  // process.hrtime and process.hrtime.bigint: the bubble's monotonic clock, from the host's reading at
  // the bubble's start.
  const proc = process as unknown as Record<string, unknown>;
  const outerHrtime = process.hrtime;
  const outerHrtimeBigint = process.hrtime.bigint;
  const hrBigint = (): bigint => {
    const rt = currentBubble();
    return rt === null ? outerHrtimeBigint() : nt(rt).hrOrigin + BigInt(nt(rt).elapsedNs());
  };
  const hrtime = (prev?: [number, number]): [number, number] => {
    const rt = currentBubble();
    // Node's own checks and errors for a bad `prev`
    if (rt === null || (prev !== undefined && (!Array.isArray(prev) || prev.length !== 2)))
      return outerHrtime(prev);
    const now = nt(rt).hrOrigin + BigInt(nt(rt).elapsedNs());
    const sec = Number(now / 1_000_000_000n);
    const nsec = Number(now % 1_000_000_000n);
    if (prev === undefined) return [sec, nsec];
    const ds = sec - prev[0];
    const dn = nsec - prev[1];
    return dn < 0 ? [ds - 1, dn + 1e9] : [ds, dn];
  };
  hrtime.bigint = hrBigint;
  patch(proc, "hrtime", hrtime);
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
  // A bubble's tick holds its time until it has run (bubbleTick).
  const outerNextTick = (process.nextTick as (...a: unknown[]) => void).bind(process);
  patch(process as unknown as Record<string, unknown>, "nextTick", (fn: any, ...args: unknown[]) => {
    if (tickQueue !== null) {
      if (typeof fn !== "function") throw new TypeError('The "callback" argument must be of type function');
      tickQueue.push([fn, args]);
      return;
    }
    const rt = currentBubble();
    if (rt === null) outerNextTick(fn, ...args);
    else {
      if (typeof fn !== "function") throw new TypeError('The "callback" argument must be of type function');
      rt.nio++;
      hostNextTick(bubbleTick as (...a: unknown[]) => unknown, rt, fn, args);
    }
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
    const now = Object.getOwnPropertyDescriptor(p.target, p.name);
    if (now === undefined || (now.get ?? now.value) !== p.wrapper) continue; // someone (e.g. sinon) replaced ours
    if (p.descriptor !== undefined) Object.defineProperty(p.target, p.name, p.descriptor);
    else delete p.target[p.name];
  }
  patches = [];
  syncBuiltinESMExports();
}
