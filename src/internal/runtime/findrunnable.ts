// Port of go1.23 runtime's findRunnable and its sources of work (proc.go): a P's local run queue (p.ts),
// the global run queue, and stealing from other Ps — goroutines and due timers. proc.ts's schedule asks
// findRunnable for the next goroutine of a P and runs it; everything here only moves goroutines between
// queues and runs due timers, it never resumes a goroutine.
//
// The global run queue is `Sched.globrunq` from index `globhead` on (a deque with a moving head: popping
// allocates nothing; the array is compacted once more than half of it, and over 1024 slots, are spent).
//
// Invariant (verifyGlobrunq, run by schedcheck.ts verifySched after every scheduling step under VERIFY;
// s3 there checks that each queued goroutine is runnable and in one queue only):
//   r1. 0 <= globhead <= globrunq.length, and the slots before globhead are empty.
//
// Rule r4 (tested by findrunnable.test.ts): stealWork's shortcut (stealable) skips only passes that would
// find nothing — all four, or the first three when only timers are due — and draws their random numbers,
// so a seeded run's order does not depend on it.
//
// Rules (tested by globrunq.test.ts, fairness.test.ts, proc.test.ts and sched-mutants*.test.ts):
//   findRunnable's order is Go's — pp's due timers; every 61st schedtick one goroutine from the global
//   queue (fairness); pp's local queue (runnext first); the global queue; stealing. A steal takes from a
//   P that is not idle, at least one goroutine and at most half its queue (its runnext only on the last
//   of the four passes), and visits every other P once per pass.

import { fatal } from "../debug.ts";
import type { G } from "./g.ts";
import type { Nanos } from "./nanotime.ts";
import { _Prunning, type P } from "./p.ts";
import type { Sched } from "./proc.ts";
import type { CheckResult } from "./timers.ts";
import { tracing } from "./trace.ts";

const checkOut: CheckResult = { now: 0, pollUntil: 0, ran: false, fired: 0 };

/** Go: runqput as the scheduler calls it. gp goes on the current P's queue (runnext if next), or the global queue outside any P. */
export function runqput(s: Sched, gp: G, next: boolean): void {
  const pp = s.curP;
  if (pp === null || pp.status !== _Prunning) {
    globrunqput(s, gp);
    return;
  }
  const over = pp.runqput(gp, next);
  if (over !== null) {
    // Go: runqputslow — half of the full local queue and the newcomer go to the global queue.
    for (const g of pp.runqtakeHalf()) globrunqput(s, g);
    globrunqput(s, over);
  }
}

/** Checks r1. */
export function verifyGlobrunq(s: Sched): void {
  if (!(s.globhead >= 0 && s.globhead <= s.globrunq.length))
    fatal(`verify: r1: globhead ${s.globhead} outside the global queue's ${s.globrunq.length} slots`);
  for (let i = 0; i < s.globhead; i++)
    if (s.globrunq[i] !== undefined)
      fatal(`verify: r1: spent global queue slot ${i} still holds g${s.globrunq[i].goid}`);
}

/** Go: globrunqput. */
export function globrunqput(s: Sched, gp: G): void {
  s.globrunq.push(gp);
}

/** Go: sched.runq.size. */
export function globrunqsize(s: Sched): number {
  return s.globrunq.length - s.globhead;
}

/** Go: globrunqget. Takes up to max goroutines for pp (its share, at most 128): returns one, queues the rest locally. */
function globrunqget(s: Sched, pp: P, max: number): G | null {
  let n = globrunqsize(s);
  if (n === 0) return null;
  n = Math.min(n, Math.floor(n / s.gomaxprocs) + 1, max, 128);
  const gp = globpop(s);
  for (let i = 1; i < n; i++) pp.runqput(globpop(s), false);
  return gp;
}

