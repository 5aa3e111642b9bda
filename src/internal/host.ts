// Host primitives, captured once at load.
//
// Every clock read, host timer, macrotask and random draw the runtime makes goes through this module,
// and this module reads the globals exactly once, when it is first imported: Node's main realm's, and the
// six timer functions from node:timers (a DOM test environment can put a window's on the global). A test
// that later installs @sinonjs/fake-timers, jest.useFakeTimers() or gort's own synctest fakes replaces the
// globals, not these references, so the runtime keeps real time underneath whatever the user fakes.
//
// Invariants:
//   H1. Nothing under src/ except this file names setTimeout, setImmediate, queueMicrotask,
//       performance or Date (enforced by Biome's noRestrictedGlobals in biome.json).
//   H2. The references below never change after load, and are the host's own: where a fake-timers
//       library had already replaced a global when gort loaded, they are the originals it kept (unfaked).

import { performance as perfHooks } from "node:perf_hooks";
import { selfFileUrl } from "./selfurl.ts";

/**
 * The host's own value where a fake-timers library (@sinonjs/fake-timers: sinon, Jest's modern timers with
 * `fakeTimers.enableGlobally`, Vitest) had already replaced it when gort loaded: such a library marks what
 * it installs with its `clock` and keeps the original as `clock._<name>`. Without this, gort would take
 * the fakes for the host and nothing of its real clock would ever run.
 */
function unfaked<T>(value: T, name: string): T {
  // A wrapper another copy of gort put in place at load (fakes.ts: installEarly) names the host's function.
  const inner = (value as Record<symbol, unknown> | null | undefined)?.[hostFunction];
  if (typeof inner === "function") return inner as T;
  const clock = (value as { clock?: unknown } | null | undefined)?.clock;
  if (typeof clock !== "object" || clock === null) return value;
  const original = (clock as Record<string, unknown>)[`_${name}`];
  return original !== undefined && original !== value ? (original as T) : value;
}

/**
 * The property under which gort/synctest's load-time timer wrappers (fakes.ts: installEarly) keep the host
 * function they pass calls to: a second copy of gort loaded after them captures that, not the wrapper.
 */
export const hostFunction: unique symbol = Symbol.for("gort.hostFunction");

/**
 * The global of Node's main realm. Usually globalThis itself; under a test environment that runs test files
 * in a vm context of its own with a DOM window for a global (Jest's jest-environment-jsdom), globalThis is
 * that window, whose timers are the DOM library's (jsdom's number handles, no setImmediate) and call the
 * main realm's at call time. The host's queueMicrotask is the main realm's (its timers: node:timers', below),
 * and so are the globals gort wraps for such a DOM library (fakes.ts: domRealm). vm.runInThisContext runs
 * in the main context whichever context calls it.
 */
export const hostGlobal: Record<string, unknown> = (
  process.getBuiltinModule("node:vm") as typeof import("node:vm")
).runInThisContext("globalThis");
/**
 * Node's timers module: where its six functions come from, not the global. A DOM library can replace the
 * global's with its own (happy-dom's GlobalRegistrator copies its window's onto the global, jsdom's window
 * is the global of a jest-environment-jsdom vm context), which hand out other handles (numbers, happy-dom's
 * own Timeout for a zero delay) and batch or drop calls; node:timers keeps Node's.
 */
const timersModule = process.getBuiltinModule("node:timers") as unknown as Record<string, unknown>;
const timer = (name: string): unknown => unfaked(timersModule[name] ?? hostGlobal[name], name);
const g = {
  setTimeout: timer("setTimeout"),
  clearTimeout: timer("clearTimeout"),
  setInterval: timer("setInterval"),
  clearInterval: timer("clearInterval"),
  setImmediate: timer("setImmediate"),
  clearImmediate: timer("clearImmediate"),
  queueMicrotask: unfaked(hostGlobal.queueMicrotask, "queueMicrotask"),
} as unknown as typeof globalThis;

/**
 * The host's six timer functions themselves (unbound), as they were when gort loaded: gort/synctest wraps
 * a global or node:timers export at load only where it is still one of these.
 */
