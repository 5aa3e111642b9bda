// Port of go1.23 src/runtime/runtime2.go: type g (a goroutine), its statuses and wait reasons.
//
// A goroutine is an async function that the runtime resumes and parks. Parking returns a promise the
// goroutine awaits; the runtime resumes it by settling that promise (see proc.ts for who may do it, and
// when). A goroutine is in exactly one of these states:
//
//     _Grunnable ──execute──▶ _Grunning ──gopark──▶ _Gwaiting ──ready──▶ _Grunnable
//                                 │  ▲                                         ▲
//                                 │  └──exitsyscall── _Gsyscall               │
//                                 │   (awaits a promise gort does not own)     │
//                                 └──return/throw──▶ _Gdead        newproc ────┘
//
// Invariants (checked by Sched.verify):
//   g1. status is one of the constants below; a _Gwaiting goroutine has a resumer (`resume !== null`) and
//       a wait reason; a _Grunnable goroutine is in exactly one run queue (or a P's runnext).
//   g2. at most one goroutine per runtime is _Grunning at any instant (one JavaScript thread).

import { selfUrl } from "../selfurl.ts";
import type { Sudog } from "./chan.ts";
import { asPath, functionLocation } from "./funcloc.ts";
import type { Nanos } from "./nanotime.ts";
import type { StartFn } from "./newproc.ts";
import type { Sched } from "./proc.ts";
import type { Timer } from "./timer.ts";

/**
 * Where something was created: a captured stack (an Error whose frames V8 formats only when read), or the
 * anonymous function written at the creation call itself, whose definition is the site (funcloc.ts
 * resolves it only when a report prints).
 */
export type Site = Error | ((...a: never[]) => unknown);

export const _Gidle = 0;
export const _Grunnable = 1;
export const _Grunning = 2;
export const _Gsyscall = 3;
export const _Gwaiting = 4;
export const _Gdead = 6;

/** gort's own folders (sources, and the compiled package): frames inside them are never a user's site. */
const gortRoot = new URL("../../../", selfUrl(import.meta.url)).pathname;
const gortSrc = `${gortRoot}src/`;
const gortDist = `${gortRoot}dist/`;

export type Gstatus =
  | typeof _Gidle
  | typeof _Grunnable
  | typeof _Grunning
  | typeof _Gsyscall
  | typeof _Gwaiting
  | typeof _Gdead;

const statusNames: Record<number, string> = {
  [_Gidle]: "idle",
  [_Grunnable]: "runnable",
  [_Grunning]: "running",
  [_Gsyscall]: "syscall",
  [_Gwaiting]: "waiting",
  [_Gdead]: "dead",
};

export function statusName(s: Gstatus): string {
  return statusNames[s];
}

/**
 * The live goroutines of a runtime (Go: allgs), an intrusive doubly-linked list: adding and removing a
 * goroutine allocates nothing. Iteration order is newest first.
 */
export class AllGs {
  private head: G | null = null;
  size = 0;

  add(gp: G): void {
    gp.allPrev = null;
    gp.allNext = this.head;
    if (this.head !== null) this.head.allPrev = gp;
    this.head = gp;
    gp.inAll = true;
    this.size++;
  }

  delete(gp: G): void {
    if (!gp.inAll) return;
    const { allPrev, allNext } = gp;
    if (allPrev === null) this.head = allNext;
    else allPrev.allNext = allNext;
    if (allNext !== null) allNext.allPrev = allPrev;
    gp.allPrev = null;
    gp.allNext = null;
    gp.inAll = false;
    this.size--;
  }

  *values(): IterableIterator<G> {
    for (let g = this.head; g !== null; g = g.allNext) yield g;
  }
}

/** Go's waitReason strings, as goroutine dumps print them. */
export const waitReasonChanReceive = "chan receive";
export const waitReasonChanSend = "chan send";
export const waitReasonChanReceiveNilChan = "chan receive (nil chan)";
export const waitReasonChanSendNilChan = "chan send (nil chan)";
export const waitReasonSelect = "select";
export const waitReasonSelectNoCases = "select (no cases)";
export const waitReasonSleep = "sleep";
/** Go 1.23's WaitGroup.Wait parks in runtime_Semacquire (Go 1.24 renamed it "sync.WaitGroup.Wait"). */
export const waitReasonSyncWaitGroupWait = "semacquire";
export const waitReasonSyncMutexLock = "sync.Mutex.Lock";
export const waitReasonSyncCondWait = "sync.Cond.Wait";
export const waitReasonIO = "IO wait";
export const waitReasonGosched = "preempted";

/** How a parked goroutine is resumed: the settle functions of the promise it awaits. */
export type Resume = (value: unknown) => void;

