// Port of go1.23 src/runtime/chan.go: channels (hchan), their wait queues of sudogs, and the hooks that
// make Go 1.23 timer channels lazy and synchronous-looking (docs/design/timers.md §7).
//
// A channel has a ring buffer of `dataqsiz` slots and two FIFO wait queues of sudogs: goroutines blocked
// sending (with the value) and receiving. A send to a channel with a waiting receiver hands the value to
// the receiver directly and readies it (it runs next, Go's runnext hand-off); a receive from a channel
// with a waiting sender takes the buffer's head and moves the sender's value to the tail (or takes the
// sender's value directly when unbuffered).
//
//     recvq: sg ⇄ sg ⇄ sg        buf: [ recvx … sendx )        sendq: sg ⇄ sg
//
// A timer channel (`timer !== null`) has one buffer slot that only its timer fills, reports len and cap
// 0, and asks its timer to fire lazily on every receive (maybeRunChan) and to join a heap while someone is
// blocked on it (blockTimerChan/unblockTimerChan).
//
// Invariants (checked by verify):
//   c1. 0 <= qcount <= dataqsiz; sendx === (recvx + qcount) % dataqsiz when dataqsiz > 0.
//   c2. recvq non-empty ⇒ qcount === 0 (or every waiter is a select that already lost); sendq non-empty ⇒
//       qcount === dataqsiz.
//   c3. closed ⇒ sendq holds no live (non-select-lost) sender.
//   c4. every sudog in a queue belongs to a waiting goroutine, and points back to this channel.
//   b1. bubble is null or a synctest bubble's runtime; only code of that bubble operates on the channel
//       (send, receive, close, select: anything else fails with Go's fatal error, before any change).
//   b2. a live waiter whose goroutine belongs to a bubble other than `bubble` is marked foreignWait (not
//       durably blocked: outside code may wake it, so the bubble's time holds; park.ts pk5).

import {
  GoPanic,
  msgCloseOfClosed,
  msgCloseOfNil,
  msgCloseOutsideBubble,
  msgRecvOutsideBubble,
  msgSendOnClosed,
  msgSendOutsideBubble,
} from "../../errors.ts";
import { signalGate } from "../args.ts";
import { fatal, VERIFY } from "../debug.ts";
import {
  _Gwaiting,
  type G,
  waitReasonChanReceive,
  waitReasonChanReceiveNilChan,
  waitReasonChanSend,
  waitReasonChanSendNilChan,
} from "./g.ts";
import { contextBubble, contextRuntime } from "./getg.ts";
import { currentRuntime, getg, maybePreempt, type Sched } from "./proc.ts";
import type { Timer, TimerChan } from "./timer.ts";

/** Go: sudog. A goroutine waiting on one channel (one per case for a select). */
export class Sudog {
  g: G;
  c: Hchan;
  /** The value to send, or the value received. */
  elem: unknown;
  /** Whether the operation completed (false: woken because the channel closed). */
  success = false;
  isSelect: boolean;
  /** The select case this sudog stands for. */
  caseIndex: number;
  prev: Sudog | null = null;
  next: Sudog | null = null;
  /** Whether it is in c's recvq or sendq right now. */
  queued = false;
  /** A receive (else a send). */
  isRecv: boolean;
  /** A receive whose park resolves with the bare value (Chan.recv), not {value, ok}: no reaction to unwrap it. */
  valueOnly = false;

  constructor(g: G, c: Hchan, elem: unknown, isRecv: boolean, isSelect: boolean, caseIndex: number) {
    this.g = g;
    this.c = c;
    this.elem = elem;
    this.isRecv = isRecv;
    this.isSelect = isSelect;
    this.caseIndex = caseIndex;
  }
}

/**
 * Go: acquireSudog. The sudog of a goroutine's blocking send or receive (not a select's): its own cached
 * one, unless that is still queued (a park it did not await), so a goroutine blocking over and over
 * allocates one. A sudog is free again once dequeued: the goroutine it readied can only block again after
 * it ran.
 */
function acquireSudog(gp: G, c: Hchan, elem: unknown, isRecv: boolean): Sudog {
  const sg = gp.sudog;
  if (sg === null || sg.queued) {
    const fresh = new Sudog(gp, c, elem, isRecv, false, 0);
    gp.sudog = fresh;
    return fresh;
  }
  sg.c = c;
  sg.elem = elem;
  sg.success = false;
  sg.isRecv = isRecv;
  sg.valueOnly = false;
  sg.prev = null;
  sg.next = null;
  return sg;
}

