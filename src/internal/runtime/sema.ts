// Port of go1.23 src/runtime/sema.go: the semaphore behind package sync (runtime_Semacquire*,
// runtime_Semrelease, and the notifyList behind sync.Cond).
//
// Go keys its semaphores by address in a treap of semaRoots; here a Sema is an object the sync primitive
// owns. It holds a count of available permits and a queue of parked goroutines (a doubly-linked list, so
// an aborted waiter leaves in O(1)):
//
//     count: permits nobody has taken yet        first ⇄ w ⇄ w ⇄ last   (each w: a goroutine, _Gwaiting)
//
// semacquire takes a permit at once if one is available, or parks the caller at the tail (Go's
// semacquire1; at the head with lifo, Go's lifo: a Mutex waiter that has waited before). semqueue parks
// without looking at count (Go's notifyListWait). semrelease hands its permit straight to the first
// waiter (Go's semrelease1 with handoff = true, the mode starving Mutexes use; the waiter's `ticket`):
// the waiter is readied already owning the permit, so no newcomer can barge in between the release and
// the waiter's wake-up. Only when nobody waits does a release add to count. semwake readies the first
// waiter without a permit and does nothing if nobody waits: Go's notifyListNotifyOne, for Cond.
//
// Without hand-off (Go's semrelease1 with handoff = false, which Mutex uses in normal mode and RWMutex
// always): semreleaseNoHandoff adds the permit to count and readies the first waiter without it; the
// waiter takes a permit when it runs, and if a newcomer's semacquire took it first (the fast path of Go's
// semacquire1), it queues again (at the tail, or the head with lifo) and parks: semacquire1's loop.
// `readied` counts the waiters readied that way that have not run yet: the permits they will look for.
//
// Every operation is synchronous (no interleaving point), so Go's semaRoot lock and its nwait
// double-checks have no counterpart; the only asynchrony is the park itself. A parked waiter may leave
// early through its AbortSignal (Sched.abortable): it is unlinked and its park rejects; once readied it
// can no longer be aborted (goready detaches the listener), so a handed-off permit is never lost.
//
// Invariants (checked by verify when VERIFY is on, after every mutation):
//   m1. count is a non-negative integer.
//   m2. nwait equals the length of the list; the links are consistent (first.prev and last.next are null,
//       w.next.prev === w), and every waiter in it has `queued` set and points back to this Sema.
//   m3. nwait > 0 ⇒ count <= readied: a permit is never left lying while someone waits for one, but for
//       those released without hand-off to waiters that have not run yet (always 0 with hand-off).
//   m4. every waiter's goroutine is _Gwaiting (parked on this Sema, not yet readied).

import { fatal, VERIFY } from "../debug.ts";
import { callerG } from "./chan.ts";
import { _Gwaiting, type G } from "./g.ts";
import { maybePreempt } from "./proc.ts";

/** Go 1.23 wait reasons that g.ts does not define yet (runtime2.go's waitReasonSyncRWMutex*). */
export const waitReasonSyncRWMutexRLock = "sync.RWMutex.RLock";
export const waitReasonSyncRWMutexLock = "sync.RWMutex.Lock";

/** A goroutine parked on a Sema (Go: a sudog in a semaRoot). */
export class SemaWaiter {
  readonly g: G;
  readonly s: Sema;
  prev: SemaWaiter | null = null;
  next: SemaWaiter | null = null;
  /** Whether it is in s's list right now. */
  queued = false;
  /** A release handed it a permit (Go: sudog.ticket, semrelease1 with handoff). */
  ticket = false;
  /** semreleaseNoHandoff readied it, counted in its Sema's readied until it runs. */
  released = false;

  constructor(g: G, s: Sema) {
    this.g = g;
    this.s = s;
  }
}

let nextSemaId = 1;

const resolved: Promise<void> = Promise.resolve();