function globpop(s: Sched): G {
  const gp = s.globrunq[s.globhead];
  s.globrunq[s.globhead++] = undefined as unknown as G;
  if (s.globhead > 1024 && s.globhead * 2 > s.globrunq.length) {
    s.globrunq = s.globrunq.slice(s.globhead);
    s.globhead = 0;
  }
  return gp;
}

/** A timer check ran timers: counted, and a bubble's limit on firings checked (maxTimerFirings). */
function ranTimers(s: Sched, fired: number): void {
  const st = s.stats;
  st.timersRun++;
  st.timersFired += fired;
  if (st.timersFired > s.maxTimerFirings) s.onFiringLimit?.();
}

/**
 * Go: findRunnable (r2). In Go's order: run pp's due timers; every 61st tick one goroutine from the global
 * queue (fairness); pp's local queue; the global queue; steal from other Ps (running their due timers).
 */
export function findRunnable(s: Sched, pp: P, now0: Nanos = 0): G | null {
  inherit.time = false;
  for (let first = now0; ; first = 0) {
    // The first check may use a reading the caller just took (a host wake-up's: netpoll.ts); a timer that
    // fell due since is found by the next check, as one due just after a fresh reading would be.
    const r = pp.timers.check(first, s.nanotime, true, checkOut);
    if (r.ran) ranTimers(s, r.fired);
    const now = r.now;
    if (s.stopped) return null;
    if (pp.schedtick % 61 === 0 && globrunqsize(s) > 0) {
      const gp = globrunqget(s, pp, 1);
      if (gp !== null) return gp;
    }
    // Go: runqget's inheritTime. A goroutine from runnext runs in the time slice of the one that readied
    // it: execute does not count a schedule tick for it (so a chain of hand-offs does not bring the
    // every-61-ticks look at the global queue any nearer).
    inherit.time = pp.runnext !== null;
    let gp = pp.runqget();
    if (gp !== null) return gp;
    inherit.time = false;
    gp = globrunqget(s, pp, 0x7fffffff);
    if (gp !== null) return gp;
    if (s.gomaxprocs > 1 || othersHaveTimers(s, pp)) {
      const w = stealWork(s, pp, now);
      if (w === stealRanTimers) continue;
      if (w !== null) return w;
    }
    return null;
  }
}

/** Whether the goroutine findRunnable last returned came from its P's runnext (Go: inheritTime). */
const inherit = { time: false };

/** Go: findRunnable's inheritTime result, for the goroutine it returned last. */
export function lastInheritTime(): boolean {
  return inherit.time;
}

/**
 * The clock reading of findRunnable's last timer check, 0 if it read none (an empty heap): the scheduler
 * starts a time slice with it instead of reading the clock again.
 */
export function lastCheckNow(): Nanos {
  return checkOut.now;
}

/** Whether a P other than pp holds timers (a loop, not a closure: findRunnable runs at every wake-up). */
function othersHaveTimers(s: Sched, pp: P): boolean {
  const allp = s.allp;
  for (let i = 0; i < allp.length; i++) if (allp[i] !== pp && allp[i].timers.len > 0) return true;
  return false;
}

const stealRanTimers = Symbol("ranTimers");

/** stealWork's shortcut (r4), on in production; findrunnable.test.ts turns it off to compare runs. @internal */
export const stealShortcut = { on: true };

/**
 * Go: stealWork (r3). Four passes over the other Ps in random order: steal half a run queue (runnext only
 * on the last pass); on the last pass also run other Ps' due timers ("timer stealing" runs them in place).
 */