/** Go: waitq. A FIFO doubly-linked list of sudogs. */
export class WaitQ {
  first: Sudog | null = null;
  last: Sudog | null = null;

  enqueue(sg: Sudog): void {
    sg.next = null;
    sg.prev = this.last;
    if (this.last === null) this.first = sg;
    else this.last.next = sg;
    this.last = sg;
    sg.queued = true;
  }

  /**
   * Go: (*waitq).dequeue. Pops the first sudog whose goroutine can still take it: a select that another
   * case already won is skipped (its sudog is dropped; its goroutine removes the rest itself).
   */
  dequeue(): Sudog | null {
    for (;;) {
      const sg = this.first;
      if (sg === null) return null;
      this.remove(sg);
      if (sg.isSelect) {
        if (sg.g.selectDone) continue;
        sg.g.selectDone = true;
      }
      return sg;
    }
  }

  /** Go: dequeueSudoG. Unlinks sg. */
  remove(sg: Sudog): void {
    const { prev, next } = sg;
    if (prev === null) this.first = next;
    else prev.next = next;
    if (next === null) this.last = prev;
    else next.prev = prev;
    sg.prev = null;
    sg.next = null;
    sg.queued = false;
  }

  empty(): boolean {
    return this.first === null;
  }

  /** Whether a live waiter exists (not a select already won). */
  hasLive(): boolean {
    for (let sg = this.first; sg !== null; sg = sg.next) if (!sg.isSelect || !sg.g.selectDone) return true;
    return false;
  }
}

let nextChanId = 1;

const resolvedTrue: Promise<boolean> = Promise.resolve(true);

/**
 * Whether x is a channel's Hchan: one of this copy of gort, or structurally one of another copy (their
 * goroutines do not see each other's, host.ts, but a channel passed between them works as it did).
 */
export function isHchan(x: unknown): x is Hchan {
  return x instanceof Hchan || (typeof x === "object" && x !== null && "recvq" in x && "sendq" in x);
}

/** Go: hchan. */
export class Hchan implements TimerChan {
  qcount = 0;
  readonly dataqsiz: number;
  /** Ring buffer (allocated lazily for cap > 0). */
  buf: unknown[];
  sendx = 0;
  recvx = 0;
  closed = false;
  readonly recvq = new WaitQ();
  readonly sendq = new WaitQ();
  /** The timer feeding this channel, for time.Timer/Ticker channels (immutable once set). */
  timer: Timer | null = null;
  /**
   * The synctest bubble the channel was made in, or null (Go: hchan.bubble, b1): only its code may use it,
   * and its goroutines blocked on it are durably blocked; blocked on any other, they are not.
   */
  readonly bubble: Sched | null;
  /** The number of an unnamed channel (1 for a program's first), 0 for a named one. */
  readonly id: number;
  /** The name given at creation, or null (then `name` is made from the number when first asked for). */
  private given: string | null;

  /** `bubble`: the bubble it belongs to; by default the one of the code making it (Go's makechan). */
  constructor(size: number, name?: string, bubble?: Sched | null) {
    this.dataqsiz = size;
    this.bubble = bubble === undefined ? contextBubble() : bubble;
    this.buf = size > 0 ? new Array(size) : [];
    // Only unnamed channels take a number, so gort's own named channels (context.closedchan, made at
    // load time) do not shift a program's: its first channel is chan#1.
    this.id = name === undefined ? nextChanId++ : 0;
    this.given = name ?? null;
  }

  /** Makes the name when a report first asks for it (named: it takes no number). */
  private lazyName: (() => string) | null = null;

  /**
   * Names the channel with what f returns, called only when a report first asks: a context's done channel
   * is named after the context, whose deadline formats in the local zone (the first Intl zone lookup of a
   * process costs tens of ms, which a first request should not pay).
   */
  nameLazily(f: () => string): void {
    this.given = null;
    this.lazyName = f;
  }

  /** A name for dumps ("chan#3" by default: made only when a report asks, not for every channel). */
  get name(): string {
    if (this.given === null && this.lazyName !== null) {
      this.given = this.lazyName();
      this.lazyName = null;
    }
    return this.given ?? `chan#${this.id}`;
  }

  toString(): string {
    return this.timer !== null ? `${this.name} (timer)` : `${this.name} (cap ${this.dataqsiz})`;
  }

  /** Go: timerchandrain. Discards a buffered timer value; returns whether there was one. */
  timerchandrain(): boolean {
    if (this.qcount === 0) return false;
    this.buf[this.recvx] = undefined;
    this.qcount = 0;
    this.recvx = 0;
    this.sendx = 0;
    return true;
  }

