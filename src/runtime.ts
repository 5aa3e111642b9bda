// Public: a Go runtime of its own (Go has one per process; gort can have many, and synctest bubbles are
// runtimes too). A thin facade: the scheduler (internal/runtime/proc.ts, class Sched) stays out of reach,
// so nothing a user can touch can corrupt it.

import { badReceiver, checkOptions, funcGate, type OptionRules, rule } from "./internal/args.ts";
import { type GoFatalError, type RuntimeOptions, Sched } from "./internal/runtime/proc.ts";
import { setSchedAccess } from "./internal/runtime/schedof.ts";

export type { RuntimeOptions };

/** What each option of new Runtime accepts (undefined is its default); see RuntimeOptions. */
const optionRules: OptionRules<RuntimeOptions> = {
  procs: rule.procs,
  clock: rule.oneOf("real", "fake"),
  seed: rule.integer,
  spawnSites: rule.boolean,
  fakeEpoch: rule.int64,
  waitForGoroutines: rule.boolean,
  maxVirtualTime: rule.nanos,
  maxClockAdvances: rule.bound,
  stallTimeout: rule.ms("never"),
  label: rule.string,
  timerPrecision: rule.oneOf("ms", "sub-ms"),
};

/** Counters of a runtime's work, for summaries and benchmarks. */
export interface RuntimeStats {
  /** Goroutines started. */
  readonly goroutines: number;
  /** Goroutine resumptions (context switches). */
  readonly switches: number;
  /** Timer checks that ran at least one timer. */
  readonly timersRun: number;
  /** Timers fired (each firing of a ticker counts). */
  readonly timersFired: number;
  /** Fake-clock jumps. */
  readonly jumps: number;
  /** Successful steals of run-queue halves between Ps. */
  readonly steals: number;
}

/**
 * A runtime: goroutines on GOMAXPROCS logical processors, with its own timers and clock. Code outside any
 * runtime's goroutines uses a process-wide default runtime with the real clock; `run` starts a program of
 * its own.
 *
 * @example
 * const rt = new Runtime({ clock: "fake" }); // virtual time: jumps to the next timer when all block
 * const elapsed = await rt.run(async () => {
 *   const start = time.now();
 *   await time.sleep(time.Hour);
 *   return time.since(start);
 * });
 * console.log(time.durationString(elapsed)); // 1h0m0s
 */
export class Runtime {
  readonly #s: Sched;

  static {
    setSchedAccess((rt) => rt.#s);
  }

  /**
   * @throws TypeError if opts is not an object (undefined or null: every default) or an option has the
   * wrong type; RangeError if a number is out of range (procs outside 1..1024, a negative bound, ...).
   */
  constructor(opts: RuntimeOptions = {}) {
    checkOptions(opts, "new Runtime", optionRules);
    this.#s = new Sched(opts ?? {});
  }

  /** Runs fn as the main goroutine. Resolves with its result when it returns; rejects with GoFatalError
   * (a deadlock, an unrecovered panic) with Go's report. */
  run<T>(fn: () => T | Promise<T>): Promise<Awaited<T>> {
    if (!(this instanceof Runtime)) return badReceiver("Runtime.run", this);
    return funcGate(fn, "Runtime.run", "fn") ?? this.#s.run(fn);
  }

  /**
   * Stops the runtime: nothing is scheduled again and its host timers are released. A run() whose main
   * has not returned yet rejects ("gort: Runtime.stop called before main returned").
   */
  stop(): void {
    this.#s.stopByUser();
  }

  /** A process-unique number (used in traces). */
  get id(): number {
    return this.#s.id;
  }

  /** The clock: "real", or "fake" (virtual time that moves only when every goroutine is blocked). */
  get clock(): "real" | "fake" {
    return this.#s.fake ? "fake" : "real";
  }

  /** The seed of every random choice (select order, scheduling, steals): pass it back to replay a run. */
  get seed(): number {
    return this.#s.rand.seed;
  }

  /** GOMAXPROCS of this runtime. */
  get gomaxprocs(): number {
    return this.#s.gomaxprocs;
  }

  /** Whether it stopped (main returned, it failed, or stop() was called). */
  get stopped(): boolean {
    return this.#s.stopped;
  }

  /** The deadlock or panic it failed with, or null. */
  get failure(): GoFatalError | null {
    return this.#s.failure;
  }

  /** Counters of its work. */
  get stats(): RuntimeStats {
    return this.#s.stats;
  }

  /** Its monotonic clock: nanoseconds since it started (≥ 1), virtual under the fake clock. */
  nanotime(): number {
    const s = this.#s;
    return s.nanotime() - s.monoBase;
  }

  /** Go: runtime.NumGoroutine — the goroutines of this runtime that exist now (main included). */
  numGoroutine(): number {
    return this.#s.allgs.size;
  }

  /** Go's goroutine dump of its live goroutines, as a deadlock report prints it. */
  dump(): string {
    return this.#s.dump();
  }
}
