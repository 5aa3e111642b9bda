// Port of go1.23 src/runtime/select.go: selectgo.
//
// Three passes, as in Go. Pass 0 lets every lazy timer channel among the cases fire if it is overdue.
// Pass 1 polls the cases in a uniformly random order (drawn from the runtime's seeded source, so a run is
// reproducible from its seed) and completes the first ready one. Without a ready case and with a default,
// it returns "default". Pass 2 enqueues one sudog per case on every channel and parks; the first channel
// to dequeue one of them wins (WaitQ.dequeue marks the goroutine's selectDone, and later dequeues skip the
// losers); its timer channels are blocked in Go's lock order (blockTimerChans). Pass 3, when the goroutine runs again, unlinks the losing sudogs and reports the winner.
//
// Invariants:
//   e1. After a select returns, none of its sudogs is in any wait queue, and every timer channel among its
//       cases has had exactly one blockTimerChan matched by one unblockTimerChan.
//   e2. Nil-channel cases are never chosen; a select with no non-nil case and no default blocks forever.
//   e3. Among ready cases each is chosen with equal probability.
//   e4. A select with a channel of a bubble the caller is not in fails before any case is polled (Go's
//       fatal error); a bubble's goroutine parked on a select with a channel made outside the bubble is
//       not durably blocked (chan.ts b2).

import { GoPanic, msgSelectOutsideBubble, msgSendOnClosed } from "../../errors.ts";
import { signalGate } from "../args.ts";
import { VERIFY } from "../debug.ts";
import { describe } from "../timeargs.ts";
import {
  callerG,
  chanrecv,
  chansend,
  Hchan,
  isHchan,
  outsideBubble,
  parkForeign,
  type RecvResult,
  readySudog,
  Sudog,
} from "./chan.ts";
import { type G, waitReasonSelect, waitReasonSelectNoCases } from "./g.ts";
import { currentRuntime, getg, maybePreempt, type Sched } from "./proc.ts";

/** One case: a receive from c, or a send of elem on c (Go: scase). */
export interface Scase {
  /** @internal The channel (null: never ready). */
  c: Hchan | null;
  /** @internal A send (else a receive). */
  send: boolean;
  /** @internal The value a send case sends. */
  elem?: unknown;
}

/** Which case ran: its index; for a receive, the value and ok (false: the channel is closed). */
export interface SelectResult {
  index: number;
  value: unknown;
  ok: boolean;
}

function callerRuntime(): Sched {
  const gp = getg();
  return gp !== null ? gp.rt : currentRuntime();
}

/**
 * Passes 0 and 1: checks the cases (badCases' TypeError is thrown before anything changes), lets the
 * overdue timer channels among the receive cases fire, then completes the first ready case in a random
 * order, or returns null. Throws GoPanic on closed sends.
 *
 * The check costs the common case (every case made by recv/send) one test per case in the loop pass 0
 * already makes: no extra walk over the cases, no allocation; only a case that does not pass isCase (a bad
 * one, or a channel of another copy of gort) runs badCases.
 */
