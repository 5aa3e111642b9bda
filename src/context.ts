// Public: Go's package context (go1.23 src/context/context.go), bridged both ways with AbortSignal.
//
// A Context carries a cancellation signal, a deadline and request-scoped values down a call tree.
// Cancelling a context cancels every context derived from it; deriving from a context that is already
// cancelled yields a cancelled context at once. Deadlines run on the runtime's timers (an AfterFunc-style
// timer whose callback starts a goroutine, as Go's time.AfterFunc does), so virtual time drives them under
// the fake clock.
//
// Every blocking call in gort takes an AbortSignal, and every Context has one (`ctx.signal`, created on
// first use, aborted with ctx.err() as its reason when ctx is done), so the way to make a blocking call
// cancellable by a context is to pass `ctx.signal`. The other way, fromSignal(signal) turns any
// AbortSignal (a request's, AbortSignal.timeout's) into a Context.
//
// Differences from Go, all deliberate:
//   - deadline() returns {deadline, ok} (Go: (time.Time, bool)); without a deadline it is the zero Time.
//   - Canceled and DeadlineExceeded keep Go's messages; their `name`s are "AbortError" and "TimeoutError",
//     the names the web platform gives abort and timeout reasons, so code that checks `e.name` after
//     passing ctx.signal to fetch or to Node's APIs recognises them.
//   - A cause may be any value (signal reasons are), not only an Error; cause(ctx) is null while ctx is
//     not cancelled.
//   - value(null) and value(undefined) panic with Go's "nil key", as WithValue does.
//
// The context types, how cancellation propagates and their invariants (k1–k3): src/internal/context.ts.

import type { ReceiveChan } from "./chan.ts";
import { GoPanic } from "./errors.ts";
import { checkFunc, checkSignal } from "./internal/args.ts";
import {
  AfterFuncCtx,
  backgroundCtx,
  Canceled,
  causeOf,
  checkParent,
  DeadlineExceeded,
  newCancelCtx,
  SignalCtx,
  TimerCtx,
  todoCtx,
  ValueCtx,
  WithoutCancelCtx,
} from "./internal/context.ts";
import { describe } from "./internal/timeargs.ts";
import { type Duration, now, Time, afterFunc as timeAfterFunc, until } from "./time.ts";

export { Canceled, DeadlineExceeded, DeadlineExceededError } from "./internal/context.ts";

/** Go's context.Context. */
export interface Context {
  /** When work done for this context should stop, if ever: ok is false without a deadline (Go: Deadline). */
  deadline(): { deadline: Time; ok: boolean };
  /**
   * A channel that is closed when this context is cancelled, or null if it never can be (Go: Done; a nil
   * channel is never ready, in select too). Successive calls return the same channel.
   */
  done(): ReceiveChan<void> | null;
  /** null while done is open; Canceled or DeadlineExceeded after (Go: Err). */
  err(): Error | null;
  /** The value associated with key by the nearest WithValue, or undefined (Go: Value). */
  value(key: unknown): unknown;
  /**
   * An AbortSignal that aborts, with err() as its reason, when this context is done; never aborts for a
   * context that cannot be cancelled. Created on first use.
   */
  readonly signal: AbortSignal;
  /**
   * Optional (Go's afterFuncer): a Context implementation that can run a function once it is done says
   * so with this method, which returns a stop function (true if it stopped f from running). Contexts
   * derived from one call it instead of starting a goroutine to watch its done channel.
   */
  afterFunc?(f: () => void): () => boolean;
}

/** Go: CancelFunc. Cancels the context (and its children); later calls do nothing. */
export type CancelFunc = () => void;

/** Go: CancelCauseFunc. Cancels with a cause (Canceled if omitted or null). */
export type CancelCauseFunc = (cause?: unknown) => void;

