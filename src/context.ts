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
// Invariants (checked by verify() when VERIFY is on):
//   k1. err === null ⇔ cause === null; once set, err and cause never change.
//   k2. a cancelled context has no children, its done channel (if created) is closed, and its signal, once
//       aborted (last thing cancel does, or on first use), has err as its reason.
//   k3. every child in a context's children set has not been cancelled yet (cancel removes it first) and
//       its parent chain leads back here (parentCancelCtx(child.parent) === this).

import { type Chan, chan, type ReceiveChan } from "./chan.ts";
import { GoPanic } from "./errors.ts";
import { go } from "./go.ts";
import { fatal, VERIFY } from "./internal/debug.ts";
import { recv, select } from "./select.ts";
import {
  type Duration,
  durationString,
  now,
  Time,
  type Timer,
  afterFunc as timeAfterFunc,
  until,
} from "./time.ts";

// ===== errors =====

/** Node's util.inspect hook (console.log), by its registered symbol: no import of node:util. */
const inspectCustom: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

/**
 * Go: context.Canceled, the error a context has after it was cancelled. Its name is "AbortError"; it
 * prints as Go prints it (`console.log(ctx.err())`, String): "context canceled", not a stack.
 */
export const Canceled: Error = Object.assign(new Error("context canceled"), {
  name: "AbortError",
  toString(this: Error): string {
    return this.message;
  },
  [inspectCustom](this: Error): string {
    return this.message;
  },
});

/**
 * The type of DeadlineExceeded (Go: deadlineExceededError, which satisfies net.Error).
 *
 * @example
 * const [ctx, cancel] = context.withTimeout(context.background(), time.Millisecond);
 * await ctx.done()!.recv();
 * const err = ctx.err() as context.DeadlineExceededError;
 * err === context.DeadlineExceeded; // true
 * err.timeout(); // true
 * err.name; // "TimeoutError"
 * cancel();
 */
export class DeadlineExceededError extends Error {
  override readonly name = "TimeoutError";
  /** Go's Error(): "context deadline exceeded" (console.log prints this too, not a stack). */
  override toString(): string {
    return this.message;
  }
  [inspectCustom](): string {
    return this.message;
  }
  /** Go: Timeout() bool. */
  timeout(): boolean {
    return true;
  }
  /** Go: Temporary() bool. */
  temporary(): boolean {
    return true;
  }
}

/** Go: context.DeadlineExceeded, the error a context has after its deadline passed. */
export const DeadlineExceeded: DeadlineExceededError = new DeadlineExceededError("context deadline exceeded");

// ===== the interface =====

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

/** The key under which a cancelCtx answers value() with itself (Go: &cancelCtxKey). */
const cancelCtxKey: unique symbol = Symbol("cancelCtxKey");

/** What deadline() reports without a deadline: the zero Time. */
const noDeadline: { deadline: Time; ok: boolean } = Object.freeze({ deadline: new Time(), ok: false });

/** A signal that never aborts, for contexts that are never cancelled. */
let neverSignal: AbortSignal | null = null;

function never(): AbortSignal {
  if (neverSignal === null) neverSignal = new AbortController().signal;
  return neverSignal;
}

/** A channel closed once, shared by contexts cancelled before anyone asked for their channel. */
const closedchan: Chan<void> = chan<void>(0, "context.closedchan");
closedchan.close();

// ===== background, TODO =====

class EmptyCtx implements Context {
  private readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  deadline(): { deadline: Time; ok: boolean } {
    return noDeadline;
  }
  done(): null {
    return null;
  }
  err(): null {
    return null;
  }
  value(_key: unknown): undefined {
    return undefined;
  }
  get signal(): AbortSignal {
    return never();
  }
  toString(): string {
    return this.name;
  }
}

const backgroundCtx = new EmptyCtx("context.Background");
const todoCtx = new EmptyCtx("context.TODO");

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

// ===== cancelCtx =====

interface Canceler {
  cancel(removeFromParent: boolean, err: Error, cause: unknown): void;
  done(): ReceiveChan<void> | null;
}

/** Go: cancelCtx. Can be cancelled; cancelling it cancels its children. */
class CancelCtx implements Context, Canceler {
  readonly parent: Context;
  /** The done channel, created lazily (closedchan if cancelled before anyone asked). */
  private d: Chan<void> | null = null;
  children: Set<Canceler> | null = null;
  private e: Error | null = null;
  private c: unknown = null;
  private ac: AbortController | null = null;
  /** The stop function of the parent's afterFunc this context is cancelled through (Go: stopCtx), or null. */
  private stopParent: (() => boolean) | null = null;

