// The running goroutine (Go: getg and the M's g0), known exactly from the async context.
//
// Every goroutine's function runs inside `gStore.run(gp, fn)`, so every continuation of its code — after
// an await of a channel, a sleep, a file read or a fetch — runs with gStore's value gp: Node carries the
// async context through promise reactions, timers and I/O callbacks. getg() reads it:
//
//   - inside a runtime's scheduler (timer callbacks, Go's g0), there is no goroutine: null;
//   - code whose context holds gp, while gp is running (it holds its runtime's M) or in a syscall (it
//     awaited a promise gort does not own and is now back): gp — a syscall ends here (exitsyscall);
//   - code whose context holds gp while gp is parked, runnable or dead is a callback gp registered and did
//     not await (an event handler, a host timer): it runs outside any goroutine, but in gp's runtime —
//     unless it runs within gp's first synchronous part (syncG): then gp called a blocking function and
//     went on without awaiting it, and panics ("missing await?");
//   - code with no goroutine in its context (a test body, a server) is outside: null, the default runtime;
//   - code a runtime started outside its goroutines that Node would run in no async context (the callbacks
//     of a socket a bubble's server accepted: iotrack.ts) runs with the runtime's stand-in (contextG), a
//     dead goroutine: outside any goroutine (null), but in that runtime, and so do its continuations.
//
// On Node 24 and later, AsyncLocalStorage is built on AsyncContextFrame and costs nothing measurable on a
// promise round trip; on Node 20 and 22 it installs promise hooks (docs/deviations.md has the cost).
//
// Invariants:
//   a1. getg() is null or a goroutine whose status is _Grunning or _Gsyscall and whose runtime is live.
//   a2. mRT is non-null exactly while some runtime's scheduler runs synchronously.
//   a3. a goroutine's code only ever runs with gStore holding that goroutine (runG is the only run() of a
//       live goroutine).
//   a4. syncG is non-null only inside runSync, and then equals gStore's value.
//   a5. a runtime's stand-in (contextG) is always _Gdead and in no list of the runtime: getg() is null in
//       the code bindToRuntime runs, and contextRuntime() is that runtime while it is live.
//   a6. parking is non-null only inside whileParking, and then is the goroutine whose gopark runs: the one
//       in the async context, or the stand-in parked for code outside goroutines (of the same runtime).

import { AsyncLocalStorage } from "node:async_hooks";
import { fatal, VERIFY } from "../debug.ts";
import { _Gdead, _Grunning, _Gsyscall, G } from "./g.ts";
import type { Sched } from "./proc.ts";
import type { Timer } from "./timer.ts";
import { captureSite, siteFor } from "./traceback.ts";

/** The goroutine whose code is running, carried by the async context (read through getg). */
export const gStore = new AsyncLocalStorage<G>();

/**
 * The goroutine whose start job is running synchronously right now (runStarting sets it around the
 * goroutine function's synchronous part), else null: inside that part it is exactly gStore's value, and
 * reading a variable costs less than reading the async context (a V8 call and a map lookup).
 */
let syncG: G | null = null;

/** Runs gp's first synchronous part with syncG set (a4). */
export function runSync(gp: G, f: (gp: G) => void): void {
  const prev = syncG;
  syncG = gp;
  try {
    f(gp);
  } finally {
    syncG = prev;
  }
}

/** The goroutine in the current async context, or undefined (syncG first: a4). */
export function storeG(): G | undefined {
  return syncG ?? gStore.getStore();
}

/** The runtime whose scheduler is executing right now (synchronously), or null: Go's "on an M's g0". */
let mRT: Sched | null = null;

/** The scheduler of rt starts running synchronously; returns the previous one for leaveSched. */
export function enterSched(rt: Sched): Sched | null {
  const prev = mRT;
  mRT = rt;
  return prev;
}

export function leaveSched(prev: Sched | null): void {
  mRT = prev;
}

/** The runtime whose scheduler runs right now, or null. */
export function schedulingRuntime(): Sched | null {
  return mRT;
}

/**
 * The goroutine making the current call, or null outside any goroutine (see the top of this file). A
 * goroutine coming back from a foreign await leaves its syscall here.
 */
export function getg(): G | null {
  if (mRT !== null) return null;
  const gp = syncG ?? gStore.getStore();
  if (gp === undefined) return null;
  const s = gp.status;
  if (s === _Grunning) return gp;
  if (s === _Gsyscall) {
    gp.rt.exitsyscall(gp);
    return gp;
  }
  if (gp === syncG) missingAwaitCheck();
  return null;
}

/** The goroutine parking right now (proc.ts gopark runs its afterPark): gort's own calls, not the user's. */
let parking: G | null = null;

/**
 * The goroutine whose gopark is running its afterPark (a6), else null: there, reading this variable answers
 * what storeG() would at the cost of no async-context read (a sleep's timer is added from its afterPark).
 */
export function parkingG(): G | null {
  return parking;
}

/** gopark runs f (its afterPark) for gp: calls into gort meanwhile are the park's own. */
export function whileParking(gp: G, f: (gp: G) => void): void {
  if (VERIFY && !gp.external && storeG() !== gp)
    fatal(`verify: a6: g${gp.goid} parks from the async context of ${storeG()?.goid ?? "no goroutine"}`);
  const prev = parking;
  parking = gp;
  try {
    f(gp);
  } finally {
    parking = prev;
  }
}

/**
 * Panics the running goroutine if it is still in its first synchronous part yet parked: it started a
 * blocking call and went on without awaiting it (an await would have ended the synchronous part). Called
 * by getg and by the public functions that need no goroutine (time.now).
 */