/** A counting semaphore with a queue of parked goroutines (Go: the semaRoot entry of one address). */
export class Sema {
  /** Available permits (Go: *addr). */
  count: number;
  /** Number of parked waiters (Go: semaRoot.nwait for this address). */
  nwait = 0;
  /** Waiters semreleaseNoHandoff readied that have not run yet (m3). */
  readied = 0;
  first: SemaWaiter | null = null;
  last: SemaWaiter | null = null;
  readonly id: number;

  constructor(count = 0) {
    if (!Number.isInteger(count) || count < 0) fatal(`sema: bad initial count ${count}`);
    this.count = count;
    this.id = nextSemaId++;
  }

  /** Appends w at the tail. */
  enqueue(w: SemaWaiter): void {
    w.next = null;
    w.prev = this.last;
    if (this.last === null) this.first = w;
    else this.last.next = w;
    this.last = w;
    w.queued = true;
    this.nwait++;
  }

  /** Puts w at the head (Go: semacquire1 with lifo, a waiter that has waited before). */
  enqueueFront(w: SemaWaiter): void {
    w.prev = null;
    w.next = this.first;
    if (this.first === null) this.last = w;
    else this.first.prev = w;
    this.first = w;
    w.queued = true;
    this.nwait++;
  }

  /** Unlinks w (no-op if it already left). */
  remove(w: SemaWaiter): void {
    if (!w.queued) return;
    const { prev, next } = w;
    if (prev === null) this.first = next;
    else prev.next = next;
    if (next === null) this.last = prev;
    else next.prev = prev;
    w.prev = null;
    w.next = null;
    w.queued = false;
    this.nwait--;
  }

  /** Removes and returns the head waiter, or null. */
  dequeue(): SemaWaiter | null {
    const w = this.first;
    if (w !== null) this.remove(w);
    return w;
  }

  /** Checks m1–m4. */
  verify(): void {
    if (!Number.isInteger(this.count) || this.count < 0) fatal(`sema#${this.id}: m1: count ${this.count}`);
    let n = 0;
    let prev: SemaWaiter | null = null;
    for (let w = this.first; w !== null; w = w.next) {
      if (w.prev !== prev) fatal(`sema#${this.id}: m2: broken prev link`);
      if (!w.queued || w.s !== this) fatal(`sema#${this.id}: m2: foreign or unqueued waiter`);
      if (w.g.status !== _Gwaiting) fatal(`sema#${this.id}: m4: waiter goroutine ${w.g.goid} not waiting`);
      prev = w;
      if (++n > this.nwait) break;
    }
    if (n !== this.nwait || this.last !== prev) fatal(`sema#${this.id}: m2: nwait ${this.nwait}, list ${n}`);
    if (this.nwait > 0 && this.count > this.readied)
      fatal(`sema#${this.id}: m3: ${this.count} permits while waiting (${this.readied} readied)`);
  }
}

/** Go: cansemacquire. Takes a permit if one is available, without blocking. */
export function semtryacquire(s: Sema): boolean {
  if (s.count === 0) return false;
  s.count--;
  if (VERIFY) s.verify();
  return true;
}

/** An already-aborted signal: undo what the caller did (onAbort) and reject with the signal's reason. */
function rejectAborted(signal: AbortSignal, onAbort?: () => void): Promise<void> {
  onAbort?.();
  return Promise.reject(signal.reason);
}

/**
 * Go: semacquire1. Takes a permit, parking the caller (the running goroutine, or a stand-in for code
 * outside goroutines) at the tail of s's queue (its head with lifo, Go's lifo: a Mutex waiter that has
 * waited before) with wait reason `reason` until a release readies it. A release with hand-off
 * (semrelease) gives it the permit (Go's ticket); one without (semreleaseNoHandoff) only adds the permit
 * to count, so the waiter takes one when it runs, and if a newcomer's fast path took it first it queues
 * again (at the tail, or the head with lifo) and parks (semacquire1's loop). `waitOn` is what goroutine
 * dumps say it waits on. If `signal` aborts while it is parked, the waiter leaves the queue, `onAbort`
 * runs (to undo what the caller did before parking), and the promise rejects with signal.reason; an
 * already-aborted signal rejects at once, even if a permit is available.
 */