  constructor(parent: Context) {
    this.parent = parent;
  }

  deadline(): { deadline: Time; ok: boolean } {
    return this.parent.deadline();
  }

  value(key: unknown): unknown {
    return lookup(this, key);
  }

  done(): Chan<void> {
    if (this.d === null) this.d = this.e !== null ? closedchan : chan<void>(0, `${contextName(this)}.done`);
    return this.d;
  }

  /** The done channel if someone asked for it (Go: c.done.Load()). */
  doneIfCreated(): Chan<void> | null {
    return this.d;
  }

  err(): Error | null {
    return this.e;
  }

  /** The cause, null while not cancelled. */
  causeValue(): unknown {
    return this.c;
  }

  get signal(): AbortSignal {
    if (this.ac === null) {
      this.ac = new AbortController();
      if (this.e !== null) this.ac.abort(this.e);
    }
    return this.ac.signal;
  }

  /**
   * Go: propagateCancel. Arranges for child to be cancelled when this context's parent is: cancel it now
   * if the parent already is, join the nearest standard ancestor's children, or, for a foreign Context
   * implementation, start a goroutine that waits for either to be done.
   */
  propagateCancel(parent: Context, child: Canceler): void {
    const done = parent.done();
    if (done === null) return; // the parent is never cancelled
    if (done.tryRecv() !== null) {
      // The parent is already cancelled.
      child.cancel(false, parent.err()!, cause(parent));
      return;
    }
    const p = parentCancelCtx(parent);
    if (p !== null) {
      if (p.e !== null) child.cancel(false, p.e, p.c);
      else {
        if (p.children === null) p.children = new Set();
        p.children.add(child);
      }
      if (VERIFY) p.verify();
      return;
    }
    if (typeof parent.afterFunc === "function") {
      // Go's afterFuncer: the parent runs the cancellation itself; cancelling this context stops it
      // (Go: c.Context = stopCtx{parent, stop}, which removeChild calls).
      this.stopParent = parent.afterFunc(() => child.cancel(false, parent.err()!, cause(parent)));
      return;
    }
    go(async () => {
      const childDone = child.done();
      const r = await select([recv(done), recv(childDone)] as const);
      if (r.index === 0) child.cancel(false, parent.err()!, cause(parent));
    });
  }

  /**
   * Go: (*cancelCtx).cancel. Sets err and cause (cause defaults to err), closes done, aborts the signal,
   * cancels every child, and, if removeFromParent, leaves the parent's children.
   */
  cancel(removeFromParent: boolean, err: Error, cause: unknown): void {
    if (err === null || err === undefined) throw new GoPanic("context: internal error: missing cancel error");
    if (cause === null || cause === undefined) cause = err;
    if (this.e !== null) return; // already cancelled
    this.e = err;
    this.c = cause;
    if (this.d === null) this.d = closedchan;
    else this.d.close();
    const children = this.children;
    this.children = null;
    if (children !== null) for (const child of children) child.cancel(false, err, cause);
    if (removeFromParent) this.leaveParent();
    if (VERIFY) this.verify();
    // Last: abort listeners run synchronously and may look at this context and its descendants.
    this.ac?.abort(err);
  }

  /** Go: removeChild(c.Context, c): stop the parent's afterFunc (stopCtx), or leave its children. */
  protected leaveParent(): void {
    const stop = this.stopParent;
    if (stop !== null) {
      this.stopParent = null;
      stop();
    } else removeChild(this.parent, this);
  }

  toString(): string {
    return `${contextName(this.parent)}.WithCancel`;
  }

  /** Checks k1–k3 for this context. */
  verify(): void {
    if ((this.e === null) !== (this.c === null)) fatal(`${this}: k1: err and cause disagree`);
    if (this.e !== null) {
      if (this.children !== null && this.children.size > 0) fatal(`${this}: k2: cancelled with children`);
      if (this.d !== null && !this.d.hchan.closed) fatal(`${this}: k2: cancelled, done open`);
      if (this.ac?.signal.aborted && this.ac.signal.reason !== this.e)
        fatal(`${this}: k2: signal aborted with a reason other than err`);
    }
    if (this.children !== null)
      for (const child of this.children) {
        if (child instanceof CancelCtx) {
          if (child.e !== null) fatal(`${this}: k3: a cancelled child is still linked`);
          if (parentCancelCtx(child.parent) !== this)
            fatal(`${this}: k3: child's parent chain leads elsewhere`);
        }
      }
  }
}

