// Go's package context, its implementation (go1.23 src/context/context.go): the context types (emptyCtx,
// cancelCtx, timerCtx, valueCtx, withoutCancelCtx, afterFuncCtx, and SignalCtx, gort's bridge from an
// AbortSignal), how cancellation propagates down the tree, and how contexts print. The public module
// (src/context.ts) holds the API: the Context interface and the functions that make contexts.
//
// Invariants (checked by CancelCtx.verify() when VERIFY is on):
//   k1. err === null ⇔ cause === null; once set, err and cause never change.
//   k2. a cancelled context has no children, its done channel (if created) is closed, and its signal, once
//       aborted (last thing cancel does, or on first use), has err as its reason.
//   k3. every child in a context's children set has not been cancelled yet (cancel removes it first) and
//       its parent chain leads back here (parentCancelCtx(child.parent) === this).

import { type Chan, chan, type ReceiveChan } from "../chan.ts";
import type { Context } from "../context.ts";
import { GoPanic } from "../errors.ts";
import { go } from "../go.ts";
import { recv, select } from "../select.ts";
import { durationString, Time, type Timer, until } from "../time.ts";
import { fatal, VERIFY } from "./debug.ts";
import { describe } from "./timeargs.ts";

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

/** The type of DeadlineExceeded (Go: deadlineExceededError, which satisfies net.Error). */
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

// ===== shared values =====

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

export const backgroundCtx = new EmptyCtx("context.Background");
export const todoCtx = new EmptyCtx("context.TODO");

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
    if (this.d === null) {
      if (this.e !== null) this.d = closedchan;
      else {
        // Named (no chan#N number taken) after the context, lazily: its name may format a deadline.
        this.d = chan<void>(0, "");
        this.d.hchan.nameLazily(() => `${contextName(this)}.done`);
      }
    }
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
      child.cancel(false, parent.err()!, causeOf(parent));
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
      this.stopParent = parent.afterFunc(() => child.cancel(false, parent.err()!, causeOf(parent)));
      return;
    }
    go(async () => {
      const childDone = child.done();
      const r = await select([recv(done), recv(childDone)] as const);
      if (r.index === 0) child.cancel(false, parent.err()!, causeOf(parent));
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

/**
 * Go's panic for a nil parent; a TypeError naming the call (context.<who>, or who itself when it names its
 * package: signal.notifyContext) for anything else that is not a Context (an object with deadline, done,
 * err and value methods).
 */
export function checkParent(parent: unknown, who: string): asserts parent is Context {
  if (parent === null || parent === undefined) throw new GoPanic("cannot create context from nil parent");
  const c = parent as Partial<Context>;
  if (
    typeof parent !== "object" ||
    typeof c.deadline !== "function" ||
    typeof c.done !== "function" ||
    typeof c.err !== "function" ||
    typeof c.value !== "function"
  )
    throw new TypeError(
      `${who.includes(".") ? who : `context.${who}`}: parent is not a Context (deadline, done, err, value), got ${describe(parent)}`,
    );
}

/** A cancellable child of parent, already linked into the tree. */
export function newCancelCtx(parent: Context | null | undefined, who: string): CancelCtx {
  checkParent(parent, who);
  const c = new CancelCtx(parent);
  c.propagateCancel(parent, c);
  return c;
}

// ===== timerCtx =====

/** Go: timerCtx. A cancelCtx with a deadline, and a timer that cancels it then. */
export class TimerCtx extends CancelCtx {
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

// ===== valueCtx, withoutCancel =====

/** Go: valueCtx. Carries one key-value pair; delegates everything else to its parent. */
export class ValueCtx implements Context {
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

/** Go: withoutCancelCtx. */
export class WithoutCancelCtx implements Context {
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
export class AfterFuncCtx extends CancelCtx {
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

// ===== AbortSignal bridge =====

/** A reason that means a timeout: DeadlineExceeded, or a "TimeoutError" (AbortSignal.timeout's). */
function errForReason(reason: unknown): Error {
  return reason === DeadlineExceeded || (reason instanceof Error && reason.name === "TimeoutError")
    ? DeadlineExceeded
    : Canceled;
}

/** A cancelCtx cancelled by an AbortSignal; it stops listening once cancelled, however that happens. */
export class SignalCtx extends CancelCtx {
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

/** Go: context.Cause (the public cause() in src/context.ts). */
export function causeOf(ctx: Context): unknown {
  const cc = ctx.value(cancelCtxKey);
  if (cc instanceof CancelCtx) return cc.causeValue();
  // Not under a standard cancelCtx: a foreign Context may still have an error, but no cause.
  return ctx.err();
}
