// Port of go1.23 src/runtime/runtime2.go and proc.go: type p (a logical processor) and its run queue.
//
// A P owns a local run queue (a 256-slot ring, as in Go), a `runnext` slot for the goroutine that should
// run next (the one just readied by the running goroutine: Go's hand-off that makes ping-pong cheap), and
// a timer heap. GOMAXPROCS Ps exist; with one JavaScript thread they never run in parallel, but they decide
// which goroutine and which timers go next, and they are where the seed commits' races live
// (docs/design/seeds.md).
//
// Invariants (checked by verify and Sched.verify):
//   p1. 0 <= runqtail − runqhead <= 256; the slots in [head, tail) hold runnable goroutines, others are null.
//   p2. runnext is null or a runnable goroutine that is in no queue.
//   p3. an idle P (status _Pidle) has an empty run queue and a null runnext.

import { fatal } from "../debug.ts";
import { _Grunnable, type G } from "./g.ts";
import type { Sched } from "./proc.ts";
import { Timers } from "./timers.ts";

export const _Pidle = 0;
export const _Prunning = 1;
export const _Pdead = 4;

const runqSize = 256;
/**
 * runqSize - 1: ring slots are `head & runqMask`, not `head % runqSize`. A % compiles to a signed
 * division, and once head passes 2^31 (a double in V8) to an x87 fprem loop; & is exact for any counter
 * below 2^53 (ToInt32 keeps the low 32 bits, of which 256 divides the range).
 */
const runqMask = runqSize - 1;

export class P {
  readonly id: number;
  status = _Pidle;
  /** Local run queue: a ring indexed modulo runqSize (runqMask) by ever-increasing head and tail. */
  readonly runq: (G | null)[] = new Array(runqSize).fill(null);
  runqhead = 0;
  runqtail = 0;
  runnext: G | null = null;
  readonly timers: Timers;
  /** Scheduling decisions made on this P (Go: schedtick). */
  schedtick = 0;
  /** An open "idle" event of the GC CPU limiter (Go: limiterEvent); the I5 bookkeeping check. */
  limiterIdle = false;
  /** An M on this P is spinning: looking for work it was started for (counted in nmspinning). */
  spinning = false;
  /** The runtime owning this P. */
  readonly rt: Sched;

  constructor(rt: Sched, id: number) {
    this.rt = rt;
    this.id = id;
    this.timers = new Timers(this);
  }

  runqsize(): number {
    return this.runqtail - this.runqhead + (this.runnext !== null ? 1 : 0);
  }

  runqempty(): boolean {
    return this.runqtail === this.runqhead && this.runnext === null;
  }

  /**
   * Go: runqput. With next, gp goes to runnext and the goroutine it displaces to the tail. Returns a
   * goroutine that did not fit (the caller moves it and half the queue to the global queue), or null.
   */
  runqput(gp: G, next: boolean): G | null {
    if (next) {
      const old = this.runnext;
      this.runnext = gp;
      if (old === null) return null;
      gp = old;
    }
    if (this.runqtail - this.runqhead < runqSize) {
      this.runq[this.runqtail & runqMask] = gp;
      this.runqtail++;
      return null;
    }
    return gp;
  }

  /** Removes and returns the older half of the local queue (Go: runqputslow's batch). */
  runqtakeHalf(): G[] {
    const n = (this.runqtail - this.runqhead) >> 1;
    const out: G[] = [];
    for (let i = 0; i < n; i++) out.push(this.runqpopHead()!);
    return out;
  }

  /** Go: runqget. runnext first, then the head of the ring. */
  runqget(): G | null {
    const next = this.runnext;
    if (next !== null) {
      this.runnext = null;
      return next;
    }
    return this.runqpopHead();
  }

  private runqpopHead(): G | null {
    if (this.runqhead === this.runqtail) return null;
    const i = this.runqhead & runqMask;
    const gp = this.runq[i];
    this.runq[i] = null;
    this.runqhead++;
    return gp;
  }

  /**
   * Go: runqsteal/runqgrab. Takes half of this P's queue (at least one goroutine; runnext too when the
   * ring is empty and stealRunNext) for another P. Returns the stolen goroutines, oldest first.
   *
   * Go's thief backs off (usleep(3)) before taking the runnext of a running P, so that P — whose goroutine
   * has just readied it and is about to block — runs it itself. On one thread, any P that is running is
   * at a scheduling decision whenever another P steals (no goroutine runs meanwhile), and it takes its
   * runnext first: so a running P's runnext is never stolen. (Stealing it made every switch of a
   * ping-pong at GOMAXPROCS > 1 move between Ps, which Go avoids.)
   */
  runqgrab(stealRunNext: boolean): G[] {
    let n = this.runqtail - this.runqhead;
    if (n === 0) {
      if (stealRunNext && this.runnext !== null && this.status !== _Prunning) {
        const g = this.runnext;
        this.runnext = null;
        return [g];
      }
      return [];
    }
    n = n - (n >> 1);
    const out: G[] = [];
    for (let i = 0; i < n; i++) out.push(this.runqpopHead()!);
    return out;
  }

  /** Empties the queue (procresize / destroy), returning everything in it, runnext first. */
  runqdrain(): G[] {
    const out: G[] = [];
    for (let g = this.runqget(); g !== null; g = this.runqget()) out.push(g);
    return out;
  }

  /** Checks p1–p3. */
  verify(): void {
    const n = this.runqtail - this.runqhead;
    if (n < 0 || n > runqSize) fatal(`p${this.id}: bad runq bounds`);
    for (let i = 0; i < runqSize; i++) {
      const inRange = ((i - (this.runqhead & runqMask) + runqSize) & runqMask) < n;
      const g = this.runq[i];
      if (inRange !== (g !== null)) fatal(`p${this.id}: runq slot ${i} ${inRange ? "empty" : "stale"}`);
      if (g !== null && g.status !== _Grunnable) fatal(`p${this.id}: non-runnable g${g.goid} in runq`);
    }
    if (this.runnext !== null && this.runnext.status !== _Grunnable) fatal(`p${this.id}: bad runnext`);
    if (this.status === _Pidle && !this.runqempty()) fatal(`p${this.id}: idle P with runnable goroutines`);
  }
}