export class G {
  readonly goid: number;
  status: Gstatus = _Gidle;
  /** Why it waits (Go's waitReason), "" unless _Gwaiting. */
  waitReason = "";
  /** What it waits on, for dumps: a channel, a select's cases, … (formatted only by dumps). */
  waitOn: unknown = null;
  /** Set once a select this goroutine is blocked in has been won by one of its cases (Go: selectDone). */
  selectDone = false;
  /** Settles the promise the goroutine awaits while parked. */
  resume: Resume | null = null;
  /** Rejects it (used to deliver a panic into a parked goroutine, e.g. a closed-channel send). */
  fail: ((err: unknown) => void) | null = null;
  /** The promise it awaits while parked (set with resume; proc.ts resumeNow adds its quick check to it). */
  parked: Promise<unknown> | null = null;
  /** The value handed over by whoever readies it (Go: gp.param). */
  param: unknown = undefined;
  /** Its sudog for blocking sends and receives, reused (chan.ts acquireSudog; Go: the P's sudog cache). */
  sudog: Sudog | null = null;
  /** Lazily created timer for sleep (Go: gp.timer). */
  timer: Timer | null = null;
  /** Pending sleep deadline (Go: gp.sleepWhen). */
  sleepWhen: Nanos = 0;
  /**
   * The timer channel a receive readied it from, whose block it releases when it next runs (Go's chanrecv
   * calls unblockTimerChan after gopark returns), or null.
   */
  unblockOnRun: Timer | null = null;
  /** Where `go` was called (a Site: resolved only when a dump needs it). */
  readonly spawnSite: Site | null;
  /** The goroutine that started it, 0 for the first. */
  readonly parentGoid: number;
  /** True for the stand-in of code outside any goroutine that blocked on gort. */
  readonly external: boolean;
  /** The runtime (or bubble) this goroutine belongs to. */
  readonly rt: Sched;
  /** Detaches an AbortSignal listener of the current park; run when the goroutine is readied. */
  abortCleanup: (() => void) | null = null;
  /**
   * A bubble's goroutine parked on a channel made outside the bubble (or a select with one): counted in
   * its runtime's nforeign until readied (Go: not durably blocked, outside code may wake it).
   */
  foreignWait = false;
  /** Operations since it was last resumed that did not block (for cooperative preemption). */
  fastOps = 0;
  /** The async context a new goroutine starts in (its creator's), until it starts (newproc.ts: sc2). */
  startCtx: StartFn | null = null;
  /** A new goroutine's function and arguments (set by newproc, cleared when it starts): no closure. */
  fn: ((...args: any[]) => unknown) | null = null;
  args: unknown[] | null = null;
  /** Links in the runtime's list of live goroutines (AllGs). */
  allPrev: G | null = null;
  allNext: G | null = null;
  inAll = false;

  constructor(rt: Sched, goid: number, spawnSite: Site | null, parentGoid: number, external = false) {
    this.rt = rt;
    this.goid = goid;
    this.spawnSite = spawnSite;
    this.parentGoid = parentGoid;
    this.external = external;
  }

  /** The spawn site as a short "file:line:col" string, or "" when not recorded. */
  spawnLocation(): string {
    return userFrame(this.spawnSite);
  }
}

/**
 * The creation site of a goroutine an AfterFunc timer starts: as in Go, "created by time.goFunc" — the
 * user's code that armed the timer is not on the stack when it fires, so nothing is captured (a stack
 * capture costs microseconds, more than the rest of a callback's start).
 */
export const goFuncSite: Error = { name: "site", message: "", stack: "site\n    at time.goFunc" };

/**
 * The gort function the user's code called, from a stack captured inside gort: the name on the last of
 * gort's frames before the first frame outside gort and Node ("Mutex.unlock", "recv"), or "".
 */
export function calledFunction(site: Error): string {
  const stack = site.stack;
  if (stack === undefined) return "";
  let name = "";
  for (const line of stack.split("\n").slice(1)) {
    if (line.includes("node:")) continue;
    if (!line.includes(gortSrc) && !line.includes(gortDist)) break;
    const m = /^\s*at (?:async )?([\w$.<>]+) \(.*\/(\w+)\.[cm]?[jt]s:\d+:\d+\)$/.exec(line);
    if (m === null) continue;
    // "Module.sleep" in time.ts → "time.sleep"; "Mutex.unlock" stays.
    const fn = m[1].replace(/^(?:Module|Object)\./, "");
    const pkg = m[2] === "timevalue" || m[2] === "duration" ? "time" : m[2];
    name = fn.includes(".") || pkg === "index" ? fn : `${pkg}.${fn}`;
  }
  return name;
}

/**
 * Where a site is, as "file:line:col", or "": an anonymous function's own location (funcloc.ts), or the
 * first frame of a captured stack outside gort and Node's internals.
 */
export function userFrame(site: Site | null): string {
  if (typeof site === "function") return functionLocation(site);
  const stack = site?.stack;
  if (stack === undefined) return "";
  for (const line of stack.split("\n").slice(1)) {
    if (line.includes(gortSrc) || line.includes(gortDist) || line.includes("node:")) continue;
    const m = /\(?((?:file:\/\/)?[^()\s]+:\d+:\d+)\)?\s*$/.exec(line);
    if (m !== null) return asPath(m[1]);
  }
  return "";
}