export function semacquire(
  s: Sema,
  reason: string,
  waitOn: unknown,
  signal?: AbortSignal,
  onAbort?: () => void,
  lifo = false,
): Promise<void> {
  if (signal?.aborted) return rejectAborted(signal, onAbort);
  if (semtryacquire(s)) return maybePreempt(undefined) ?? resolved;
  // The slow path: park; on each wake-up, done with a ticket, else take a permit or park again.
  const loop = async (): Promise<void> => {
    for (;;) {
      const w = new SemaWaiter(callerG(), s);
      await park(w, reason, waitOn, signal, onAbort, lifo);
      if (w.ticket) return;
      if (w.released) s.readied--;
      if (semtryacquire(s)) return;
    }
  };
  return loop();
}

/**
 * Parks the caller at the tail of s's queue without looking at count (Go: notifyListWait), or at its head
 * with lifo. Resolves when a release or semwake readies it.
 */
export function semqueue(
  s: Sema,
  reason: string,
  waitOn: unknown,
  signal?: AbortSignal,
  onAbort?: () => void,
  lifo = false,
): Promise<void> {
  if (signal?.aborted) return rejectAborted(signal, onAbort);
  return park(new SemaWaiter(callerG(), s), reason, waitOn, signal, onAbort, lifo);
}

/** Queues w in its Sema and parks its goroutine (abortably with signal). */
function park(
  w: SemaWaiter,
  reason: string,
  waitOn: unknown,
  signal: AbortSignal | undefined,
  onAbort: (() => void) | undefined,
  lifo: boolean,
): Promise<void> {
  const { g: gp, s } = w;
  const rt = gp.rt;
  if (lifo) s.enqueueFront(w);
  else s.enqueue(w);
  const p = rt.gopark(gp, reason, waitOn) as Promise<void>;
  if (VERIFY) s.verify();
  if (signal !== undefined)
    rt.abortable(gp, signal, () => {
      s.remove(w);
      if (VERIFY) s.verify();
      onAbort?.();
    });
  return p;
}

/**
 * Go: semwake (notifyListNotifyOne). Readies the first waiter, if any, and returns whether there was one.
 * Its park resolves; it runs when the scheduler next picks it (it goes to the current P's runnext).
 */
export function semwake(s: Sema): boolean {
  const w = s.dequeue();
  if (w === null) return false;
  w.g.rt.goready(w.g, undefined);
  if (VERIFY) s.verify();
  return true;
}

/**
 * Go: semrelease1 with handoff. Hands a permit to the first waiter (its ticket; readying it), or adds it
 * to count if nobody waits (m3). Returns whether a goroutine was readied.
 */
export function semrelease(s: Sema): boolean {
  const w = s.first;
  if (w !== null) w.ticket = true;
  if (semwake(s)) return true;
  s.count++;
  if (VERIFY) s.verify();
  return false;
}

/** Readies every waiter (Go: notifyListNotifyAll); returns how many. Count is unchanged. */
export function semwakeall(s: Sema): number {
  let n = 0;
  while (semwake(s)) n++;
  return n;
}

/**
 * Go: semrelease1 with handoff = false. Adds a permit to count and readies the first waiter, if any,
 * without handing it the permit (semacquire takes one when it runs, if still there). Returns whether a
 * goroutine was readied.
 */
export function semreleaseNoHandoff(s: Sema): boolean {
  s.count++;
  const w = s.dequeue();
  if (w !== null) {
    w.released = true;
    s.readied++;
    w.g.rt.goready(w.g, undefined);
  }
  if (VERIFY) s.verify();
  return w !== null;
}
