// Debug switches, fault injection and the one way corruption is reported.
//
// VERIFY turns on the invariant checkers (`verify()` of every runtime structure) after every mutation.
// It is off in production (a single module-level boolean test per mutation) and on in every test run
// (test/setup.ts sets it). FAULTS re-open the bugs fixed by the five seed commits (docs/design/seeds.md), one
// switch each; only tests set them (see test/unit/runtime/seeds.test.ts and `npm run mutants`).
//
// Invariants:
//   D1. Sched corruption is reported only through badTimer()/fatal(), which throw RuntimeInvariantError;
//       nothing inside the runtime catches it.
//   D2. `locks` counts the timer "locks" held right now. Go's locks become regions with no interleaving
//       point; the scheduler, user callbacks and host hooks are entered only with locks === 0 (seed 3,
//       "prevent preemption while timer is in timerModifying": docs/design/timers.md §9, I3).

/** Thrown when the runtime finds its own data structures corrupt. Never caught inside gort. */
export class RuntimeInvariantError extends Error {
  readonly code = "ERR_GORT_RUNTIME_INVARIANT";
  constructor(message: string) {
    super(message);
    this.name = "RuntimeInvariantError";
  }
}

/** Go's throw(): a fatal runtime error with Go's message. */
export function fatal(msg: string): never {
  throw new RuntimeInvariantError(msg);
}

/** Go's badTimer(): "timer data corruption", with what was found wrong. */
export function badTimer(why?: string): never {
  throw new RuntimeInvariantError(
    why === undefined ? "timer data corruption" : `timer data corruption: ${why}`,
  );
}

/** Run every structure's verify() after each mutation. Set by tests; off in production. */
export let VERIFY = process.env.GORT_VERIFY === "1";

export function setVerify(on: boolean): void {
  VERIFY = on;
}

/** Depth of timer "locks" held (D2). */
export const lockState = { locks: 0 };

/** Throws if a timer lock is held: called at every entry into the scheduler or user code. */
export function assertNoLocks(where: string): void {
  if (lockState.locks !== 0) fatal(`${where}: holding locks`);
}

/** Test-only switches, each re-creating the bug one seed commit fixed. All false in production. */
export interface Faults {
  /** Seed 1 (I1): maybeAdd chooses the P's heap, then hits an interleaving point, then inserts. */
  chooseHeapEarly: boolean;
  /** Seed 2 (I2): modify lowers minWhenModified before the modified bit is visible. */
  lateModifiedBit: boolean;
  /**
   * Seed 3 (I3): modify is preempted mid-modification: it enters the scheduler's timer run (checkTimers)
   * while the timer is locked and half-modified (new when, old heap key, M not set).
   */
  preemptWhileLocked: boolean;
  /**
   * Seed 4 (I4): take() (Go: moveTimers) drops a modified timer's pending modification: it re-files the
   * timer under its entry's stale key, so a Reset made before GOMAXPROCS shrank is lost.
   */
  takeDropsModified: boolean;
  /** Seed 5 (I5): the faketime jump takes a P off the idle list by hand instead of pidleget. */
  handMadeIdleRemoval: boolean;
}

export const faults: Faults = {
  chooseHeapEarly: false,
  lateModifiedBit: false,
  preemptWhileLocked: false,
  takeDropsModified: false,
  handMadeIdleRemoval: false,
};

/** True iff any fault switch is on; checked before calling faultHook so production pays one test. */
export let anyFault = false;

export function setFault(name: keyof Faults, on: boolean): void {
  faults[name] = on;
  anyFault = Object.values(faults).some(Boolean);
}

export function clearFaults(): void {
  for (const k of Object.keys(faults) as (keyof Faults)[]) faults[k] = false;
  anyFault = false;
}

/**
 * Interleaving points. Tests install a function that does what another goroutine, P or M could have done
 * at that instant in Go (run adjust, migrate the goroutine, …). With the fixes in place the points sit
 * where Go allows an interleaving (before or after an atomic step); a fault switch moves its point inside
 * the step it used to break. `hooksOn` is false unless a hook is installed, so production pays one test.
 */
export const faultHooks: { at: (point: string) => void } = { at: () => {} };
export let hooksOn = false;

export function setHook(fn: ((point: string) => void) | null): void {
  faultHooks.at = fn ?? (() => {});
  hooksOn = fn !== null;
}
