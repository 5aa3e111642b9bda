// Scoped fakes of the host's time functions, for code running inside a synctest bubble only.
//
// While any bubble is alive, globalThis.setTimeout/setInterval/setImmediate (and their clears), Date,
// performance.now and timeOrigin, process.hrtime (and .bigint), AbortSignal.timeout,
// node:timers/promises, and the other readers of the current time (performance.mark/measure,
// process.uptime, Intl.DateTimeFormat without a date, Temporal.Now) are wrappers. Each call asks "is this code
// running in a bubble?" — the running goroutine belongs to a bubble runtime, or, outside any goroutine, a
// bubble ran last in the current microtask drain — and answers from the bubble's fake clock; otherwise it
// calls the host function captured at load (../host.ts), so the test runner, HTTP clients and database
// drivers outside the bubble keep real time. When the last bubble ends, the originals are restored (unless
// someone else, e.g. sinon, replaced our wrappers meanwhile; then theirs stay, and when it puts ours back
// the originals come back instead: fakepatch.ts).
//
// The timer functions (the six globals, node:timers' exports, node:timers/promises' setTimeout,
// setImmediate, setInterval and scheduler.wait) and fs.watchFile/unwatchFile (a stat poller on the
// bubble's clock: fakewatch.ts) get their wrappers earlier and for good: when gort/synctest
// is imported (installEarly), so that references taken before the first bubble follow bubbles too; each
// bubble's installFakes leaves those in place. The main entry never calls installEarly.
//
// Under a DOM test environment whose global is a window in a vm context (jest-environment-jsdom, Vitest's
// vm pools), "the globals" above are the main realm's for the timers and performance (domRealm): a DOM
// library's own timers start Node's through them.
//
// The bubble's timer queue (Node's order, f1–f3) lives in nodetimers.ts; this file installs the wrappers
// that route calls to it, Date, performance.now/timeOrigin, process.hrtime, AbortSignal.timeout,
// process.nextTick/queueMicrotask and node:timers/promises. The other clocks are in fakeclocks.ts, the
// socket fakes in fakesockets.ts, fs.watchFile's in fakewatch.ts, and the record of what was patched (restored at the end) in fakepatch.ts.

import { syncBuiltinESMExports } from "node:module";
import { promisify } from "node:util";
import { VERIFY } from "../debug.ts";
import {
  HostDate,
  hostAfterDrainer,
  hostClearTimeout,
  hostGlobal,
  hostNextTick,
  hostQueueMicrotask,
  hostSetTimeout,
  hostTimeOrigin,
  hostTimerFunctions,
} from "../host.ts";
import { installMoreClocks } from "./fakeclocks.ts";
import {
  beginPatches,
  marked,
  nt,
  patch,
  patchGetter,
  perfNow,
  place,
  protoGetter,
  restorePatches,
  unwrap,
  userFrames,
  verifyPatches,
  wallMs,
  within,
} from "./fakepatch.ts";
import { installSocketTimeouts, installUdpSends } from "./fakesockets.ts";
import { clearHanded, FakeImmediate, FakeTimeout } from "./faketimeout.ts";
import { installEarlyWatch, installWatchFakes } from "./fakewatch.ts";
import { maxHostDelayMs } from "./nanotime.ts";
import { currentBubble, tickQueue } from "./nodetimers.ts";
import type { Sched } from "./proc.ts";

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

type TP = Record<string, any>;

/**
 * Whether this realm's global is a DOM window in a vm context of its own (Jest's jest-environment-jsdom;
 * Vitest's vm pools): its timers are the DOM library's, and Node's are the main realm's (host.ts:
 * hostGlobal). Then the wrappers go on the main realm's timers and performance, which a DOM library calls
 * (jsdom's window.setTimeout/setInterval/requestAnimationFrame/AbortSignal.timeout start a Node timer
 * through the main realm's global at each call, and its performance.now reads the main realm's), so that
 * the DOM's own functions, even references taken before gort loaded, run on the bubble's clock when bubble
 * code calls them, keeping the DOM's semantics (number handles, errors reported to the window). The
 * window's own timer functions are wrapped too (at each bubble's start) only where they do not reach the
 * main realm's (domTimersRouted).
 */