export function selectPoll(cases: readonly Scase[], who: string): SelectResult | null {
  if (!Array.isArray(cases)) throw badCases(cases, who);
  const n = cases.length;
  let firstTimer = n;
  for (let i = 0; i < n; i++) {
    const cas = cases[i];
    if (!isCase(cas)) {
      const bad = badCases(cases, who);
      if (bad !== null) throw bad;
    }
    const c = cas.c;
    if (c === null) continue;
    if (c.bubble !== null && outsideBubble(c)) throw new GoPanic(msgSelectOutsideBubble);
    if (c.timer !== null && !cas.send && firstTimer === n) firstTimer = i;
  }
  for (let i = firstTimer; i < n; i++) {
    const c = cases[i].c;
    if (c === null || c.timer === null || cases[i].send) continue;
    const e = c.timerStoppedError();
    if (e !== null) throw e;
    c.timer.maybeRunChan();
  }
  const live = pollOrder(cases, callerRuntime());
  for (let k = 0; k < live; k++) {
    const i = orderBuf[k];
    const cas = cases[i];
    const c = cas.c!;
    if (cas.send) {
      if (c.closed) throw new GoPanic(msgSendOnClosed);
      const sg = c.recvq.dequeue();
      if (sg !== null) {
        sg.elem = cas.elem;
        sg.success = true;
        readySudog(sg);
        return { index: i, value: undefined, ok: true };
      }
      if (c.qcount < c.dataqsiz) {
        c.bufPut(cas.elem);
        return { index: i, value: undefined, ok: true };
      }
    } else {
      const sg = c.sendq.dequeue();
      if (sg !== null) {
        let v: unknown;
        if (c.dataqsiz === 0) v = sg.elem;
        else {
          v = c.bufTake();
          c.bufPut(sg.elem);
        }
        sg.elem = undefined;
        sg.success = true;
        readySudog(sg);
        return { index: i, value: v, ok: true };
      }
      if (c.qcount > 0) return { index: i, value: c.bufTake(), ok: true };
      if (c.closed) return { index: i, value: undefined, ok: false };
    }
  }
  return null;
}

const sentResult = (): SelectResult => ({ index: 0, value: undefined, ok: true });
const recvResult = (r: RecvResult<unknown>): SelectResult => ({ index: 0, value: r.value, ok: r.ok });

/**
 * The poll order's buffer, reused by every select: selectPoll reads it synchronously, before anything can
 * run another select (no user code runs in between), so one array serves all (no allocation per select).
 */
const orderBuf: number[] = [];

/**
 * The non-nil cases in a uniformly random order (Go: pollorder, Fisher–Yates with cheaprandn), in
 * orderBuf[0, n); returns n.
 */
function pollOrder(cases: readonly Scase[], rt: Sched): number {
  const order = orderBuf;
  let n = 0;
  for (let i = 0; i < cases.length; i++) {
    if (cases[i].c === null) continue;
    const j = rt.rand.uint32n(n + 1);
    if (j === n) order[n] = i;
    else {
      order[n] = order[j];
      order[j] = i;
    }
    n++;
  }
  return n;
}

/** A case made by recv/send of this copy of gort, at a glance (badCases decides for anything else). */
function isCase(cas: Scase): boolean {
  if (typeof cas !== "object" || cas === null || typeof cas.send !== "boolean") return false;
  const c = cas.c;
  return c === null || c instanceof Hchan;
}

/**
 * A TypeError if cases is not an array of select cases (recv(c) and send(c, v), each with a channel or
 * null), or null. Go checks this when it compiles a select; here it is checked before anything changes.
 */
export function badCases(cases: readonly Scase[], who: string): TypeError | null {
  if (!Array.isArray(cases))
    return new TypeError(
      `${who}: cases must be an array of recv(c) and send(c, v) cases, got ${describe(cases)}`,
    );
  for (let i = 0; i < cases.length; i++) {
    const cas: unknown = cases[i];
    if (typeof cas !== "object" || cas === null || typeof (cas as Scase).send !== "boolean")
      return new TypeError(`${who}: case ${i} is not a recv(c) or send(c, v) case, got ${describe(cas)}`);
    const c = (cas as Scase).c;
    if (c !== null && !isHchan(c))
      return new TypeError(`${who}: case ${i}'s channel is not a channel (nor null), got ${describe(c)}`);
  }
  return null;
}

/**
 * Go: selectgo with block = true. Resolves with the case that ran; rejects with GoPanic if a send case's
 * channel is (or gets) closed. A select with no non-nil case blocks forever.
 */