  /** Go: full. */
  full(): boolean {
    if (this.dataqsiz === 0) return this.recvq.first === null;
    return this.qcount === this.dataqsiz;
  }

  /**
   * For a timer's channel whose runtime has stopped, the error a receive gets: its timer will never fire
   * on its own clock (timechan.ts). Null for every other channel.
   */
  timerStoppedError(): Error | null {
    return null;
  }

  /** Go: empty (the non-blocking receive fast path's test; runs a lazy timer first). */
  empty(): boolean {
    if (this.timer !== null) {
      const e = this.timerStoppedError();
      if (e !== null) throw e;
      this.timer.maybeRunChan();
    }
    if (this.dataqsiz === 0) return this.sendq.first === null;
    return this.qcount === 0;
  }

  bufPut(v: unknown): void {
    this.buf[this.sendx] = v;
    if (++this.sendx === this.dataqsiz) this.sendx = 0;
    this.qcount++;
  }

  bufTake(): unknown {
    const v = this.buf[this.recvx];
    this.buf[this.recvx] = undefined;
    if (++this.recvx === this.dataqsiz) this.recvx = 0;
    this.qcount--;
    return v;
  }

  /** Checks c1–c4, b1 (the bubble half) and b2. */
  verify(): void {
    if (this.bubble !== null && this.bubble.nodeTimers === null) fatal(`${this}: b1: bubble is not a bubble`);
    if (this.qcount < 0 || this.qcount > this.dataqsiz) fatal(`${this}: c1: qcount ${this.qcount}`);
    if (this.dataqsiz > 0 && this.sendx !== (this.recvx + this.qcount) % this.dataqsiz)
      fatal(`${this}: c1: sendx/recvx`);
    if (this.recvq.hasLive() && this.qcount > 0) fatal(`${this}: c2: receivers wait on a non-empty buffer`);
    if (this.sendq.hasLive() && this.qcount < this.dataqsiz) fatal(`${this}: c2: senders wait with room`);
    if (this.closed && this.sendq.hasLive()) fatal(`${this}: c3: senders wait on a closed channel`);
    for (const q of [this.recvq, this.sendq]) {
      for (let sg = q.first; sg !== null; sg = sg.next) {
        if (sg.c !== this) fatal(`${this}: c4: foreign sudog`);
        if (sg.g.status !== _Gwaiting && !(sg.isSelect && sg.g.selectDone))
          fatal(`${this}: c4: waiter not waiting`);
        if (sg.g.rt.nodeTimers !== null && sg.g.rt !== this.bubble && !sg.g.foreignWait && !sg.g.selectDone)
          fatal(
            `${this}: b2: g${sg.g.goid} of a bubble waits on a channel from outside it, taken as durable`,
          );
      }
    }
  }
}

/** The goroutine making a blocking call: the running one, or a stand-in for code outside goroutines. */
export function callerG(): G {
  const gp = getg();
  return gp !== null ? gp : currentRuntime().externalG();
}

function rtOf(gp: G): Sched {
  return gp.rt;
}

/**
 * Readies the goroutine behind sg (already dequeued). Its park resolves with what the operation returns:
 * {value, ok} for a receive, true for a send (false: the channel closed, see sendParked); a select
 * gets the sudog and finishes in its own goroutine (selectgo's pass 3).
 */
export function readySudog(sg: Sudog): void {
  const rt = rtOf(sg.g);
  if (sg.isSelect) {
    rt.goready(sg.g, sg);
  } else if (sg.isRecv) {
    // Go: unblockTimerChan runs when the receiver wakes (execute does it then), not now: until then the
    // timer keeps its heap entry, and a timer added meanwhile (cleanHead) must not find it a zombie and
    // drop it, to be re-added behind timers due at the same instant.
    if (sg.c.timer !== null) sg.g.unblockOnRun = sg.c.timer;
    if (sg.valueOnly) rt.goready(sg.g, sg.success ? sg.elem : undefined);
    else rt.goready(sg.g, sg.success ? { value: sg.elem, ok: true } : closedResult);
  } else if (sg.success) {
    rt.goready(sg.g, true);
  } else if (rt.spawnSites) {
    // The channel closed while it waited: sendParked panics in the sender's own stack.
    rt.goready(sg.g, false);
  } else {
    rt.goreadyErr(sg.g, new GoPanic(msgSendOnClosed));
  }
}

/** b1: c belongs to a bubble the current code is not in (Go: c.bubble != nil && getg().bubble != c.bubble). */
export function outsideBubble(c: Hchan): boolean {
  return c.bubble !== null && contextRuntime() !== c.bubble;
}