const domRealm = hostGlobal !== g && g.window === g && typeof g.document === "object" && g.document !== null;

/** The global whose timers and performance are Node's: the main realm's under a DOM realm, else this one. */
const nodeGlobal: Record<string, unknown> = domRealm ? hostGlobal : g;

let routed: boolean | undefined;

/**
 * Whether the realm's setTimeout (a DOM window's) starts its timer through the main realm's global
 * setTimeout at call time, as jsdom's does: asked once, by starting a 1 ms timer and clearing it at once
 * while the main realm's setTimeout and clearTimeout are stand-ins that start nothing (so no timer of
 * gort's or the host's is made). happy-dom's keep the functions they found when happy-dom loaded: not
 * routed, and a real 1 ms timer is started and cleared.
 */
function domTimersRouted(): boolean {
  if (routed !== undefined) return routed;
  routed = false;
  const st = g.setTimeout;
  const ct = g.clearTimeout;
  if (typeof st !== "function" || typeof ct !== "function") return routed;
  const saved = ["setTimeout", "clearTimeout"].map(
    (n) => [n, Object.getOwnPropertyDescriptor(hostGlobal, n)] as const,
  );
  const stand = {};
  const clearHost = hostGlobal.clearTimeout as (h: unknown) => void;
  hostGlobal.setTimeout = () => {
    routed = true;
    return stand;
  };
  hostGlobal.clearTimeout = (h: unknown) => {
    if (h !== stand) clearHost(h);
  };
  try {
    ct(st(noop, 1));
  } finally {
    for (const [n, d] of saved) if (d !== undefined) Object.defineProperty(hostGlobal, n, d);
  }
  return routed;
}

/**
 * The CommonJS exports object of a builtin: the object its ESM namespace is synced from. Through
 * process.getBuiltinModule (Node 20.16+, 22.3+), which bundlers leave alone (webpack cannot follow a
 * createRequire of import.meta.url, and left `requireBuiltin` undefined in its bundles).
 */
function requireBuiltin(id: string): unknown {
  return process.getBuiltinModule(id);
}

/**
 * Loads the builtins that take node:timers' functions at their own load and arm them around host work
 * that holds a bubble's time, so that they keep the host's functions whatever the import order: Node's
 * child_process takes setTimeout from node:timers for the kill timer of its `timeout` option. Loaded
 * after gort's wrappers (a require after gort's, a dynamic import, a library loaded lazily), it got the
 * wrapper, and in a bubble the kill timer became a virtual one that the running child, which holds the
 * bubble's time, kept from ever firing: the child ran on past its timeout (a stall report, for one that
 * never exits) where Node kills it. With the host's timer it is killed after the timeout's real ms, at the
 * virtual instant it started (docs/deviations.md). Called before any wrapper is placed; cached by Node.
 */
function loadHostTimerUsers(): void {
  requireBuiltin("node:child_process");
}

function noop(): void {}

/**
 * Node's warning for a delay it sets to 1 ms (TimeoutOverflowWarning; Node 23+ also TimeoutNegativeWarning
 * and TimeoutNaNWarning), emitted by the host itself: a host timer of that delay, cleared at once. Only for
 * a number (or numeric string) outside [0, TIMEOUT_MAX], so a plain setTimeout(f) or setTimeout(f, 0)
 * costs nothing; which of those the host warns about is its own rule.
 */
function warnDelay(ms: unknown): void {
  const n = typeof ms === "number" ? ms : typeof ms === "string" ? Number(ms) : 0;
  if (n >= 0 && n <= maxHostDelayMs) return;
  hostClearTimeout(hostSetTimeout(noop, ms as number));
}

/**
 * Whether Node's node:timers/promises would reject these arguments (lib/timers/promises.js: a delay that
 * is not a number, options that are not an object, an options.signal that is not an AbortSignal, an
 * options.ref that is not a boolean). The fakes then call the host's function, which rejects with Node's
 * own error (code and message) before it makes any timer.
 */