export const hostTimerFunctions: Readonly<Record<string, unknown>> = Object.freeze({
  setTimeout: g.setTimeout,
  clearTimeout: g.clearTimeout,
  setInterval: g.setInterval,
  clearInterval: g.clearInterval,
  setImmediate: g.setImmediate,
  clearImmediate: g.clearImmediate,
});

/**
 * Non-zero while gort itself starts host work (a timer, an immediate) through this module: iotrack.ts
 * never charges such work to a bubble, whatever async context it is started in.
 */
export let hostInternal = 0;

/**
 * The host's timer function `start` (a callback and a delay: the runtime's only use), bound to the global,
 * marking what it starts as gort's own (hostInternal). Fixed parameters: a call allocates no arguments array.
 */
function internal<C, R>(start: (cb: C, ms?: number) => R): (cb: C, ms?: number) => R {
  const raw = start.bind(hostGlobal);
  return (cb: C, ms?: number): R => {
    hostInternal++;
    try {
      return raw(cb, ms);
    } finally {
      hostInternal--;
    }
  };
}

/** A host callback: gort never passes arguments through a host timer. */
type HostCallback = (...a: never[]) => void;
/** setTimeout or setInterval as gort calls them. */
type HostTimerStart = (cb: HostCallback, ms?: number) => NodeJS.Timeout;

/** The host's `setTimeout`, as it was when gort loaded. */
export const hostSetTimeout: HostTimerStart = internal(g.setTimeout as unknown as HostTimerStart);
/**
 * Re-arms a host timeout for its delay from now (Node's `refresh`, which also re-activates one that has
 * fired), marked as gort's own like hostSetTimeout.
 */
export function hostRefresh(t: NodeJS.Timeout): void {
  hostInternal++;
  try {
    t.refresh();
  } finally {
    hostInternal--;
  }
}
/** The host's `clearTimeout`. */
export const hostClearTimeout: typeof clearTimeout = g.clearTimeout.bind(hostGlobal);
/** The host's `setInterval`. */
export const hostSetInterval: HostTimerStart = internal(g.setInterval as unknown as HostTimerStart);
/** The host's `clearInterval`. */
export const hostClearInterval: typeof clearInterval = g.clearInterval.bind(hostGlobal);
const rawSetImmediate = g.setImmediate.bind(hostGlobal);
/** The host's `setImmediate` (one parameter: setImmediate passes any further ones to the callback). */
export function hostSetImmediate(cb: HostCallback): NodeJS.Immediate {
  hostInternal++;
  try {
    return rawSetImmediate(cb);
  } finally {
    hostInternal--;
  }
}
/** The host's `clearImmediate`. */
export const hostClearImmediate: typeof clearImmediate = g.clearImmediate.bind(hostGlobal);
/** The host's `queueMicrotask`. */
export const hostQueueMicrotask: typeof queueMicrotask = g.queueMicrotask.bind(hostGlobal);
const resolvedPromise = Promise.resolve();
const promiseThen = Promise.prototype.then;
/**
 * Queues fn as a microtask through a resolved promise. Cheaper than Node's queueMicrotask, which wraps
 * every callback in an AsyncResource; and ordered with promise reactions like any other job.
 */
export function hostEnqueueMicrotask(fn: () => void): void {
  promiseThen.call(resolvedPromise, fn);
}
/** Adds fn as a fulfilment reaction to p (Promise.prototype.then as it was at load). */
export function hostPromiseThen(p: Promise<unknown>, fn: () => void): void {
  promiseThen.call(p, fn);
}
const nextTick = unfaked(process.nextTick, "nextTick");
/** The host's `process.nextTick`. */
export function hostNextTick(fn: (...args: unknown[]) => unknown, ...args: unknown[]): void {
  nextTick(fn, ...args);
}
/** One hostAfterDrain in this many takes a host macrotask instead, so that the event loop turns. */
const drainTurns = 256;
let drains = 0;
/**
 * Runs fn once the microtask queue has drained. Usually without waiting for a host macrotask: a microtask
 * queues fn with process.nextTick, and Node runs the ticks queued by a microtask only after the whole
 * microtask queue (every promise job, however deep) has run — about 8× cheaper than a setImmediate turn
 * (~0.12 µs against ~0.95 µs here). But every 256th call goes through setImmediate, so that I/O, real
 * timers and other macrotasks get their turn however long a chain of these runs.
 */