export function missingAwaitCheck(): void {
  const gp = syncG;
  if (gp === null || gp === parking || mRT !== null) return;
  const s = gp.status;
  if (s !== _Grunning && s !== _Gsyscall && s !== _Gdead) gp.rt.missingAwait(gp);
}

/**
 * The runtime the current code belongs to: the scheduler's, else the one of the goroutine in the async
 * context (whatever its state: a callback it registered belongs to its runtime), else null.
 */
export function contextRuntime(): Sched | null {
  if (mRT !== null) return mRT;
  const gp = syncG ?? gStore.getStore();
  if (gp === undefined) return null;
  const rt = gp.rt;
  return rt.stopped ? null : rt;
}

// ===== Bubbles (Go: getg().bubble) =====

/** How many synctest bubbles are running: while none is, nothing made now belongs to one (no context read). */
let liveBubbles = 0;

/** A bubble starts (synctest.ts runBubble); bubbleEnded when its run settles. */
export function bubbleStarted(): void {
  liveBubbles++;
}

export function bubbleEnded(): void {
  liveBubbles--;
}

/**
 * The bubble the current code belongs to (a bubble runtime: it has Node timer fakes), or null: Go's
 * getg().bubble. Code of a bubble outside its goroutines (a callback its code registered) belongs to it too.
 */
export function contextBubble(): Sched | null {
  if (liveBubbles === 0) return null;
  const rt = contextRuntime();
  return rt !== null && rt.nodeTimers !== null ? rt : null;
}

/** The runtime of the current code, or the default runtime outside every other one. */
export function currentRuntime(): Sched {
  return contextRuntime() ?? defaultRuntime();
}

// ===== Code a runtime started outside its goroutines =====

/** Each runtime's stand-in (a5), made on first use. */
const contextGs = new WeakMap<Sched, G>();

/**
 * The stand-in goroutine of rt's code outside its goroutines (a5): dead, so getg() is null, but its
 * runtime is rt, as for a callback a goroutine of rt registered and did not await.
 */
export function contextG(rt: Sched): G {
  let gp = contextGs.get(rt);
  if (gp === undefined) {
    gp = new G(rt, 0, null, 0, true);
    gp.status = _Gdead;
    contextGs.set(rt, gp);
  }
  return gp;
}

/**
 * f, bound to rt's async context: each call runs it (with its `this` and arguments) with gStore holding
 * rt's stand-in, so it and everything it starts — the code after an await, its timers, its I/O — belong
 * to rt (contextRuntime), as if a callback of rt's code. For callbacks Node runs in no async context.
 */
export function bindToRuntime(rt: Sched, f: (...a: unknown[]) => unknown): (...a: unknown[]) => unknown {
  const gp = contextG(rt);
  return function (this: unknown, ...args: unknown[]): unknown {
    return gStore.run(gp, Reflect.apply, f, this, args);
  };
}

// ===== The default runtime =====

let defaultRT: Sched | null = null;
let makeRuntime: (() => Sched) | null = null;

/** proc.ts registers how the default runtime is made (no import cycle: getg.ts imports proc.ts's types only). */
export function setDefaultRuntimeFactory(f: () => Sched): void {
  makeRuntime = f;
}

/** The process-wide runtime that code outside any goroutine uses; started lazily. */
export function defaultRuntime(): Sched {
  if (defaultRT === null || defaultRT.stopped) defaultRT = makeRuntime!();
  return defaultRT;
}

/**
 * How many consecutive operations that did not block a goroutine may make before it yields (Go preempts a
 * goroutine after 10 ms; gort can only switch at its own call points, so it counts them instead).
 */
const preemptOps = 1024;
/**
 * The same under the fake clock. Go's faketime never preempts (sysmon reads the virtual clock, which stands
 * still while goroutines run), so a program's order there must not change after a mere thousand
 * operations (oracle program `sched_nonblocking_burst`: 5,000 buffered sends in a row); 65,536 operations
 * are about Go's 10 ms of them, and still let a goroutine spinning on non-blocking operations make way.
 */
export const fakePreemptOps = 65536;

/**
 * Non-blocking operations are counted in blocks of this many: only the operation that completes a block
 * reads the async context (getg) and charges the block to the goroutine making it. A goroutine that makes
 * operations alone is charged all of them; goroutines that interleave are charged in proportion.
 */
const preemptBlock = 64;
let opsInBlock = 0;

/**
 * Cooperative preemption at a non-blocking operation: returns null (carry on), or a promise that settles
 * with `result` after the running goroutine yielded to the others and to due timers (Go: Gosched).
 */
export function maybePreempt<T>(result: T): Promise<T> | null {
  if (++opsInBlock < preemptBlock) return null;
  opsInBlock = 0;
  const gp = getg();
  if (gp === null) return null;
  gp.fastOps += preemptBlock;
  if (gp.fastOps < (gp.rt.fake ? fakePreemptOps : preemptOps)) return null;
  gp.fastOps = 0;
  gp.rt.preempted = true;
  return gp.rt.gosched(gp).then(() => result);
}

/**
 * Records where a timer was created and tracks it while it lives, in runtimes that ask for it; fn is the
 * function an AfterFunc timer runs (its site when anonymous, traceback.ts siteFor).
 */
export function noteTimer(rt: Sched, t: Timer, fn?: (...a: never[]) => unknown): void {
  if (rt.liveTimers === null) return;
  rt.liveTimers.add(t);
  rt.timerSites?.set(t, fn !== undefined ? siteFor(fn, noteTimer, 6) : captureSite());
}