function badPromiseArgs(delay: unknown, opts: unknown): boolean {
  if (delay !== undefined && typeof delay !== "number") return true;
  if (opts === undefined) return false;
  if (opts === null || typeof opts !== "object" || Array.isArray(opts)) return true;
  const { signal, ref } = opts as { signal?: unknown; ref?: unknown };
  if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal)))
    return true;
  return ref !== undefined && typeof ref !== "boolean";
}

/** Wrappers of the six timer functions over `orig` (the globals, or node:timers' exports). */
function timerWrappers(orig: Record<string, any>, tp: TP): Record<string, unknown> {
  const w: Record<string, unknown> = {};
  // The functions being replaced, read now: `orig` is about to hold the wrappers.
  const { setTimeout: st, setInterval: si, setImmediate: sim } = orig;
  // A callback that is not a function: the host's function throws Node's own error (ERR_INVALID_ARG_TYPE).
  w.setTimeout = within(st, (rt, cb: any, ms?: number, ...args: unknown[]) => {
    if (typeof cb !== "function") return st(cb, ms);
    warnDelay(ms);
    return nt(rt).add(cb, ms ?? 0, args, false);
  });
  w.setInterval = within(si, (rt, cb: any, ms?: number, ...args: unknown[]) => {
    if (typeof cb !== "function") return si(cb, ms);
    warnDelay(ms);
    return nt(rt).add(cb, ms ?? 0, args, true);
  });
  w.setImmediate = within(sim, (rt, cb: any, ...args: unknown[]) =>
    typeof cb !== "function" ? sim(cb) : nt(rt).addImmediate(cb, args),
  );
  // util.promisify(setTimeout) and util.promisify(setImmediate) are node:timers/promises' functions.
  for (const n of ["setTimeout", "setImmediate"]) {
    Object.defineProperty(w[n] as object, promisify.custom, {
      get: () => tp[n],
      configurable: true,
    });
  }
  // Node's clearTimeout and clearInterval leave an Immediate alone (it has no `_onTimeout`, and no id).
  // (Its clearImmediate of a Timeout marks it destroyed: Node 20 then skips it, Node 24 fires it; here
  // it is cleared, as on Node 20.)
  const clear = (host: (h: any) => void, timeout: boolean) => (h: any) => {
    if (h instanceof FakeTimeout) {
      if (!(timeout && h instanceof FakeImmediate)) h.close();
    } else {
      // An id: a timeout of the calling bubble's, else one a completed bubble handed to the host, else
      // the host's own.
      if (typeof h !== "number" && typeof h !== "string") host(h);
      else {
        const rt = currentBubble();
        if ((rt === null || !nt(rt).clear(h)) && !clearHanded(h)) host(h);
      }
    }
  };
  w.clearTimeout = clear(orig.clearTimeout, true);
  w.clearInterval = clear(orig.clearInterval, true);
  w.clearImmediate = clear(orig.clearImmediate, false);
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
  // Date's other statics are own properties of the real constructor (code that lists them, or copies
  // Date's own properties onto a subclass or a mock, finds them there); they read no clock.
  for (const key of ["UTC", "parse"] as const)
    Object.defineProperty(FakeDate, key, { value: outer[key], writable: true, configurable: true });
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
      userFrames,
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
    "setInterval",
    userFrames,
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

const promiseNames = ["setTimeout", "setImmediate", "setInterval"] as const;

/**
 * Wrappers of node:timers/promises' setTimeout, setImmediate and setInterval (the functions in tp now):
 * the bubble's inside one, the replaced function's elsewhere. Arguments Node rejects go to the replaced
 * function, which rejects them.
 */
function promiseWrappers(tp: TP): Record<(typeof promiseNames)[number], unknown> {
  const tpSetTimeout = tp.setTimeout;
  const tpSetImmediate = tp.setImmediate;
  const tpSetInterval = tp.setInterval;
  return {
    setTimeout: within(tpSetTimeout, (rt, ms?: number, value?: unknown, opts?: any) => {
      if (badPromiseArgs(ms, opts)) return tpSetTimeout(ms, value, opts);
      warnDelay(ms);
      return sleepIn(rt, ms ?? 1, value, opts, "setTimeout");
    }),
    setImmediate: within(tpSetImmediate, (rt, value?: unknown, opts?: any) =>
      badPromiseArgs(undefined, opts)
        ? tpSetImmediate(value, opts)
        : sleepIn(rt, 0, value, opts, "setImmediate"),
    ),
    setInterval: within(tpSetInterval, (rt, ms?: number, value?: unknown, opts?: any) => {
      if (badPromiseArgs(ms, opts)) return tpSetInterval(ms, value, opts);
      warnDelay(ms);
      return intervalIter(rt, ms ?? 1, value, opts);
    }),
  };
}

/** A wrapper of node:timers/promises' scheduler.wait (`fn`, sched.wait now, bound to sched). */
function waitWrapper(
  sched: Record<string, unknown>,
  fn = sched.wait as (...a: unknown[]) => Promise<void>,
): unknown {
  const wait = fn.bind(sched);
  return within(wait, (rt, ms: number, opts?: any) => {
    if (badPromiseArgs(ms, opts)) return wait(ms, opts);
    warnDelay(ms);
    return sleepIn(rt, ms, undefined, opts, "setTimeout");
  });
}

/** The timer wrappers installEarly put in place (for good): a bubble's installFakes leaves them there. */
const early = new Set<unknown>();

/**
 * Puts the timer wrappers in place at once, for good (gort/synctest's and gort/testing/*'s import; never
 * the main entry's): the six timer functions on the globals and on node:timers, and node:timers/promises'
 * setTimeout, setImmediate, setInterval and scheduler.wait. Outside bubbles each passes its call to the
 * host's function; inside one it routes to the bubble's clock, as installFakes' do — so a reference that
 * code takes after this (a CommonJS destructure, a namespace copy, `util.promisify(setTimeout)`, a library
 * keeping `setTimeout` from node:timers) follows bubbles too. Only over the host's own functions: a
 * fake-timer library installed before gort keeps its fakes, which each bubble wraps as before. Idempotent.
 */
export function installEarly(): void {
  if (earlyDone) return;
  earlyDone = true;
  loadHostTimerUsers();
  const tp = requireBuiltin("node:timers/promises") as TP;
  const timersMod = requireBuiltin("node:timers") as Record<string, unknown>;
  const own = hostTimerFunctions;
  if (timerNames.some((n) => unwrap(nodeGlobal[n]) !== own[n] || unwrap(timersMod[n]) !== own[n])) return;
  // Over the host's functions themselves, also where another copy of gort put its wrappers (Jest loads
  // gort anew for each test file, while node:timers is the process's): this copy's replace them.
  const w = timerWrappers(own, tp);
  for (const n of timerNames) {
    place(nodeGlobal, n, marked(w[n], own[n]));
    place(timersMod, n, w[n]);
    early.add(w[n]);
  }
  const src: TP = {};
  for (const n of promiseNames) src[n] = unwrap(tp[n]);
  const pw = promiseWrappers(src);
  for (const n of promiseNames) {
    place(tp, n, marked(pw[n], src[n]));
    early.add(pw[n]);
  }
  const sched = tp.scheduler as Record<string, unknown> | undefined;
  if (sched !== undefined && typeof sched.wait === "function") {
    const wait = unwrap(sched.wait);
    const ww = marked(waitWrapper(sched, wait as (...a: unknown[]) => Promise<void>), wait);
    place(sched, "wait", ww);
    early.add(ww);
  }
  installEarlyWatch(early);
  syncBuiltinESMExports();
  esmSeen = [
    [timersMod, bindings(timersMod, timerNames)],
    [tp, bindings(tp, promiseNames)],
  ];
}
let earlyDone = false;

/**
 * Installs the wrappers (first bubble) — idempotent, reference-counted with uninstallFakes: the globals,
 * node:timers, node:timers/promises (setTimeout, setImmediate, setInterval, scheduler.wait), Date,
 * performance.now and timeOrigin, process.hrtime (and .bigint) and AbortSignal.timeout. Each wrapper defers to what it replaced outside any bubble.
 */
export function installFakes(): void {
  active++;
  if (active > 1) return;
  loadHostTimerUsers();
  // First: an earlier round's wrapper that a fake-timer library put back is replaced by its original.
  beginPatches();
  const tp = requireBuiltin("node:timers/promises") as TP;
  const timersMod = requireBuiltin("node:timers") as Record<string, unknown>;
  esmBefore = esmSeen ?? [
    [timersMod, bindings(timersMod, timerNames)],
    [tp, bindings(tp, promiseNames)],
  ];
  // Where the global and node:timers' function are the same (Node's own, unless someone replaced one),
  // they get the same wrapper, so `globalThis.setTimeout === timers.setTimeout` holds in a bubble too.
  const same = timerNames.map((n) => nodeGlobal[n] === timersMod[n]);
  // Where installEarly's wrappers are still in place, they route to the bubble already; elsewhere (a
  // fake-timer library replaced them, or was installed before gort loaded) the bubble wraps what is there.
  const gw = timerWrappers(nodeGlobal, tp);
  const mw = timerWrappers(timersMod, tp);
  // A DOM window's own timers that do not reach the main realm's (domRealm): wrapped as they are.
  const dw = domRealm && !domTimersRouted() ? timerWrappers(g, tp) : null;
  let moduleChanged = false;
  timerNames.forEach((n, i) => {
    if (!early.has(nodeGlobal[n])) patch(nodeGlobal, n, gw[n]);
    if (dw !== null && typeof g[n] === "function") patch(g, n, dw[n]);
    if (!early.has(timersMod[n])) {
      patch(timersMod, n, same[i] ? gw[n] : mw[n]);
      moduleChanged = true;
    }
  });
  const fakeDate = makeDate(g.Date as DateConstructor);
  patch(g, "Date", fakeDate);
  // The fake shares the host's prototype, whose constructor would still be the host's Date: while the fake
  // is the global Date, `new Date().constructor === Date` (and Date.prototype.constructor) hold, as on the
  // host; restored with the rest.
  patch((g.Date as DateConstructor).prototype as unknown as Record<string, unknown>, "constructor", fakeDate);
  // performance.now
  // (Under a DOM realm, the main realm's, which a DOM's performance.now reads: jsdom's, whose origin is its
  // window's creation, and requestAnimationFrame's timestamps with it.)
  const perf = nodeGlobal.performance as Record<string, unknown>;
  const outerPerfNow = (perf.now as () => number).bind(perf);
  patch(perf, "now", () => {
    const rt = currentBubble();
    return rt === null ? outerPerfNow() : perfNow(rt);
  });
  // performance.timeOrigin: so that timeOrigin + now() is Date.now() in a bubble, as on the host.
  const bubbleTimeOrigin = (rt: Sched) => Number(rt.fakeEpoch / 1_000_000n) - nt(rt).perfOrigin;
  patchTimeOrigin(perf, bubbleTimeOrigin);
  // A DOM window's own performance (jsdom's: its origin the window's creation, its now() Node's less that
  // offset): its timeOrigin moves by as much as Node's, so that timeOrigin + now() is Date.now() there too.
  const win = (domRealm ? g : g.window) as Record<string, unknown> | undefined;
  const wperf = win?.performance as Record<string, unknown> | undefined;
  if (typeof wperf === "object" && wperf !== null && wperf !== perf)
    patchTimeOrigin(wperf, (rt, outer) => outer + bubbleTimeOrigin(rt) - hostTimeOrigin);
  installMoreClocks(perf);
  installSocketTimeouts();
  installUdpSends();
  installWatchFakes(early);
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
  // Code that kept `process.hrtime` itself from before the bubble and reads `.bigint()` off it at each
  // call (Effect's Clock does, from its load) reaches the replaced function: its own `bigint` follows
  // bubbles too. (A reference to a clock function itself, `const hr = process.hrtime.bigint`, cannot.)
  if (typeof outerHrtimeBigint === "function")
    patch(outerHrtime as unknown as Record<string, unknown>, "bigint", hrBigint);
  // AbortSignal.timeout: an unref'd timer, as in Node (it keeps nobody waiting, and is no leak).
  const outerAbortTimeout = AbortSignal.timeout.bind(AbortSignal);
  patch(AbortSignal as unknown as Record<string, unknown>, "timeout", (ms: number) => {
    const rt = currentBubble();
    // Node's validateUint32: anything else throws the host's own error.
    if (rt === null || !(Number.isInteger(ms) && ms >= 0 && ms <= 0xffff_ffff)) return outerAbortTimeout(ms);
    const ac = new AbortController();
    const t = nt(rt).add(
      () => ac.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
      ms,
      [],
      false,
      "setTimeout",
      userFrames,
    );
    t.unref();
    t.noHandle = true; // nothing can clear it: strictTimers does not list it
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
  // node:timers/promises (where installEarly's wrappers are not in place)
  const pw = promiseWrappers(tp);
  for (const n of promiseNames)
    if (!early.has(tp[n])) {
      patch(tp, n, pw[n]);
      moduleChanged = true;
    }
  const sched = tp.scheduler as Record<string, unknown> | undefined;
  if (sched !== undefined && typeof sched.wait === "function" && !early.has(sched.wait))
    patch(sched, "wait", waitWrapper(sched));
  if (VERIFY) verifyPatches();
  // Only when an export of node:timers(/promises) changed (installEarly's wrappers were not all in
  // place): Node has no per-module sync, and syncBuiltinESMExports() syncs every builtin, so a CommonJS
  // export another library replaced without syncing (msw's http.get) would become what ES named imports
  // of it see, which plain Node never does. The last bubble's end syncs back only if this synced.
  esmSynced = moduleChanged;
  if (moduleChanged) syncBuiltinESMExports();
}

/**
 * Patches p.timeOrigin (an own or inherited getter, or a value) to read inBubble(rt, the replaced value)
 * in bubble rt, and the replaced value elsewhere.
 */
function patchTimeOrigin(p: Record<string, unknown>, inBubble: (rt: Sched, outer: number) => number): void {
  const d = Object.getOwnPropertyDescriptor(p, "timeOrigin") ?? protoGetter(p, "timeOrigin");
  if (d?.get === undefined && d?.value === undefined) return;
  const outer = (): number => (d.get ? d.get.call(p) : d.value);
  patchGetter(p, "timeOrigin", () => {
    const rt = currentBubble();
    return rt === null ? outer() : inBubble(rt, outer());
  });
}

/** Restores the originals when the last bubble ends (only where our wrappers are still installed). */
export function uninstallFakes(): void {
  active--;
  if (active > 0) return;
  restorePatches();
  if (esmSynced) syncBack(esmBefore);
  esmSynced = false;
  esmBefore = [];
}

/** installFakes synced the builtins' ES exports (a timer export changed): uninstallFakes syncs them back. */
let esmSynced = false;

/**
 * What ES named imports of node:timers and node:timers/promises saw when the first bubble started: they
 * see it again when the last one ends. A fake-timer library installed meanwhile outside the bubble
 * (sinon, Jest's and Vitest's fake timers: @sinonjs/fake-timers) replaces the CommonJS exports without
 * syncing the ES bindings, and restores them when uninstalled, still without: syncing its fakes into the
 * bindings at the bubble's end would leave them there for good.
 */
let esmBefore: [Record<string, unknown>, Record<string, unknown>][] = [];

/**
 * The wrapped exports of node:timers and node:timers/promises as installEarly synced them into the ES
 * bindings (null before): what ES named imports see outside bubbles, as nobody else syncs them. Read
 * this way, not through an import of the builtins' namespaces: a module graph that imports a builtin
 * makes Jest's ESM mode and Vitest's vm pools copy its exports before gort's code has run.
 */
let esmSeen: [Record<string, unknown>, Record<string, unknown>][] | null = null;

function bindings(ns: object, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = (ns as Record<string, unknown>)[n];
  return out;
}

/** Syncs the builtins' ES bindings, giving those of `before` their recorded values. */
function syncBack(before: [Record<string, unknown>, Record<string, unknown>][]): void {
  const put: [Record<string, unknown>, string, unknown][] = [];
  for (const [target, values] of before)
    for (const n of Object.keys(values))
      if (target[n] !== values[n]) {
        put.push([target, n, target[n]]);
        target[n] = values[n];
      }
  try {
    syncBuiltinESMExports();
  } finally {
    for (const [target, n, v] of put) target[n] = v;
  }
}