/**
 * Go: parentCancelCtx. The nearest standard cancelCtx ancestor whose done channel is the one parent
 * reports (so a foreign Context wrapping it with its own channel is not bypassed), or null.
 */
function parentCancelCtx(parent: Context): CancelCtx | null {
  const done = parent.done();
  if (done === closedchan || done === null) return null;
  const p = parent.value(cancelCtxKey);
  if (!(p instanceof CancelCtx)) return null;
  if (p.doneIfCreated() !== done) return null;
  return p;
}

/** Go: removeChild. */
function removeChild(parent: Context, child: Canceler): void {
  const p = parentCancelCtx(parent);
  if (p === null) return;
  p.children?.delete(child);
}

/** A cancellable child of parent, already linked into the tree. */
function newCancelCtx(parent: Context | null | undefined): CancelCtx {
  if (parent === null || parent === undefined) throw new GoPanic("cannot create context from nil parent");
  const c = new CancelCtx(parent);
  c.propagateCancel(parent, c);
  return c;
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
  const c = newCancelCtx(parent);
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
  const c = newCancelCtx(parent);
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
  const cc = ctx.value(cancelCtxKey);
  if (cc instanceof CancelCtx) return cc.causeValue();
  // Not under a standard cancelCtx: a foreign Context may still have an error, but no cause.
  return ctx.err();
}

// ===== timerCtx =====

/** Go: timerCtx. A cancelCtx with a deadline, and a timer that cancels it then. */
class TimerCtx extends CancelCtx {
  readonly dl: Time;
  timer: Timer | null = null;

  constructor(parent: Context, deadline: Time) {
    super(parent);
    this.dl = deadline;
  }

  override deadline(): { deadline: Time; ok: boolean } {
    return { deadline: this.dl, ok: true };
  }

  override cancel(removeFromParent: boolean, err: Error, cause: unknown): void {
    super.cancel(false, err, cause);
    if (removeFromParent) this.leaveParent();
    if (this.timer !== null) {
      this.timer.stop();
      this.timer = null;
    }
  }

  override toString(): string {
    return `${contextName(this.parent)}.WithDeadline(${this.dl} [${durationString(until(this.dl))}])`;
  }
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
  if (parent === null || parent === undefined) throw new GoPanic("cannot create context from nil parent");
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
 */
export function withTimeout(parent: Context, timeout: Duration | bigint): [Context, CancelFunc] {
  return withDeadlineCause(parent, now().add(timeout), null);
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
  return withDeadlineCause(parent, now().add(timeout), why);
}

// ===== valueCtx, withoutCancel =====

/** Go: valueCtx. Carries one key-value pair; delegates everything else to its parent. */
class ValueCtx implements Context {
  readonly parent: Context;
  readonly key: unknown;
  readonly val: unknown;
  constructor(parent: Context, key: unknown, val: unknown) {
    this.parent = parent;
    this.key = key;
    this.val = val;
  }
  deadline(): { deadline: Time; ok: boolean } {
    return this.parent.deadline();
  }
  done(): ReceiveChan<void> | null {
    return this.parent.done();
  }
  err(): Error | null {
    return this.parent.err();
  }
  value(key: unknown): unknown {
    return lookup(this, key);
  }
  get signal(): AbortSignal {
    return this.parent.signal;
  }
  toString(): string {
    return `${contextName(this.parent)}.WithValue(${stringify(this.key)}, ${stringify(this.val)})`;
  }
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
  if (parent === null || parent === undefined) throw new GoPanic("cannot create context from nil parent");
  if (key === null || key === undefined) throw new GoPanic("nil key");
  return new ValueCtx(parent, key, val);
}

/** Go: withoutCancelCtx. */
class WithoutCancelCtx implements Context {
  readonly parent: Context;
  constructor(parent: Context) {
    this.parent = parent;
  }
  deadline(): { deadline: Time; ok: boolean } {
    return noDeadline;
  }
  done(): null {
    return null;
  }
  err(): null {
    return null;
  }
  value(key: unknown): unknown {
    return lookup(this, key);
  }
  get signal(): AbortSignal {
    return never();
  }
  toString(): string {
    return `${contextName(this.parent)}.WithoutCancel`;
  }
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
  if (parent === null || parent === undefined) throw new GoPanic("cannot create context from nil parent");
  return new WithoutCancelCtx(parent);
}

/** Go: value(). Walks the chain of standard contexts without recursion; asks a foreign one directly. */
function lookup(c: Context, key: unknown): unknown {
  if (key === null || key === undefined) throw new GoPanic("nil key");
  for (;;) {
    if (c instanceof ValueCtx) {
      if (c.key === key) return c.val;
      c = c.parent;
    } else if (c instanceof CancelCtx) {
      if (key === cancelCtxKey) return c;
      c = c.parent;
    } else if (c instanceof WithoutCancelCtx) {
      if (key === cancelCtxKey) return undefined; // the chain of cancellation stops here
      c = c.parent;
    } else if (c instanceof EmptyCtx) {
      return undefined;
    } else {
      return c.value(key);
    }
  }
}

// ===== AfterFunc =====

/** Go: afterFuncCtx. A cancelCtx whose cancellation runs f once, in a new goroutine. */
class AfterFuncCtx extends CancelCtx {
  private f: (() => unknown) | null;