export function selectgo(cases: readonly Scase[], signal?: AbortSignal): Promise<SelectResult> {
  const gate = signalGate(signal, "select");
  if (gate !== null) return gate;
  if (Array.isArray(cases) && cases.length === 1) {
    // Go compiles a one-case select into the plain operation (same wait reason: "chan send (nil chan)").
    const cas = cases[0];
    if (!isCase(cas)) {
      const bad = badCases(cases, "select");
      if (bad !== null) return Promise.reject(bad);
    }
    if (cas.send) return chansend(cas.c, cas.elem, signal).then(sentResult);
    return chanrecv(cas.c, signal).then(recvResult);
  }
  let r: SelectResult | null;
  try {
    r = selectPoll(cases, "select");
  } catch (e) {
    return Promise.reject(e);
  }
  if (r !== null) return maybePreempt(r) ?? Promise.resolve(r);
  const gp = callerG();
  const rt = gp.rt;
  const live = cases.filter((c) => c.c !== null);
  if (live.length === 0) {
    const p = rt.gopark(gp, cases.length === 0 ? waitReasonSelectNoCases : waitReasonSelect, null);
    if (signal !== undefined) rt.abortable(gp, signal, () => {});
    return p as Promise<never>;
  }
  // Pass 2: enqueue on every channel.
  gp.selectDone = false;
  const sgs: (Sudog | null)[] = new Array(cases.length).fill(null);
  let timers: Hchan[] | null = null;
  for (let i = 0; i < cases.length; i++) {
    const cas = cases[i];
    const c = cas.c;
    if (c === null) continue;
    const sg = new Sudog(gp, c, cas.send ? cas.elem : undefined, !cas.send, true, i);
    sgs[i] = sg;
    if (c.bubble !== rt) parkForeign(rt, gp);
    if (cas.send) c.sendq.enqueue(sg);
    else {
      c.recvq.enqueue(sg);
      if (c.timer !== null) {
        if (timers === null) timers = [];
        timers.push(c);
      }
    }
  }
  if (timers !== null) blockTimerChans(timers);
  const parked = rt.gopark(
    gp,
    waitReasonSelect,
    live.map((c) => c.c),
  );
  if (VERIFY) for (const cas of live) cas.c!.verify();
  if (signal !== undefined) rt.abortable(gp, signal, () => unlinkAll(cases, sgs, null));
  return parked.then((won) => pass3(gp, cases, sgs, won as Sudog));
}

/**
 * Blocks the timer channels of a select's receive cases, in Go's lock order: Go's pass 2 walks the cases
 * sorted by channel address, so timers due at the same instant enter the heap, hence fire, in that order,
 * not in the order the cases are written. gort orders by creation (Hchan.id; a named channel's is 0),
 * which is what Go's addresses give for channels made one after another. Blocking a timer channel only
 * touches its timer, so doing it after the enqueues changes nothing else.
 */
function blockTimerChans(timers: Hchan[]): void {
  if (timers.length > 1) timers.sort((a, b) => a.id - b.id);
  for (const c of timers) c.timer!.blockTimerChan();
}

/** Unlinks every sudog of a select but `won`, and balances its timer-channel blocks. */
function unlinkAll(cases: readonly Scase[], sgs: (Sudog | null)[], won: Sudog | null): void {
  for (let i = 0; i < sgs.length; i++) {
    const sg = sgs[i];
    if (sg === null) continue;
    const c = sg.c;
    if (sg !== won && sg.queued) (cases[i].send ? c.sendq : c.recvq).remove(sg);
    if (!cases[i].send && c.timer !== null) c.timer.unblockTimerChan();
  }
}

/** Pass 3: unlink the losing sudogs, balance timer blocks, report the winner. */
function pass3(gp: G, cases: readonly Scase[], sgs: (Sudog | null)[], won: Sudog): SelectResult {
  gp.selectDone = false;
  unlinkAll(cases, sgs, won);
  if (!won.isRecv) {
    if (!won.success) throw new GoPanic(msgSendOnClosed);
    return { index: won.caseIndex, value: undefined, ok: true };
  }
  return { index: won.caseIndex, value: won.elem, ok: won.success };
}