/**
 * Go: context.Background. Never cancelled, no values, no deadline: the root of every context tree.
 *
 * @example
 * const ctx = context.background();
 * ctx.done(); // null: it can never be cancelled
 * ctx.err(); // null
 * ctx.deadline().ok; // false
 */
export function background(): Context {
  return backgroundCtx;
}

/**
 * Go: context.TODO. Like background, for code that does not know yet which context to use.
 *
 * @example
 * String(context.todo()); // "context.TODO"
 */
export function todo(): Context {
  return todoCtx;
}

/**
 * Go: context.WithCancel. A copy of parent with a new done channel, closed when cancel is called or when
 * parent is done, whichever happens first. Call cancel as soon as the work is finished, to release the
 * link to the parent.
 *
 * @example
 * const jobs = chan<number>();
 * const stopped = chan<void>();
 * const [ctx, cancel] = context.withCancel(context.background());
 * go(async () => {
 *   try {
 *     // every blocking call takes ctx.signal: this receive ends when ctx is cancelled
 *     for (;;) console.log("job", await jobs.recv(ctx.signal));
 *   } catch (e) {
 *     // the receive rejects with ctx.err()
 *     console.log(e === context.Canceled); // true
 *   }
 *   stopped.close();
 * });
 * await jobs.send(1); // the worker prints "job 1"
 * cancel();
 * await stopped.recv();
 * ctx.err()?.message; // "context canceled"
 */
export function withCancel(parent: Context): [Context, CancelFunc] {
  const c = newCancelCtx(parent, "withCancel");
  return [c, () => c.cancel(true, Canceled, null)];
}

/**
 * Go: context.WithCancelCause. Like withCancel, but cancel takes a cause, which cause(ctx) reports (err()
 * is still Canceled). cancel() or cancel(null) sets the cause to Canceled.
 *
 * @example
 * const [ctx, cancel] = context.withCancelCause(context.background());
 * cancel(new Error("upstream closed"));
 * ctx.err() === context.Canceled; // true
 * (context.cause(ctx) as Error).message; // "upstream closed"
 */
export function withCancelCause(parent: Context): [Context, CancelCauseFunc] {
  const c = newCancelCtx(parent, "withCancelCause");
  return [c, (why?: unknown) => c.cancel(true, Canceled, why)];
}

/**
 * Go: context.Cause. Why ctx was cancelled: the cause given to a CancelCauseFunc (or to a *Cause
 * variant's deadline), else ctx.err(); null while ctx is not cancelled.
 *
 * @example
 * const [ctx, cancel] = context.withCancel(context.background());
 * context.cause(ctx); // null: not cancelled yet
 * cancel();
 * context.cause(ctx) === context.Canceled; // true: without a cause of its own, the cause is err()
 */
export function cause(ctx: Context): unknown {
  if (typeof (ctx as Partial<Context> | null)?.value !== "function")
    throw new TypeError(`context.cause: ctx is not a Context, got ${describe(ctx)}`);
  return causeOf(ctx);
}

/**
 * Go: context.WithDeadline. Like withCancel, and also done at `deadline`, with err() DeadlineExceeded. If
 * parent's deadline is earlier, this is just withCancel(parent). A deadline that has passed gives a
 * context that is done at once. The deadline's timer runs on the runtime of the caller, so virtual time
 * drives it under the fake clock.
 *
 * @example
 * const start = time.now();
 * const [ctx, cancel] = context.withDeadline(context.background(), start.add(2 * time.Second));
 * await ctx.done()!.recv();
 * time.durationString(time.since(start)); // "2s"
 * ctx.err() === context.DeadlineExceeded; // true
 * cancel();
 */
export function withDeadline(parent: Context, deadline: Time): [Context, CancelFunc] {
  return withDeadlineCause(parent, deadline, null);
}