  constructor(parent: Context, f: () => unknown) {
    super(parent);
    this.f = f;
  }

  /** Claims f (Go: a.once.Do): returns it the first time, null after. */
  claim(): (() => unknown) | null {
    const f = this.f;
    this.f = null;
    return f;
  }

  override cancel(removeFromParent: boolean, err: Error, cause: unknown): void {
    super.cancel(false, err, cause);
    if (removeFromParent) this.leaveParent();
    const f = this.claim();
    if (f !== null) go(f);
  }
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
  if (ctx === null || ctx === undefined) throw new GoPanic("cannot create context from nil parent");
  const a = new AfterFuncCtx(ctx, f);
  a.propagateCancel(ctx, a);
  return () => {
    const stopped = a.claim() !== null;
    if (stopped) a.cancel(true, Canceled, null);
    return stopped;
  };
}

// ===== AbortSignal bridge =====

/** A reason that means a timeout: DeadlineExceeded, or a "TimeoutError" (AbortSignal.timeout's). */
function errForReason(reason: unknown): Error {
  return reason === DeadlineExceeded || (reason instanceof Error && reason.name === "TimeoutError")
    ? DeadlineExceeded
    : Canceled;
}

/** A cancelCtx cancelled by an AbortSignal; it stops listening once cancelled, however that happens. */
class SignalCtx extends CancelCtx {
  private readonly sig: AbortSignal;
  readonly onAbort = (): void => this.cancel(true, errForReason(this.sig.reason), this.sig.reason);

  constructor(parent: Context, sig: AbortSignal) {
    super(parent);
    this.sig = sig;
  }

  override cancel(removeFromParent: boolean, err: Error, cause: unknown): void {
    super.cancel(removeFromParent, err, cause);
    this.sig.removeEventListener("abort", this.onAbort);
  }

  override toString(): string {
    return `${contextName(this.parent)}.FromSignal`;
  }
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
  if (parent === null || parent === undefined) throw new GoPanic("cannot create context from nil parent");
  const c = new SignalCtx(parent, signal);
  c.propagateCancel(parent, c);
  if (c.err() !== null) return c;
  if (signal.aborted) c.onAbort();
  else signal.addEventListener("abort", c.onAbort, { once: true });
  return c;
}

// ===== names =====

function contextName(c: Context): string {
  const s = (c as { toString?: () => string }).toString?.();
  return s !== undefined && s !== "[object Object]" ? s : "context";
}

/**
 * Go's context.stringify: a Stringer's String(), a string as itself, nil as "<nil>", anything else its
 * type's name. Here a value with a toString of its own (a class's, a Date's) is the Stringer; a symbol
 * (JavaScript's usual context key) prints as Symbol(description); anything else prints its type: number,
 * boolean, bigint, function, or the object's class (Object, Array, Map).
 */
function stringify(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "symbol") return v.toString();
  if (typeof v === "object") {
    const own = (v as { toString?: unknown }).toString;
    if (typeof own === "function" && own !== Object.prototype.toString && own !== Array.prototype.toString)
      return String(v);
    return (v as { constructor?: { name?: string } }).constructor?.name || "Object";
  }
  return typeof v;
}