/**
 * The returned function arms fn, once per call, for when the microtask queue has drained; the microtask's
 * job is made once here, not per call (fn is armed at every wake-up or timer callback).
 */
export function hostAfterDrainer(fn: () => void): () => void {
  // A closure, not a bound function: the bound-function version measured 4–5× slower here.
  const job = () => nextTick(fn);
  return () => afterDrain(fn, job);
}

function afterDrain(fn: () => void, job: () => void): void {
  if (++drains >= drainTurns) {
    drains = 0;
    hostSetImmediate(fn);
    return;
  }
  promiseThen.call(resolvedPromise, job);
}
/** The host's `Math.random`. */
export const hostRandom: () => number = Math.random;
/** The host's `Date.now` (wall clock, ms since the Unix epoch). */
const HostDateCtor: DateConstructor = unfaked(Date, "Date");
export const hostDateNow: () => number = HostDateCtor.now;
/** The host's `Date` constructor, for formatting wall times. */
export const HostDate: DateConstructor = HostDateCtor;

// Performance.prototype.now: @sinonjs/fake-timers (v15) fakes perf_hooks' performance by giving the object
// an own `now`, which shadows the prototype's.
const perfNow = (
  (Object.getPrototypeOf(perfHooks) as { now?: () => number } | null)?.now ?? perfHooks.now
).bind(perfHooks);
/** Monotonic milliseconds (fractional) since the host's time origin. */
export const hostPerfNow: () => number = perfNow;
/** The host's `performance.timeOrigin`, ms since the Unix epoch. */
export const hostTimeOrigin: number = perfHooks.timeOrigin;

const hrtime = unfaked(process.hrtime, "hrtime");
const hrtimeBigint = hrtime.bigint.bind(hrtime);
/** Monotonic nanoseconds as a bigint (host clock, arbitrary origin). */
export const hostHrtime: () => bigint = hrtimeBigint;

/**
 * One copy of gort per process. Each copy captures the host and keeps its own runtimes, timers and
 * bubbles; a second one (the CommonJS build picked for `require` beside the ES modules for `import`, two
 * installs, a bundle holding both) runs, but its goroutines and timers are invisible to the first's: a
 * bubble of one does not see the other's sleeps as its own. The first copy registers itself under a
 * registry symbol; a later one warns once, naming both.
 */
const copyKey = Symbol.for("gort.copy");
const registry = globalThis as unknown as Record<symbol, { url: string; warned: boolean } | undefined>;
// The file that runs, to name it: import.meta.url is a stand-in in gort's CommonJS bundle (selfurl.ts).
const thisCopy = { url: selfFileUrl(import.meta.filename, import.meta.url), warned: false };
const firstCopy = registry[copyKey];
if (firstCopy === undefined) {
  Object.defineProperty(registry, copyKey, { value: thisCopy, configurable: true });
} else if (!firstCopy.warned) {
  firstCopy.warned = true;
  process.emitWarning(
    `a second copy of gort is running (${thisCopy.url}, beside ${firstCopy.url}): goroutines, timers and ` +
      "synctest bubbles of one copy are invisible to the other. Load one copy: see gort's README, Install.",
    { type: "GortWarning", code: "GORT_TWO_COPIES" },
  );
}

const activeResources = process.getActiveResourcesInfo.bind(process);
/**
 * The kinds of what keeps the host's event loop alive now (Node: process.getActiveResourcesInfo, one entry
 * per refed timer, handle or request: "Timeout", "TCPServerWrap", "FSReqCallback", …).
 */
export const hostActiveResources: () => string[] = activeResources;
