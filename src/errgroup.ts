// Public: golang.org/x/sync/errgroup — goroutines working on subtasks of a common task, with the first
// error kept, optional cancellation of a derived context, and an optional limit on active goroutines.
//
// x/sync's semantics, on gort's own WaitGroup, channels and context (so dumps show Go's wait reasons:
// `[semacquire]` in wait, `[chan send]` in go() at the limit):
//   - a subtask returns its error (any value other than null/undefined, as Go's non-nil error); the first
//     one returned is kept and, for a group from withContext, cancels the context with it as the cause;
//   - wait() waits for every subtask, then cancels the context (cause: the first error, or Canceled), and
//     returns the first error or null;
//   - setLimit(n) bounds the active subtasks: go() blocks while n are active (so it returns a promise: await
//     it), tryGo() returns false instead; n < 0 removes the limit; changing the limit while subtasks are
//     active panics with x/sync's message.
// A subtask that throws is a panic, as in Go: it fails the runtime (it is not an error of the group).
//
// Invariants:
//   e1. err is set at most once (the first error returned), and only by a subtask.
//   e2. with a limit, sem's len is the number of subtasks started by go/tryGo that have not finished.

import { type Chan, chan } from "./chan.ts";
import { type CancelCauseFunc, type Context, withCancelCause } from "./context.ts";
import { GoPanic } from "./errors.ts";
import { go } from "./go.ts";
import { badReceiver, checkFunc, funcGate } from "./internal/args.ts";
import { maybePreempt } from "./internal/runtime/proc.ts";
import { WaitGroup } from "./sync.ts";

const resolved: Promise<void> = Promise.resolve();

/** What a subtask returns: an error, or null/undefined (Go's nil) for success. */
export type Result = Error | null | undefined;

/** A subtask of a Group (Go: func() error). */
// biome-ignore lint/suspicious/noConfusingVoidType: an async function returning nothing is a Promise<void>
export type Task = () => Result | void | Promise<Result | void>;

let attachCancel: (g: Group, cancel: CancelCauseFunc) => void;

/**
 * Go: errgroup.Group. `new Group()` is Go's zero Group: no limit, no context, and it does not cancel
 * anything on error.
 *
 * @example
 * import { errgroup } from "gort";
 * const g = new errgroup.Group();
 * for (const d of [30, 10, 20]) {
 *   await g.go(async () => {
 *     await time.sleep(d * time.Millisecond);
 *     return d === 20 ? new Error(`task ${d} failed`) : null;
 *   });
 * }
 * console.log((await g.wait())?.message); // task 20 failed
 */
export class Group {
  #cancel: CancelCauseFunc | null = null;
  readonly #wg = new WaitGroup();
  #sem: Chan<void> | null = null;
  #err: Error | null = null;
  #failed = false;

  static {
    attachCancel = (g, cancel) => {
      g.#cancel = cancel;
    };
  }

  /**
   * Calls f in a new goroutine (Go: Go). With a limit (setLimit), waits first until fewer than the limit
   * are active: the promise resolves once f's goroutine is started, so await it. The first error
   * returned by a subtask is kept, and cancels the context of a group from withContext.
   *
   * @example
   * import { errgroup } from "gort";
   * const g = new errgroup.Group();
   * const results: number[] = [];
   * for (const n of [1, 2, 3]) await g.go(() => void results.push(n * n));
   * await g.wait(); // null
   * results.length; // 3
   */
  go(f: Task): Promise<void> {
    if (!(this instanceof Group)) return badReceiver("errgroup.Group.go", this);
    const bad = funcGate(f, "errgroup.Group.go");
    if (bad !== null) return bad;
    const sem = this.#sem;
    if (sem === null || sem.trySend(undefined)) {
      this.#start(f);
      // Counted for preemption like any operation that completes at once: a loop of go() calls lets the
      // goroutines it starts run.
      return maybePreempt(undefined) ?? resolved;
    }
    return this.#goWhenFree(sem, f);
  }

  async #goWhenFree(sem: Chan<void>, f: Task): Promise<void> {
    await sem.send(undefined);
    this.#start(f);
  }

  /**
   * Calls f in a new goroutine only if that keeps the group within its limit (Go: TryGo); returns whether
   * it did.
   *
   * @example
   * import { errgroup } from "gort";
   * const g = new errgroup.Group();
   * g.setLimit(1);
   * g.tryGo(() => time.sleep(time.Second)); // true
   * g.tryGo(() => null); // false: one is active
   * await g.wait();
   */
  tryGo(f: Task): boolean {
    checkFunc(f, "errgroup.Group.tryGo");
    const sem = this.#sem;
    if (sem !== null && !sem.trySend(undefined)) return false;
    this.#start(f);
    return true;
  }

  #start(f: Task): void {
    this.#wg.add(1);
    go(async () => {
      try {
        const err = await f();
        if (err !== null && err !== undefined && !this.#failed) {
          this.#failed = true;
          this.#err = err;
          this.#cancel?.(err);
        }
      } finally {
        await this.#done();
      }
    });
  }

  /** Go: done. Gives the goroutine's slot back (blocking, as Go's `<-g.sem`, if the limit was set after
   * it started and holds no slot for it), then counts it done. */
  async #done(): Promise<void> {
    const sem = this.#sem;
    if (sem !== null && sem.tryRecv() === null) await sem.recv();
    this.#wg.done();
  }

  /**
   * Waits for every subtask to finish (Go: Wait); resolves with the first error returned, or null. A
   * group from withContext cancels its context then (cause: that error, or context.Canceled).
   */
  async wait(): Promise<Error | null> {
    await this.#wg.wait();
    this.#cancel?.(this.#err);
    return this.#err;
  }

  /**
   * Limits the group to n active goroutines (Go: SetLimit); n < 0 removes the limit, 0 lets nothing start.
   *
   * @throws GoPanic "errgroup: modify limit while N goroutines in the group are still active" if
   *   subtasks started under a limit are still running.
   * @example
   * import { errgroup } from "gort";
   * const g = new errgroup.Group();
   * g.setLimit(2);
   * await g.go(() => time.sleep(time.Second));
   * try {
   *   g.setLimit(3);
   * } catch (e) {
   *   console.log((e as GoPanic).goPanic); // errgroup: modify limit while 1 goroutines in the group are still active
   * }
   * await g.wait();
   */
  setLimit(n: number): void {
    if (!Number.isSafeInteger(n))
      throw new TypeError(`errgroup: setLimit: n is not an integer: ${String(n)}`);
    if (n < 0) {
      this.#sem = null;
      return;
    }
    const active = this.#sem?.len ?? 0;
    if (active !== 0)
      throw new GoPanic(`errgroup: modify limit while ${active} goroutines in the group are still active`);
    this.#sem = chan<void>(n, "errgroup.sem");
  }
}

/**
 * Go: errgroup.WithContext. A new Group and a context derived from ctx, cancelled (with the error as its
 * cause) when a subtask first returns an error, or when wait returns, whichever happens first.
 *
 * @example
 * import { errgroup } from "gort";
 * const [g, ctx] = errgroup.withContext(context.background());
 * await g.go(() => new Error("boom"));
 * await g.go(async () => {
 *   await ctx.done()!.recv(); // cancelled by the first error
 *   return ctx.err();
 * });
 * console.log((await g.wait())?.message); // boom
 * console.log((context.cause(ctx) as Error).message); // boom
 */
export function withContext(ctx: Context): [Group, Context] {
  const [c, cancel] = withCancelCause(ctx);
  const g = new Group();
  attachCancel(g, cancel);
  return [g, c];
}