/**
 * Go: context.WithDeadlineCause. withDeadline, with the cause cause(ctx) reports when the deadline passes.
 *
 * @example
 * const deadline = time.now().add(time.Second);
 * const [ctx, cancel] = context.withDeadlineCause(context.background(), deadline, new Error("slow backend"));
 * await ctx.done()!.recv();
 * ctx.err()?.message; // "context deadline exceeded"
 * (context.cause(ctx) as Error).message; // "slow backend"
 * cancel();
 */
export function withDeadlineCause(parent: Context, deadline: Time, why: unknown): [Context, CancelFunc] {
  checkParent(parent, "withDeadlineCause");
  if (!(deadline instanceof Time))
    throw new TypeError(`context: deadline must be a time.Time, got ${String(deadline)}`);
  const cur = parent.deadline();
  if (cur.ok && cur.deadline.before(deadline)) {
    // The current deadline is already sooner than the new one.
    return withCancel(parent);
  }
  const c = new TimerCtx(parent, deadline);
  c.propagateCancel(parent, c);
  const dur = until(deadline);
  if (dur <= 0) {
    c.cancel(true, DeadlineExceeded, why); // the deadline has already passed
    return [c, () => c.cancel(false, Canceled, null)];
  }
  if (c.err() === null) {
    // Go: time.AfterFunc: the callback runs in a new goroutine when the timer fires.
    c.timer = timeAfterFunc(dur, () => c.cancel(true, DeadlineExceeded, why));
  }
  return [c, () => c.cancel(true, Canceled, null)];
}

/**
 * Go: context.WithTimeout: withDeadline(parent, time.now().add(timeout)).
 *
 * @example
 * const results = chan<string>();
 * go(async () => {
 *   await time.sleep(time.Second); // too slow
 *   await results.send("done");
 * });
 * const [ctx, cancel] = context.withTimeout(context.background(), 50 * time.Millisecond);
 * try {
 *   const r = await select([recv(results), recv(ctx.done())] as const);
 *   if (r.index === 1) console.log(ctx.err()?.message); // context deadline exceeded
 *   // or simply: await results.recv(ctx.signal), which rejects with context.DeadlineExceeded at 50ms
 * } finally {
 *   cancel();
 * }
 *
 * @example The error of a context whose deadline passed is DeadlineExceeded, a DeadlineExceededError:
 * const [ctx, cancel] = context.withTimeout(context.background(), time.Millisecond);
 * await ctx.done()!.recv();
 * const err = ctx.err() as context.DeadlineExceededError;
 * err === context.DeadlineExceeded; // true
 * err.timeout(); // true
 * err.name; // "TimeoutError"
 * cancel();
 */
export function withTimeout(parent: Context, timeout: Duration | bigint): [Context, CancelFunc] {
  return withDeadlineCause(parent, now().add(timeoutArg(timeout, "withTimeout")), null);
}

/**
 * Go: context.WithTimeoutCause: withDeadlineCause(parent, time.now().add(timeout), cause).
 *
 * @example
 * const [ctx, cancel] = context.withTimeoutCause(context.background(), time.Second, "no reply from payments");
 * await ctx.done()!.recv();
 * context.cause(ctx); // "no reply from payments"
 * cancel();
 */
export function withTimeoutCause(
  parent: Context,
  timeout: Duration | bigint,
  why: unknown,
): [Context, CancelFunc] {
  return withDeadlineCause(parent, now().add(timeoutArg(timeout, "withTimeoutCause")), why);
}

/** timeout, checked as a Duration argument of context.<who> (a TypeError naming the call otherwise). */
function timeoutArg(timeout: Duration | bigint, who: string): Duration | bigint {
  if (typeof timeout === "bigint" || (typeof timeout === "number" && !Number.isNaN(timeout))) return timeout;
  if (typeof timeout === "number") throw new TypeError(`context.${who}: invalid duration NaN`);
  throw new TypeError(
    `context.${who}: timeout must be a number or bigint of nanoseconds, got ${describe(timeout)}`,
  );
}

