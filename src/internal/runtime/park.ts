// Port of go1.23 src/runtime/proc.go's parking half: gopark, goready, Gosched, and the syscall
// transitions (entersyscall, exitsyscall), plus how gort tells that a goroutine awaits a promise it does
// not own (the drain check). Free functions over the scheduler's state, as newproc.ts and
// findrunnable.ts; Sched keeps thin methods of the same names for their callers.
//
// A goroutine parks by returning a promise it awaits (gopark); it is readied (goready) into a run queue,
// and when the M picks it, resume settles that promise: one microtask job, after which the goroutine's
// continuation runs as itself. A goroutine that instead awaits a promise gort does not own is still the
// M's goroutine once the microtask queue has drained: the drain check then moves it into a syscall
// (entersyscall), its P serves others, and its next call into gort takes the M back (exitsyscall).
//
// The drain check is a promise job plus a process.nextTick per arm. Most resumed goroutines park again
// within their continuation (a loop on a channel or a ticker), so a resumption does not arm it: one
// reaction is added to the park promise instead (armQuick), after the goroutine's own, and arms the drain
// check only if the M still has a goroutine then.
//
// Invariants (verifyPark, run by schedcheck.ts verifySched; pk2 is schedcheck's g1):
//   pk1. a waiting goroutine has its park promise and both resolving functions; a runnable one that has
//        started (readied from a park, or yielding in Gosched) keeps them until resume takes them; a
//        running one has none.
//   pk2. a goroutine in _Gsyscall is in its runtime's syscall set and counted in nsyscall (g1).
//   pk3. while the M has a goroutine (curg), a drain check or a quick check is armed, or curg has not
//        started and its start job is queued (st1), which arms the check if curg's function returns still
//        running: a foreign await is found once the microtask queue drains, never later
//        (drain-check.test.ts measures it).
//   pk4. an abort listener lives exactly as long as the park it was added to: only a waiting goroutine
//        has one.
//   pk5. only a waiting goroutine of a bubble is marked foreignWait (parked on a channel made outside the
//        bubble: chan.ts b2), and the bubble's nforeign counts exactly those (external waiters included).

import { assertNoLocks, fatal } from "../debug.ts";
import { hostAfterDrainer, hostPromiseThen, hostSetImmediate } from "../host.ts";
import { globrunqput, runqput } from "./findrunnable.ts";
import { _Grunnable, _Grunning, _Gsyscall, _Gwaiting, type G, statusName, waitReasonIO } from "./g.ts";
import { whileParking } from "./getg.ts";
import { queueStart, startPending } from "./newproc.ts";
import { _Prunning } from "./p.ts";
import type { Sched } from "./proc.ts";
import { tracing } from "./trace.ts";

/** A marker readied goroutines receive when their park must fail with a panic. */
export class ParkFailure {
  readonly err: unknown;
  constructor(err: unknown) {
    this.err = err;
  }
}

