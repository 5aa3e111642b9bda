// Port of go1.23 runtime's idle-P list (sched.pidle, pidleput/pidleget, idlepMask, timerpMask): which
// logical processors are idle, and which of them may hold timers that someone must watch.
//
// Every way a P leaves the idle list — taken by pidleget for new work, or taken by name (acquirep, a P
// destroyed by procresize) — goes through the one private unlink, so the list, the count, both masks
// and the limiter's idle event can never disagree. (Seed 5's bug was exactly a hand-written second
// removal path that skipped part of this bookkeeping: docs/design/seeds.md.)
//
// Invariants (verify):
//   s1. npidle === list.length; idlepMask[i] ⇔ allp[i] is on the list ⇔ allp[i].status === _Pidle; an
//       idle P has an open limiter idle event, a running P has none (I5).
//   s2. G4: a P whose heap is non-empty is running or has its timerpMask bit set.

import { fatal } from "../debug.ts";
import { _Pidle, type P } from "./p.ts";

export class Pidle {
  /** Idle Ps, most recently idled last (Go's pidle is a stack too). */
  private readonly list: P[] = [];
  /** Go: sched.npidle. */
  npidle = 0;
  /** Go: idlepMask — P i is on the idle list. */
  readonly idlepMask: boolean[] = [];
  /** Go: timerpMask — P i may have timers (clear only for an idle P with an empty heap). */
  readonly timerpMask: boolean[] = [];

  /** A new P joins (procresize): not idle, may have timers. */
  grow(): void {
    this.idlepMask.push(false);
    this.timerpMask.push(true);
  }

  /** Ps from n on are gone (procresize, after remove() took them off the list). */
  shrink(n: number): void {
    this.idlepMask.length = n;
    this.timerpMask.length = n;
  }

  /** Go: pidleput. pp goes idle; its timerpMask bit clears iff its heap is empty. */
  put(pp: P): void {
    if (!pp.runqempty()) fatal("pidleput: P has non-empty run queue");
    if (pp.limiterIdle) fatal("must be able to track idle limiter event");
    if (pp.timers.len === 0) this.timerpMask[pp.id] = false;
    this.idlepMask[pp.id] = true;
    pp.status = _Pidle;
    pp.limiterIdle = true;
    this.list.push(pp);
    this.npidle++;
  }

  /** Go: pidleget. Takes the most recently idled P, or null; timers may be added to it from now on. */
  get(): P | null {
    // An index, not list.at(-1): V8 does not inline Array.prototype.at, and this runs at every wake-up.
    const i = this.list.length - 1;
    if (i < 0) return null;
    const pp = this.list[i];
    this.unlink(pp, i);
    return pp;
  }

  /** Takes pp off the idle list if it is on it (acquirep, procresize), with get()'s bookkeeping. */
  remove(pp: P): void {
    if (!this.idlepMask[pp.id]) return;
    this.unlink(pp, this.list.indexOf(pp));
  }

  /** Unlinks pp, the i-th idle P. The one place a P leaves the list. */
  private unlink(pp: P, i: number): void {
    if (i < 0 || this.list[i] !== pp) fatal(`pidle: P${pp.id} is not on the idle list`);
    if (i === this.list.length - 1) this.list.pop();
    else this.list.splice(i, 1);
    this.timerpMask[pp.id] = true;
    this.idlepMask[pp.id] = false;
    this.npidle--;
    pp.limiterIdle = false;
  }

  /** Only the seed-5 fault injection uses this: unlink the last idle P by hand, skipping the bookkeeping. */
  popRaw(): P | null {
    return this.list.pop() ?? null;
  }

  /** Checks s1 and s2 over allp. */
  verify(allp: readonly P[]): void {
    if (this.npidle !== this.list.length) fatal(`verify: npidle ${this.npidle} != ${this.list.length}`);
    for (const pp of allp) {
      const onList = this.list.includes(pp);
      if (this.idlepMask[pp.id] !== onList) fatal(`verify: idlepMask[${pp.id}] out of date`);
      if (onList !== (pp.status === _Pidle)) fatal(`verify: P${pp.id} idle status`);
      if (onList !== pp.limiterIdle) fatal(`verify: P${pp.id} limiter idle event`);
      if (pp.timers.len > 0 && pp.status === _Pidle && !this.timerpMask[pp.id])
        fatal(`verify: G4: idle P${pp.id} has timers and no timerpMask bit`);
    }
  }
}
