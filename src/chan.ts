// Public: channels (Go's chan T, make(chan T, n), <-c, c <- v, close, len, cap).

import { badReceiver } from "./internal/args.ts";
import {
  chancap,
  chanlen,
  chanrecv,
  chansend,
  chantryrecv,
  chantrysend,
  closechan,
  Hchan,
  type RecvResult,
} from "./internal/runtime/chan.ts";
import { describe } from "./internal/timeargs.ts";

export type { RecvResult };

/** A channel that can be received from (Go's `<-chan T`). Timer and ticker channels are of this type. */
export interface ReceiveChan<T> {
  /** Receives a value; resolves with `undefined` once the channel is closed and drained (Go: `<-c`). */
  recv(signal?: AbortSignal): Promise<T | undefined>;
  /** Receives with Go's `v, ok`: ok is false when the channel is closed and drained. */
  recvOk(signal?: AbortSignal): Promise<RecvResult<T>>;
  /** Non-blocking receive (Go: select with default): null if no value is ready. */
  tryRecv(): RecvResult<T> | null;
  /** Number of buffered values (Go: len(c)). */
  readonly len: number;
  /** Buffer capacity (Go: cap(c)). */
  readonly cap: number;
  /** Receives until the channel is closed (Go: `for v := range c`). */
  [Symbol.asyncIterator](): AsyncIterator<T>;
  /** @internal */
  readonly hchan: Hchan;
}

/**
 * A receive channel that is never closed: the channel of a Timer, a Ticker, `time.after` and `time.tick`
 * (Go never closes them). Its receives always yield a value, so they need no `!`.
 *
 * @example
 * const t = time.newTimer(time.Second);
 * const fired: time.Time = await t.c.recv(); // no `!`: a timer channel is never closed
 * fired.sub(time.now()); // 0
 */
export interface TimerChan<T> extends ReceiveChan<T> {
  /** Receives a value (Go: `<-c`); never undefined, the channel is never closed. */
  recv(signal?: AbortSignal): Promise<T>;
  /** Receives with Go's `v, ok`; ok is always true. */
  recvOk(signal?: AbortSignal): Promise<{ value: T; ok: true }>;
  /** Non-blocking receive: null if no value is ready. */
  tryRecv(): { value: T; ok: true } | null;
}

/** A channel that can be sent to (Go's `chan<- T`). */
export interface SendChan<T> {
  /** Sends v, blocking until a receiver or buffer slot takes it; rejects with GoPanic on a closed channel. */
  send(v: T, signal?: AbortSignal): Promise<void>;
  /** Non-blocking send: false if it would block. Throws GoPanic("send on closed channel"). */
  trySend(v: T): boolean;
  /** Closes the channel; throws GoPanic("close of closed channel") if already closed. */
  close(): void;
  readonly len: number;
  readonly cap: number;
  /** @internal */
  readonly hchan: Hchan;
}

/**
 * A bidirectional channel (Go's `chan T`), made by {@link chan}.
 *
 * @example
 * const c = chan<string>(2);
 * c.trySend("a"); // true
 * await c.send("b");
 * c.trySend("c"); // false: the buffer is full
 * c.close();
 * const got: string[] = [];
 * for await (const v of c) got.push(v); // for v := range c
 * console.log(got.join(" ")); // a b
 * (await c.recvOk()).ok; // false: closed and drained
 */
export class Chan<T> implements ReceiveChan<T>, SendChan<T> {
  /** @internal */
  readonly hchan: Hchan;

  /** @internal Use chan(). */
  constructor(h: Hchan) {
    this.hchan = h;
  }

  send(v: T, signal?: AbortSignal): Promise<void> {
    const h = this?.hchan;
    if (h === undefined) return badReceiver("Chan.send", this);
    return chansend(h, v, signal) as Promise<unknown> as Promise<void>;
  }

  trySend(v: T): boolean {
    return chantrysend(this.hchan, v);
  }

  recv(signal?: AbortSignal): Promise<T | undefined> {
    const h = this?.hchan;
    if (h === undefined) return badReceiver("Chan.recv", this);
    return chanrecv<T>(h, signal, true);
  }

  recvOk(signal?: AbortSignal): Promise<RecvResult<T>> {
    const h = this?.hchan;
    if (h === undefined) return badReceiver("Chan.recvOk", this);
    return chanrecv<T>(h, signal);
  }

  tryRecv(): RecvResult<T> | null {
    return chantryrecv<T>(this.hchan);
  }

  close(): void {
    closechan(this.hchan);
  }

  get len(): number {
    return chanlen(this.hchan);
  }

  get cap(): number {
    return chancap(this.hchan);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const r = await chanrecv<T>(this.hchan);
      if (!r.ok) return;
      yield r.value;
    }
  }

  toString(): string {
    return (this.hchan as Hchan | null) === null ? "nil chan" : String(this.hchan);
  }
}

/**
 * Makes a channel (Go: make(chan T, size)). Unbuffered by default. `name` labels it in goroutine dumps
 * and deadlock reports.
 *
 * @example
 * const c = chan<number>(1);
 * await c.send(42);
 * console.log(c.len, await c.recv()); // 1 42
 */
export function chan<T>(size = 0, name?: string): Chan<T> {
  // A buffer is an array: at most 2^32 − 1 slots (Go's bound is memory: makechan panics past it).
  if (!Number.isInteger(size) || size < 0 || size > 2 ** 32 - 1)
    throw new RangeError(`chan: size out of range: ${String(size)}`);
  return new Chan<T>(new Hchan(size, name));
}

/**
 * Closes c (Go: close(c)). Panics (throws GoPanic) with "close of nil channel" for null and "close of
 * closed channel" if already closed.
 *
 * @example
 * const c = chan<number>(1);
 * await c.send(1);
 * close(c);
 * await c.recv(); // 1: buffered values are still received
 * await c.recv(); // undefined: closed and drained
 * try {
 *   close(c);
 * } catch (e) {
 *   isGoPanic(e, "close of closed channel"); // true
 * }
 */
export function close(c: SendChan<unknown> | null): void {
  if (c !== null && !(typeof c === "object" && "hchan" in c))
    throw new TypeError(`close: c is not a channel, got ${describe(c)}`);
  closechan(c === null ? null : c.hchan);
}
