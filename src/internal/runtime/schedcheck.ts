// The scheduler's invariant checks and Go's goroutine dump, read-only views of a Sched (proc.ts): kept
// apart so the scheduler itself reads as the algorithm. The invariants are stated at the top of proc.ts.
//
// Invariants:
//   k1. nothing here changes scheduler state, except verifySched's record of the fake clock (s5).

import { fatal } from "../debug.ts";
import { verifyCheckdead } from "./checkdead.ts";
import { verifyGlobrunq } from "./findrunnable.ts";
import { _Grunnable, _Grunning, _Gsyscall, _Gwaiting, type G, goFuncSite, statusName } from "./g.ts";
import { verifyGoexit } from "./goexit.ts";
import { maxWhen } from "./nanotime.ts";
import { verifyStartCaptures, verifyStarts } from "./newproc.ts";
import { verifyPark } from "./park.ts";
import type { Sched } from "./proc.ts";
import { timerHome } from "./timerenv.ts";
import { describeWait } from "./traceback.ts";

/** Go's goroutine dump: one block per live goroutine, in goid order. */
export function dumpGoroutines(s: Sched): string {
  const now = s.nanotime();
  const out: string[] = [];
  const gs = [...s.allgs.values()].sort((a, b) => a.goid - b.goid);
  for (const gp of gs) {
    // Go appends ", N minutes" only once a garbage collection has recorded when the goroutine blocked
    // (gp.waitsince); gort has no collections to mirror, and a program that does not allocate much never
    // shows it in Go either (test/conformance/go/deadlock_wait_reasons_minutes), so it never does.
    const state = gp.status === _Gwaiting ? gp.waitReason : statusName(gp.status);
    out.push(`goroutine ${gp.goid} [${state}]:`);
    const detail = describeWait(gp, now);
    if (detail !== "") out.push(`\t${detail}`);
    const site = gp.spawnLocation();
    if (gp.spawnSite === goFuncSite) out.push("created by time.goFunc");
    else if (gp.parentGoid !== 0)
      out.push(`created by goroutine ${gp.parentGoid}${site ? ` at ${site}` : ""}`);
    else if (site) out.push(`created at ${site}`);
    out.push("");
  }
  return out.join("\n");
}

/** Checks s1–s5, g1, g2, e2, st1–st2, sc2, x1–x3, pk1–pk4 and every P's and heap's invariants; fatal on the first that fails. */
export function verifySched(s: Sched): void {
  s.idle.verify(s.allp);
  s.io?.verify();
  s.poll.verify();
  verifyCheckdead(s);
  let spinning = 0;
  for (const pp of s.allp) {
    if (pp.spinning) spinning++;
    pp.verify();
    pp.timers.verify();
    for (const t of pp.timers.heapT) {
      const home = timerHome(t);
      if (home !== undefined && home !== s)
        fatal(`verify: e2: P${pp.id} of runtime ${s.id} holds a timer of runtime ${home.id}`);
    }
  }
  if (spinning !== s.nmspinning) fatal("verify: nmspinning");
  // s3 (and p2): every runnable goroutine is in exactly one run queue, and every queued one is runnable.
  const queued = new Set<G>();
  const enqueued = (gp: G | null | undefined, where: string) => {
    if (gp === null || gp === undefined) return;
    if (queued.has(gp)) fatal(`verify: s3: g${gp.goid} is in two run queues (again in ${where})`);
    if (gp.status !== _Grunnable) fatal(`verify: s3: ${statusName(gp.status)} g${gp.goid} in ${where}`);
    queued.add(gp);
  };
  for (const pp of s.allp) {
    enqueued(pp.runnext, `P${pp.id}'s runnext`);
    for (let i = pp.runqhead; i < pp.runqtail; i++) enqueued(pp.runq[i % pp.runq.length], `P${pp.id}'s runq`);
  }
  verifyGlobrunq(s);
  verifyStarts();
  verifyStartCaptures(s);
  verifyGoexit(s);
  for (let i = s.globhead; i < s.globrunq.length; i++) enqueued(s.globrunq[i], "the global queue");
  enqueued(s.pausedG, "the fake clock's paused slot (a host turn mid-slice)");
  // s3 for Go's finalizer goroutine's stand-in (proc.ts goRuntimeStart), which allgs does not list: runnable,
  // and in a run queue from main's first run until it runs.
  const finq = s.finq;
  if (finq !== null) {
    if (finq.status !== _Grunnable)
      fatal(`verify: s3: the finalizer goroutine is ${statusName(finq.status)}`);
    if (!s.finqStart && !queued.has(finq)) fatal("verify: s3: the finalizer goroutine is in no run queue");
    if (s.finqStart && queued.has(finq))
      fatal("verify: s3: the finalizer goroutine is queued before main ran");
  }
  let running = 0;
  for (const gp of s.allgs.values()) {
    if (gp.status === _Grunning) running++;
    else if (gp.status === _Grunnable && !queued.has(gp))
      fatal(`verify: s3: runnable g${gp.goid} is in no run queue`);
    else if (gp.status === _Gwaiting && (gp.resume === null || gp.waitReason === ""))
      fatal(`verify: g1: waiting g${gp.goid} has no resumer or no wait reason`);
    else if (gp.status === _Gsyscall && !s.syscallGs.has(gp))
      fatal(`verify: g1: g${gp.goid} in a syscall is not in the runtime's syscall set`);
  }
  if (running > 1) fatal("verify: g2: more than one running goroutine");
  verifyPark(s, s.allgs.values());
  if (s.syscallGs.size !== s.nsyscall) fatal("verify: nsyscall out of date");
  // s5: the fake clock never moves backwards.
  if (s.fakeNow < s.verifiedFakeNow) fatal("verify: s5: the fake clock moved backwards");
  s.verifiedFakeNow = s.fakeNow;
}

/**
 * s4 (G5): an idle real-clock runtime has its host timer armed no later than its earliest timer, so no
 * due timer can wait unseen. Checked when the M stops.
 */
export function verifyIdle(s: Sched): void {
  if (s.fake || s.mActive || s.stopped) return;
  const next = s.timeSleepUntil(false);
  if (next !== maxWhen && (s.pollUntil === 0 || s.pollUntil > next))
    fatal(`verify: s4: idle with a timer at ${next} and the host timer armed for ${s.pollUntil}`);
}