/**
 * gp, a goroutine of rt, parks on channels one of which is not rt's bubble's (b2): if rt is a bubble, gp is
 * not durably blocked until readied (park.ts goready), so the bubble's time holds meanwhile.
 */
export function parkForeign(rt: Sched, gp: G): void {
  if (rt.nodeTimers === null || gp.foreignWait) return;
  gp.foreignWait = true;
  rt.nforeign++;
}

function panicPromise<T>(msg: string): Promise<T> {
  return Promise.reject(new GoPanic(msg));
}

// ===== send =====

/**
 * Go: chansend with block = true. Resolves when the value was delivered (to a receiver or the buffer);
 * rejects with GoPanic("send on closed channel").
 */
export function chansend(c: Hchan | null, v: unknown, signal?: AbortSignal): Promise<boolean> {
  const gate = signalGate(signal, "chan.send");
  if (gate !== null) return gate;
  if (c === null) return parkForever(waitReasonChanSendNilChan, signal);
  if (c.bubble !== null && outsideBubble(c)) return panicPromise(msgSendOutsideBubble);
  if (c.closed) return panicPromise(msgSendOnClosed);
  if (trySendLocked(c, v)) return maybePreempt(true) ?? resolvedTrue;
  const gp = callerG();
  const sg = acquireSudog(gp, c, v, false);
  c.sendq.enqueue(sg);
  if (c.bubble !== gp.rt) parkForeign(gp.rt, gp);
  const p = rtOf(gp).gopark(gp, waitReasonChanSend, c) as Promise<boolean>;
  if (VERIFY) c.verify();
  if (signal !== undefined) rtOf(gp).abortable(gp, signal, () => sg.queued && c.sendq.remove(sg));
  return rtOf(gp).spawnSites ? p.then(sendParked) : p;
}

/**
 * The end of a blocked send. A close while it waited resolves the park with false, and the panic is made
 * here, in a reaction to the park: V8's async stack trace follows the chained promise to the goroutine's
 * own `await c.send(v)`, so the report points at the send (as Go's does), not at the close in another
 * goroutine. It costs a promise reaction per blocked send, so like creation sites it is debugging
 * information a runtime made with `spawnSites: false` goes without (its panic then carries the closer's
 * stack).
 */
function sendParked(sent: boolean): boolean {
  if (!sent) throw new GoPanic(msgSendOnClosed);
  return true;
}

/** Parks forever (a nil channel), unless signal aborts. */
function parkForever(reason: string, signal?: AbortSignal): Promise<never> {
  const gp = callerG();
  const p = rtOf(gp).gopark(gp, reason, null) as Promise<never>;
  if (signal !== undefined) rtOf(gp).abortable(gp, signal, () => {});
  return p;
}

/** Go: chansend with block = false (select with default). Throws GoPanic on a closed channel. */
export function chantrysend(c: Hchan | null, v: unknown): boolean {
  if (c === null) return false;
  if (c.bubble !== null && outsideBubble(c)) throw new GoPanic(msgSendOutsideBubble);
  if (c.closed) throw new GoPanic(msgSendOnClosed);
  return trySendLocked(c, v);
}

/** The non-blocking part of a send on an open channel: hand-off to a receiver, or buffer. */
function trySendLocked(c: Hchan, v: unknown): boolean {
  const sg = c.recvq.dequeue();
  if (sg !== null) {
    sg.elem = v;
    sg.success = true;
    readySudog(sg);
    if (VERIFY) c.verify();
    return true;
  }
  if (c.qcount < c.dataqsiz) {
    c.bufPut(v);
    if (VERIFY) c.verify();
    return true;
  }
  return false;
}

/** A timer's non-blocking send of its value (Go: sendTime's select with default). */
export function timerSend(c: Hchan, v: unknown): void {
  const sg = c.recvq.dequeue();
  if (sg !== null) {
    sg.elem = v;
    sg.success = true;
    readySudog(sg);
  } else if (c.qcount < 1) {
    c.bufPut(v);
  }
}

// ===== receive =====

/**
 * The result of a receive: Go's `v, ok`. Discriminated by ok: after `if (!r.ok) return`, r.value is a T.
 */
export type RecvResult<T> = { value: T; ok: true } | { value: undefined; ok: false };

export const closedResult: RecvResult<never> = Object.freeze({ value: undefined, ok: false });

/**
 * Go: chanrecv with block = true. Resolves with {value, ok}; ok is false (and value undefined) when the
 * channel is closed and drained.
 */