/**
 * Go: context.WithValue. A copy of parent in which value(key) is val. Use keys of your own (a symbol, an
 * object) so that packages cannot collide. Panics with "nil key" for a null or undefined key.
 *
 * @example
 * const userKey = Symbol("user");
 * const ctx = context.withValue(context.background(), userKey, "gopher");
 * ctx.value(userKey); // "gopher"
 * context.withoutCancel(ctx).value(userKey); // "gopher": derived contexts see it too
 * ctx.value(Symbol("user")); // undefined: keys compare by identity
 */
export function withValue(parent: Context, key: unknown, val: unknown): Context {
  checkParent(parent, "withValue");
  if (key === null || key === undefined) throw new GoPanic("nil key");
  return new ValueCtx(parent, key, val);
}

/**
 * Go 1.21's context.WithoutCancel. A copy of parent that keeps its values but is never cancelled and has
 * no deadline.
 *
 * @example
 * const key = Symbol("request id");
 * const [parent, cancel] = context.withCancel(context.withValue(context.background(), key, 42));
 * const detached = context.withoutCancel(parent);
 * cancel();
 * parent.err()?.message; // "context canceled"
 * detached.err(); // null
 * detached.value(key); // 42
 */
export function withoutCancel(parent: Context): Context {
  checkParent(parent, "withoutCancel");
  return new WithoutCancelCtx(parent);
}

/**
 * Go 1.21's context.AfterFunc. Runs f in its own goroutine once ctx is done (at once if it already is).
 * The returned stop unlinks f from ctx: it returns true if that stopped f from being run, false if f has
 * already been started or stop was already called.
 *
 * @example
 * const [ctx, cancel] = context.withCancel(context.background());
 * const cleaned = chan<void>();
 * context.afterFunc(ctx, () => {
 *   console.log("cleanup after", ctx.err()?.message); // cleanup after context canceled
 *   cleaned.close();
 * });
 * const stop = context.afterFunc(ctx, () => console.log("never printed"));
 * stop(); // true: that f will not run
 * cancel();
 * await cleaned.recv();
 */
export function afterFunc(ctx: Context, f: () => unknown): () => boolean {
  checkParent(ctx, "afterFunc");
  checkFunc(f, "context.afterFunc");
  const a = new AfterFuncCtx(ctx, f);
  a.propagateCancel(ctx, a);
  return () => {
    const stopped = a.claim() !== null;
    if (stopped) a.cancel(true, Canceled, null);
    return stopped;
  };
}

/**
 * A Context that is cancelled when `signal` aborts, with signal.reason as its cause (see cause()); a
 * child of `parent` (background by default), so it is also done when parent is. Its err() is
 * DeadlineExceeded if the reason is a timeout (DeadlineExceeded itself, or a "TimeoutError" such as
 * AbortSignal.timeout's), else Canceled. An already-aborted signal gives a context that is done at once.
 * The listener it adds to signal is removed when the context is done, whatever the reason.
 *
 * @example
 * // e.g. an HTTP request's signal, which aborts when the client goes away
 * const ac = new AbortController();
 * const ctx = context.fromSignal(ac.signal);
 * ac.abort(new Error("client went away"));
 * ctx.err()?.message; // "context canceled"
 * (context.cause(ctx) as Error).message; // "client went away"
 * // a timeout reason (AbortSignal.timeout's) gives DeadlineExceeded
 * const t = new AbortController();
 * t.abort(new DOMException("timed out", "TimeoutError"));
 * context.fromSignal(t.signal).err() === context.DeadlineExceeded; // true
 */
export function fromSignal(signal: AbortSignal, parent: Context = backgroundCtx): Context {
  checkParent(parent, "fromSignal");
  checkSignal(signal, "context.fromSignal");
  const c = new SignalCtx(parent, signal);
  c.propagateCancel(parent, c);
  if (c.err() !== null) return c;
  if (signal.aborted) c.onAbort();
  else signal.addEventListener("abort", c.onAbort, { once: true });
  return c;
}