let capturedResolve: (v: unknown) => void = () => {};
let capturedReject: (e: unknown) => void = () => {};
/** A Promise executor shared by every park, so a park allocates no closure. */
function captureResolvers(resolve: (v: unknown) => void, reject: (e: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/** Checks pk1, pk3 and pk4 over rt's goroutines; fatal on the first that fails. */
export function verifyPark(rt: Sched, gs: Iterable<G>): void {
  const marked: G[] = [];
  for (const gp of gs) {
    const st = gp.status;
    if (gp.foreignWait) marked.push(gp);
    const parked = gp.parked !== null && gp.resume !== null && gp.fail !== null;
    if (st === _Gwaiting && !parked) fatal(`verify: pk1: waiting g${gp.goid} has no park promise to settle`);
    if (st === _Grunnable && gp.fn === null && !parked)
      fatal(`verify: pk1: runnable g${gp.goid} has started but has no park promise to settle`);
    if (st === _Grunning && (gp.parked !== null || gp.resume !== null))
      fatal(`verify: pk1: running g${gp.goid} still holds a park promise`);
    if (gp.abortCleanup !== null && st !== _Gwaiting)
      fatal(`verify: pk4: ${statusName(st)} g${gp.goid} still has an abort listener`);
  }
  // gs is an iterator (read once, above): the marked goroutines were collected there.
  let foreign = 0;
  for (const gp of [...marked, ...rt.externalWaiters]) {
    if (!gp.foreignWait) continue;
    foreign++;
    if (gp.status !== _Gwaiting || rt.nodeTimers === null)
      fatal(
        `verify: pk5: ${statusName(gp.status)} g${gp.goid} marked as parked on a channel from outside its bubble`,
      );
  }
  if (foreign !== rt.nforeign) fatal(`verify: pk5: nforeign ${rt.nforeign}, ${foreign} goroutines marked`);
  rt.drain.verify();
}

/**
 * Go: gopark. Parks the running goroutine (or, outside any goroutine, a stand-in) with a wait reason.
 * `afterPark` runs once the goroutine is waiting (Go's unlockf: e.g. arming the sleep timer). Returns the
 * promise the caller awaits; it settles when the goroutine is readied and scheduled again.
 */
export function gopark(
  rt: Sched,
  gp: G,
  reason: string,
  waitOn: unknown,
  afterPark?: (gp: G) => void,
): Promise<unknown> {
  assertNoLocks("gopark");
  if (gp.status === _Gsyscall) exitsyscallStatus(rt, gp);
  else if (!gp.external && gp.status !== _Grunning)
    fatal(
      `gopark: goroutine ${gp.goid} is ${statusName(gp.status)}, not running: it started a blocking call while another of its calls was still pending (a missing await?)`,
    );
  const p = new Promise<unknown>(captureResolvers);
  gp.resume = capturedResolve;
  gp.fail = capturedReject;
  gp.parked = p;
  gp.status = _Gwaiting;
  gp.waitReason = reason;
  gp.waitOn = waitOn;
  if (tracing && !gp.external) rt.trace("go.block", gp.goid, reason);
  if (afterPark !== undefined) whileParking(gp, afterPark);
  if (gp.external) {
    rt.externalWaiters.add(gp);
    return p;
  }
  rt.release(gp);
  return p;
}

/**
 * Parks gp until the foreign promise p settles (Go: a goroutine in a syscall). It counts as in a syscall
 * meanwhile: not durably blocked, so checkdead neither reports a deadlock nor moves the fake clock. It
 * resumes through the scheduler, so it runs as itself.
 */
export function parkIO(rt: Sched, gp: G, p: PromiseLike<unknown>, reason: string): Promise<unknown> {
  rt.nio++;
  const parked = gopark(rt, gp, reason, null);
  const done = (failed: boolean, v: unknown) => {
    rt.nio--;
    if (gp.status !== _Gwaiting || rt.stopped) return;
    if (failed) goreadyErr(rt, gp, v);
    else goready(rt, gp, v);
    rt.kick();
  };
  p.then(
    (v) => done(false, v),
    (e) => done(true, e),
  );
  return parked;
}

/**
 * Go: goready. Makes a waiting goroutine runnable with `param` as the value its park resolves to, in the
 * current P's runnext (the hand-off), and wakes an idle P to steal work.
 */
export function goready(rt: Sched, gp: G, param: unknown): void {
  if (gp.status !== _Gwaiting) fatal(`goready: bad g status ${statusName(gp.status)}`);
  const cleanup = gp.abortCleanup;
  if (cleanup !== null) {
    gp.abortCleanup = null;
    cleanup();
  }
  if (gp.foreignWait) {
    gp.foreignWait = false;
    rt.nforeign--;
  }
  gp.param = param;
  gp.waitReason = "";
  gp.waitOn = null;
  if (rt.stopped) return;
  gp.status = _Grunnable;
  if (tracing && !gp.external) rt.trace("go.unblock", gp.goid, rt.curg?.goid ?? 0);
  if (gp.external) {
    // Code outside any goroutine resumes on its own; it never holds a P. What execute does for a
    // goroutine it runs happens here: a receive from a timer channel unblocks it, and a failed park
    // rejects (an abort, a close while sending) instead of resolving with the ParkFailure.
    rt.externalWaiters.delete(gp);
    gp.status = _Grunning;
    gp.param = undefined;
    if (gp.unblockOnRun !== null) unblockOnRun(gp);
    const resume = gp.resume!;
    const fail = gp.fail!;
    gp.resume = null;
    gp.fail = null;
    gp.parked = null;
    if (param instanceof ParkFailure) fail(param.err);
    else resume(param);
    return;
  }
  runqput(rt, gp, true);
  rt.wakep();
}

/**
 * gp runs again after a receive from a timer channel readied it (chan.ts readySudog): the channel's timer
 * is unblocked, as Go's chanrecv does on waking. Called by execute, and by goready for code outside any
 * goroutine, which resumes without execute.
 */
export function unblockOnRun(gp: G): void {
  const t = gp.unblockOnRun!;
  gp.unblockOnRun = null;
  t.unblockTimerChan();
}

/** Like goready, but the goroutine's park rejects with `err` (a panic raised in it, e.g. send on closed). */
export function goreadyErr(rt: Sched, gp: G, err: unknown): void {
  goready(rt, gp, new ParkFailure(err));
}

/**
 * Lets `signal` end gp's current park: on abort, `cancel` withdraws gp from whatever it waits on and the
 * park rejects with signal.reason. Call right after gopark.
 */
export function abortable(rt: Sched, gp: G, signal: AbortSignal, cancel: () => void): void {
  // gopark's own schedule may already have ended this park: a timer it ran (a sleep of 1 ns, due at
  // once) readied gp, and goready found no listener to remove. A listener added now would outlive the
  // park and wake gp out of a later, unrelated wait (pk4).
  if (gp.status !== _Gwaiting) return;
  const onAbort = () => {
    if (gp.abortCleanup !== cleanup || gp.status !== _Gwaiting) return;
    cancel();
    goreadyErr(rt, gp, signal.reason);
  };
  const cleanup = () => signal.removeEventListener("abort", onAbort);
  gp.abortCleanup = cleanup;
  signal.addEventListener("abort", onAbort, { once: true });
}

/** Go: Gosched. The running goroutine yields: it goes to the global queue and others run. */
export function gosched(rt: Sched, gp: G): Promise<unknown> {
  if (gp.external) return new Promise((resolve) => hostSetImmediate(resolve));
  if (gp.status === _Gsyscall) exitsyscallStatus(rt, gp);
  const p = new Promise<unknown>(captureResolvers);
  gp.resume = capturedResolve;
  gp.fail = capturedReject;
  gp.parked = p;
  gp.status = _Grunnable;
  globrunqput(rt, gp);
  // Go's goschedImpl wakes an idle P for the queued goroutine (once main has started: wakep checks
  // creatingMain), then schedules.
  rt.wakep();
  if (rt.curg === gp) rt.release(gp);
  return p;
}

/**
 * The M resumes gp, just made its goroutine (execute): one job, a new goroutine's start or the settling
 * of the promise a parked one awaits, and a check that will find it if it then awaits a foreign promise
 * (pk3). A new goroutine's check is armed by its start job, and only if its function is still running
 * when it returns (runG): most goroutines a timer or a `go` starts either end or park before then.
 */
export function resume(rt: Sched, gp: G): void {
  gp.fastOps = 0;
  const dc = rt.drain;
  dc.resumes++;
  if (gp.fn !== null) {
    queueStart(gp);
    return;
  }
  const resolve = gp.resume;
  const parked = gp.parked;
  gp.parked = null;
  // A readied goroutine has both (gopark and Gosched set them together, pk1); the drain check covers the rest.
  if (resolve === null || parked === null) {
    dc.arm();
    return;
  }
  const param = gp.param;
  gp.param = undefined;
  gp.resume = null;
  const fail = gp.fail!;
  gp.fail = null;
  if (param instanceof ParkFailure) {
    // The park rejects: a fulfilment reaction on it would leave a rejected promise unhandled.
    dc.arm();
    fail(param.err);
    return;
  }
  dc.armQuick(parked);
  resolve(param);
}

/**
 * The running goroutine awaits a promise gort does not own (Go: entersyscall + handoffp): found still
 * running once the microtask queue drained. Its P serves other goroutines meanwhile (pk2).
 */
export function entersyscall(rt: Sched, gp: G): void {
  if (gp.status !== _Grunning) return;
  gp.status = _Gsyscall;
  if (tracing) rt.trace("go.syscall", gp.goid);
  gp.waitReason = waitReasonIO;
  rt.nsyscall++;
  rt.syscallGs.add(gp);
  rt.release(gp);
}

/** gp in a syscall is running again: it leaves the syscall set (pk2). */
export function exitsyscallStatus(rt: Sched, gp: G): void {
  gp.status = _Grunning;
  gp.waitReason = "";
  rt.nsyscall--;
  rt.syscallGs.delete(gp);
}

/**
 * A goroutine in a syscall runs gort code again (Go: exitsyscall). If the M is free it takes an idle P
 * and becomes the M's goroutine; if not, it stays in _Gsyscall (Go would queue it; a JavaScript function
 * cannot be stopped mid-call) until it parks, and then the M resumes it like any other.
 */
export function exitsyscall(rt: Sched, gp: G): void {
  if (rt.mActive || rt.stopped) return;
  exitsyscallStatus(rt, gp);
  const pp = rt.pidleget() ?? rt.allp[0];
  if (pp.status !== _Prunning) rt.startm(pp, false);
  rt.curP = pp;
  rt.mActive = true;
  rt.curg = gp;
  rt.poll.cancel();
  rt.drain.arm();
  if (tracing) rt.trace("go.start", gp.goid, pp.id);
}

/**
 * A runtime's drain check (pk3): finds the M's goroutine still running once the microtask queue has
 * drained — it awaits a promise gort does not own — and moves it into a syscall.
 */
export class DrainCheck {
  private readonly rt: Sched;
  /** A check is armed for when the microtask queue drains. */
  private armed = false;
  /** A quick check is queued on the park promise of a goroutine just resumed (armQuick). */
  private quickArmed = false;
  /** Drain checks armed so far (drain-check.test.ts bounds them per wake-up). */
  checks = 0;
  /** Resumptions so far, and their number when the drain check was armed (see onDrain). */
  resumes = 0;
  private resumesAtArm = 0;
  /** Arms onDrain for when the microtask queue has drained (host.ts: its job made once). */
  private readonly armOnDrain: () => void;

  constructor(rt: Sched) {
    this.rt = rt;
    this.armOnDrain = hostAfterDrainer(this.onDrain);
  }

  /** Arms the check, once the microtask queue has drained, for a goroutine that never parked. */
  arm(): void {
    if (this.armed) return;
    this.armed = true;
    this.checks++;
    this.resumesAtArm = this.resumes;
    this.armOnDrain();
  }

  /**
   * Before a parked goroutine's promise is resolved: unless a check is pending already, one reaction is
   * added to the park promise; reactions run in the order they were added, so it runs after the
   * goroutine's own (its await's, added when it parked) and arms the drain check only if the M still has a
   * goroutine then: this one awaiting something else, or another resumed meanwhile (whose job, queued
   * later, has not run). With curg null no resumption is pending: each sets curg before its job is
   * queued, and a park clears it.
   */
  armQuick(parked: Promise<unknown>): void {
    if (this.armed || this.quickArmed) return;
    this.quickArmed = true;
    hostPromiseThen(parked, this.quickCheck);
  }

  /** pk3: with a goroutine on the M, a check is armed. */
  verify(): void {
    const rt = this.rt;
    // A goroutine that has not started yet has its start job queued (st1); that job arms the check if the
    // goroutine is still running when its function returns.
    if (rt.curg !== null && !rt.stopped && !this.armed && !this.quickArmed && !startPending(rt.curg))
      fatal(`verify: pk3: g${rt.curg.goid} is the M's goroutine and no drain check is armed`);
  }

  private readonly quickCheck = (): void => {
    this.quickArmed = false;
    const rt = this.rt;
    if (rt.curg !== null && !rt.stopped) this.arm();
  };

  /** The microtask queue drained while curg was running: it awaits a promise gort does not own. */
  private readonly onDrain = (): void => {
    this.armed = false;
    if (this.resumes !== this.resumesAtArm) {
      // A resumption was queued after this check was armed — possibly by a process.nextTick callback
      // that ran just before this one, with its microtask job still pending (Node runs every queued tick
      // before the microtasks they queue). Check again once that job has run.
      this.arm();
      return;
    }
    const rt = this.rt;
    const gp = rt.curg;
    if (gp === null || rt.stopped) return;
    try {
      entersyscall(rt, gp);
    } catch (e) {
      rt.throwFatal(e);
    }
  };
}