export function chanrecv<T>(c: Hchan | null, signal?: AbortSignal): Promise<RecvResult<T>>;
/** With valueOnly, resolves with the value alone (undefined once closed and drained): Chan.recv. */
export function chanrecv<T>(
  c: Hchan | null,
  signal: AbortSignal | undefined,
  valueOnly: true,
): Promise<T | undefined>;
export function chanrecv<T>(c: Hchan | null, signal?: AbortSignal, valueOnly = false): Promise<unknown> {
  const gate = signalGate(signal, "chan.recv");
  if (gate !== null) return gate;
  if (c === null) return parkForever(waitReasonChanReceiveNilChan, signal);
  if (c.bubble !== null && outsideBubble(c)) return panicPromise(msgRecvOutsideBubble);
  if (c.timer !== null) {
    const e = c.timerStoppedError();
    if (e !== null) return Promise.reject(e);
    c.timer.maybeRunChan();
  }
  const r = tryRecvLocked<T>(c);
  if (r !== null) {
    const v = valueOnly ? r.value : r;
    return maybePreempt(v) ?? Promise.resolve(v);
  }
  const gp = callerG();
  const sg = acquireSudog(gp, c, undefined, true);
  sg.valueOnly = valueOnly;
  c.recvq.enqueue(sg);
  if (c.bubble !== gp.rt) parkForeign(gp.rt, gp);
  if (c.timer !== null) c.timer.blockTimerChan();
  const p = rtOf(gp).gopark(gp, waitReasonChanReceive, c);
  if (VERIFY) c.verify();
  if (signal !== undefined)
    rtOf(gp).abortable(gp, signal, () => {
      if (sg.queued) c.recvq.remove(sg);
      if (c.timer !== null) c.timer.unblockTimerChan();
    });
  return p;
}

/** Go: chanrecv with block = false. Returns null if nothing is ready. */
export function chantryrecv<T>(c: Hchan | null): RecvResult<T> | null {
  if (c === null) return null;
  if (c.bubble !== null && outsideBubble(c)) throw new GoPanic(msgRecvOutsideBubble);
  if (c.empty() && !c.closed) return null;
  return tryRecvLocked<T>(c);
}

/** The non-blocking part of a receive: closed-and-empty, a waiting sender, or the buffer. */
function tryRecvLocked<T>(c: Hchan): RecvResult<T> | null {
  if (c.closed && c.qcount === 0) return closedResult;
  const sg = c.sendq.dequeue();
  if (sg !== null) {
    let v: unknown;
    if (c.dataqsiz === 0) {
      v = sg.elem;
    } else {
      // Take the head of the full buffer; the sender's value goes to the tail.
      v = c.bufTake();
      c.bufPut(sg.elem);
    }
    sg.elem = undefined;
    sg.success = true;
    readySudog(sg);
    if (VERIFY) c.verify();
    return { value: v as T, ok: true };
  }
  if (c.qcount > 0) {
    const v = c.bufTake();
    if (VERIFY) c.verify();
    return { value: v as T, ok: true };
  }
  return null;
}

// ===== close, len, cap =====

/** Go: closechan. Panics (throws GoPanic) on a nil or closed channel; wakes every waiter. */
export function closechan(c: Hchan | null): void {
  if (c === null) throw new GoPanic(msgCloseOfNil);
  if (c.bubble !== null && outsideBubble(c)) throw new GoPanic(msgCloseOutsideBubble);
  if (c.closed) throw new GoPanic(msgCloseOfClosed);
  c.closed = true;
  const woken: Sudog[] = [];
  for (let sg = c.recvq.dequeue(); sg !== null; sg = c.recvq.dequeue()) {
    sg.elem = undefined;
    sg.success = false;
    woken.push(sg);
  }
  for (let sg = c.sendq.dequeue(); sg !== null; sg = c.sendq.dequeue()) {
    sg.success = false;
    woken.push(sg);
  }
  // Go collects the waiters on a gList (push = prepend) and pops them: the last queued is readied first,
  // senders before receivers.
  for (let i = woken.length - 1; i >= 0; i--) readySudog(woken[i]);
  if (VERIFY) c.verify();
}

/** Go: chanlen. 0 for a timer channel (Go 1.23 synchronous mode). */
export function chanlen(c: Hchan | null): number {
  if (c === null || c.timer !== null) return 0;
  return c.qcount;
}

/** Go: chancap. 0 for a timer channel. */
export function chancap(c: Hchan | null): number {
  if (c === null || c.timer !== null) return 0;
  return c.dataqsiz;
}