function stealWork(s: Sched, pp: P, now: Nanos): G | null | typeof stealRanTimers {
  const n = s.allp.length;
  let first = 0;
  if (stealShortcut.on) {
    const what = stealable(s, pp, now);
    // Passes that would find nothing only draw their random start points (r4): all four when there is
    // nothing to steal, the first three when only timers are due (only the last pass runs timers).
    first = what === stealNothing ? 4 : what === stealTimersOnly ? 3 : 0;
    for (let pass = 0; pass < first; pass++) s.rand.uint32();
    if (first === 4) return null;
  }
  let ranTimer = false;
  for (let pass = first; pass < 4; pass++) {
    const last = pass === 3;
    // Go: stealOrder.start — a random P, then a random stride coprime to n, so every P is visited once.
    const r = s.rand.uint32();
    const coprimes = coprimesOf(n);
    const inc = coprimes[umod(r, coprimes.length)];
    for (let k = 0, pos = umod(r, n); k < n; k++, pos = (pos + inc) % n) {
      const p2 = s.allp[pos];
      if (p2 === pp) continue;
      if (last && s.timerpMask[p2.id]) {
        const r = p2.timers.check(now, s.nanotime, false, checkOut);
        now = r.now;
        if (r.ran) {
          ranTimer = true;
          ranTimers(s, r.fired);
          const gp = pp.runqget();
          if (gp !== null) return gp;
        }
      }
      if (!s.idle.idlepMask[p2.id]) {
        const stolen = p2.runqgrab(last);
        if (stolen.length > 0) {
          s.stats.steals++;
          if (tracing) s.trace("proc.steal", gp0(stolen), p2.id, pp.id);
          const gp = stolen.pop()!;
          for (const g of stolen) pp.runqput(g, false);
          return gp;
        }
      }
    }
  }
  return ranTimer ? stealRanTimers : null;
}

const stealNothing = 0;
const stealTimersOnly = 1;
const stealGoroutines = 2;

/**
 * What stealWork's passes could find (r4): a goroutine in another P's ring (its runnext is never taken
 * from a running P, see P.runqgrab), else only due timers on other Ps whose timerpMask bit is set (which
 * only the last pass runs, readying goroutines on pp alone, so the rings the first passes look at stay
 * empty), else nothing. Go's spinning Ms search in parallel with the running ones; on one thread every
 * failed search is paid in series, once per wake-up of an idle P (each goready of a ping-pong, each
 * real-clock wake-up at GOMAXPROCS > 1), so the usual case costs one look at each P instead of four passes.
 */
function stealable(s: Sched, pp: P, now: Nanos): number {
  const allp = s.allp;
  const mask = s.timerpMask;
  let timers = false;
  for (let i = 0; i < allp.length; i++) {
    const p2 = allp[i];
    if (p2 === pp) continue;
    if (p2.runqtail !== p2.runqhead || (p2.runnext !== null && p2.status !== _Prunning))
      return stealGoroutines;
    if (!timers && mask[p2.id]) {
      const w = p2.timers.wakeTime();
      if (w !== 0) {
        if (now === 0) now = s.nanotime();
        if (now >= w) timers = true;
      }
    }
  }
  return timers ? stealTimersOnly : stealNothing;
}

/**
 * r % n for a uint32 r, as an int32. r above 2^31 is a double in V8, and a double's % compiles to an x87
 * fprem loop: with it, the two modulos of each pass were a third of stealWork's time (perf annotate). The
 * quotient is exact: r < 2^32 and n >= 1 put r / n at least 1/(r + n) > 2^-33 (relative) from the next
 * integer, far above a double's 2^-53.
 */
export function umod(r: number, n: number): number {
  return (r - Math.floor(r / n) * n) | 0;
}

/** The integers in [1, n] coprime to n, ascending (Go: randomOrder.coprimes), cached per n. */
const coprimeCache = new Map<number, number[]>();
function coprimesOf(n: number): number[] {
  let c = coprimeCache.get(n);
  if (c === undefined) {
    c = [];
    for (let i = 1; i <= n; i++) if (gcd(i, n) === 1) c.push(i);
    coprimeCache.set(n, c);
  }
  return c;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function gp0(gs: G[]): number {
  return gs.length > 0 ? gs[gs.length - 1].goid : 0;
}
