// Stress: seeded random programs that mix gort with the host — host-style timers, foreign promises and
// real I/O — across several synctest bubbles and several Runtimes at once, each checked against the exact
// virtual times the generator computes.
//
// programs.test.ts only uses gort's own APIs, so it cannot reach the bugs of test/unit/runtime/
// identity.test.ts (timers joining another runtime's heap, the fake clock leaking to outside code, hangs
// with two bubbles at once, a file read followed by a setTimeout in a bubble never finishing). Each program
// here (one seed) runs at the same time, under Promise.all:
//   - 0–3 synctest bubbles (procs 1 or 4) whose root goroutine runs a random script of steps: time.sleep,
//     setTimeout, setInterval + clearInterval after n ticks, setImmediate, node:timers/promises setTimeout,
//     fs.promises.stat/readFile of a file this test writes in os.tmpdir(), io(stat), a round trip on a
//     127.0.0.1 TCP socket to an echo server this test starts, an await of a promise a real host timer
//     resolves (Node's setTimeout as a library loaded before gort/synctest took it, outside the bubble's
//     fakes: a bubble holds its time while that timer is pending), time.afterFunc and host setTimeout callbacks that start goroutines, select over a channel
//     and time.after, a producer goroutine feeding a channel, and groups of goroutines running sub-scripts
//     joined by a WaitGroup or a channel;
//   - 0–2 `new Runtime({ clock: "fake", procs })` running scripts of the same steps (host timers are real
//     there: an await of one is a foreign await, which holds the runtime's virtual time still);
//   - 0–1 real-clock Runtime with tiny durations (10 µs units; only lower bounds: a sleep is never early);
//   - outside code (the test body: no goroutine) doing stat, setTimeout, setImmediate, timers/promises,
//     time.afterFunc on the default runtime and channel receives, while the echo server's callbacks run.
// Every step's virtual duration is determined (I/O and foreign awaits take 0 virtual time: they hold the
// clock still), so the generator knows at what virtual offset every step must end. After every step:
//   - the clock reads exactly that offset: Date.now(), performance.now() and time.since() in a bubble,
//     time.since() in a fake Runtime (whose Date.now() must be the real clock: the bubble's fake clock may
//     not leak into it), a lower bound in the real-clock Runtime;
//   - getg() is a goroutine of this step's runtime (contextRuntime() is it, in timer callbacks too);
//   - e2: every timer in every heap of every live runtime of the program (and the default runtime) has that
//     runtime as its home (timerHome(t) undefined or it);
// and outside code (the test body, host callbacks started outside, the echo server) sees getg() null, no
// runtime, and Date.now()/performance.now() within a minute of the real clock.
// A program must finish within hangMs of real time (a hang detector, not a speed check); each bubble also
// bounds virtual time and timer firings.
//
//   npm run test:unit -- host-mix                     2,000 programs
//   STRESS=1 npm run test:unit -- host-mix            100,000 programs (npm run stress runs this too)
//   HOSTMIX_RUNS=N npm run test:unit -- host-mix      N programs (seeds 1…N; HOSTMIX_FROM=k starts at k)
//   SEED=S npm run test:unit -- host-mix              replay program S (prints its plan)
//
// Big run (2 cores, Node 20.20.2, VERIFY on): `HOSTMIX_RUNS=150000 npm run test:unit -- host-mix` ran seeds
// 1–137,066 in 1,007 s and stopped at its 5th failure: 137,061 passed; seeds 64697, 71829, 86869, 100622
// and 137066 stalled (a bubble at procs 4 held still by a goroutine wrongly in [syscall]: see the repro
// test at the end of this file). Each replays alone with SEED=<seed>.
// With bubbles holding time on tracked host I/O (iotrack.ts), 2026-12-02, Node 20.20.2, a loaded VM:
// seeds 400,001–450,000 passed in 350 s and 450,001–550,000 in 878 s (150,000 programs, 0 failed).
import assert from "node:assert/strict";
import { writeSync } from "node:fs";
import { readFile, stat, unlink, writeFile } from "node:fs/promises";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as tpSleep } from "node:timers/promises";
import { chan, go, io, type ReceiveChan, recv, select, time, WaitGroup } from "../../src/index.ts";
import { hostDateNow, hostPerfNow, hostSetTimeout, hostTimerFunctions } from "../../src/internal/host.ts";
import { contextRuntime, defaultRuntime, getg } from "../../src/internal/runtime/getg.ts";
import { Sched as Runtime } from "../../src/internal/runtime/proc.ts";
import { timerHome } from "../../src/internal/runtime/timerenv.ts";
import * as synctest from "../../src/synctest.ts";
import { envInt, Rng } from "./rng.ts";

// ===== configuration =====

/**
 * Node's real setTimeout (hostWait): gort's own capture, as a library loaded before gort/synctest took it
 * (one taken after it, as globalThis.setTimeout is here, is gort's pass-through wrapper and follows bubbles).
 */
const realSetTimeout = hostTimerFunctions.setTimeout as typeof setTimeout;
const replaySeed = envInt("SEED");
const runs =
  replaySeed !== undefined ? 1 : (envInt("HOSTMIX_RUNS") ?? (process.env.STRESS === "1" ? 100_000 : 2000));
const firstSeed = replaySeed ?? envInt("HOSTMIX_FROM") ?? 1;
/** A program that has not finished after this much real time has hung. */
const hangMs = 30_000;
/** The real-clock Runtime's unit: one plan millisecond is this many ns. */
const realUnit = 10_000;
/** Outside code must read a clock within this many ms of the real one. */
const realSlackMs = 60_000;

// ===== the plan =====

type Env = "bubble" | "fake" | "real";

type Step =
  | { k: "sleep"; d: number }
  | { k: "setTimeout"; d: number }
  | { k: "interval"; d: number; n: number }
  | { k: "immediate" }
  | { k: "tpSleep"; d: number }
  | { k: "stat" }
  | { k: "readFile" }
  | { k: "io" }
  | { k: "tcp"; bytes: number }
  | { k: "hostWait" }
  | { k: "afterFunc"; d: number; inner: number }
  | { k: "hostGo"; d: number; inner: number }
  /** sendAt: null = nobody sends, -1 = the value is in the buffer before the select. */
  | { k: "select"; timeout: number; sendAt: number | null }
  | { k: "par"; kids: Step[][]; join: "wg" | "chan" }
  | { k: "pipe"; n: number; gap: number; cap: number };

interface Script {
  env: Env;
  procs: number;
  steps: Step[];
  /** Where the script's last step ends, and where its last leftover timer or goroutine is done. */
  end: number;
  tail: number;
}

interface Plan {
  seed: number;
  scripts: Script[];
  outside: string[];
  io: boolean;
  tcp: boolean;
}

/** Virtual (bubble, fake) or lower-bound (real) duration of a step, in plan ms. */
function dur(s: Step, env: Env): number {
  switch (s.k) {
    case "sleep":
      return s.d;
    case "setTimeout":
    case "tpSleep":
      return env === "bubble" ? s.d : 0;
    case "interval":
      return env === "bubble" ? s.d * s.n : 0;
    case "afterFunc":
      return s.d + s.inner;
    case "hostGo":
      return (env === "bubble" ? s.d : 0) + s.inner;
    case "select":
      if (s.sendAt === null) return s.timeout;
      if (s.sendAt < 0) return 0;
      return Math.min(s.sendAt, s.timeout);
    case "par":
      return Math.max(...s.kids.map((k) => span(k, env)));
    case "pipe":
      return s.n * s.gap;
    default:
      return 0;
  }
}

function span(steps: Step[], env: Env): number {
  let t = 0;
  for (const s of steps) t += dur(s, env);
  return t;
}

/** The latest instant anything a script started (a select's loser) is still pending, from offset `at`. */
function tailOf(steps: Step[], env: Env, at: number): number {
  let tail = at;
  for (const s of steps) {
    if (s.k === "select" && s.sendAt !== null) tail = Math.max(tail, at + Math.max(s.sendAt, s.timeout));
    if (s.k === "par") for (const kid of s.kids) tail = Math.max(tail, tailOf(kid, env, at));
    at += dur(s, env);
    tail = Math.max(tail, at);
  }
  return tail;
}

class Gen {
  constructor(
    readonly r: Rng,
    readonly env: Env,
    readonly io: boolean,
    readonly tcp: boolean,
  ) {}

  /** A duration in plan ms: small in the real-clock runtime, anything up to a few virtual seconds else. */
  d(min = 0): number {
    const r = this.r;
    if (this.env === "real") return min + r.int(40);
    const k = r.int(10);
    if (k < 2) return min;
    if (k < 8) return min + (1 + r.int(20)) * 5; // a coarse grid: equal deadlines are common
    return min + 1 + r.int(3000);
  }

  steps(n: number, depth: number): Step[] {
    const out: Step[] = [];
    for (let i = 0; i < n; i++) out.push(this.step(depth));
    return out;
  }

  step(depth: number): Step {
    const r = this.r;
    for (;;) {
      const k = r.int(100);
      if (k < 12) return { k: "sleep", d: this.d() };
      if (k < 22) return { k: "setTimeout", d: this.d(1) };
      if (k < 27) return { k: "interval", d: this.d(1), n: 1 + r.int(3) };
      if (k < 31) return { k: "immediate" };
      if (k < 37) return { k: "tpSleep", d: this.d(1) };
      if (k < 45) {
        if (!this.io) continue;
        return { k: r.pick(["stat", "readFile", "io"] as const) };
      }
      if (k < 48) {
        if (!this.tcp) continue;
        return { k: "tcp", bytes: 1 + r.int(2000) };
      }
      if (k < 52) return { k: "hostWait" };
      if (k < 60) return { k: "afterFunc", d: this.d(), inner: this.d() };
      if (k < 68) return { k: "hostGo", d: this.d(1), inner: this.d() };
      if (k < 80) return this.select();
      if (k < 90) {
        if (depth >= 2) continue;
        const kids: Step[][] = [];
        for (let j = 2 + r.int(2); j > 0; j--) kids.push(this.steps(1 + r.int(3), depth + 1));
        return { k: "par", kids, join: r.chance(0.5) ? "wg" : "chan" };
      }
      return { k: "pipe", n: 1 + r.int(4), gap: this.d(), cap: r.int(3) };
    }
  }

  select(): Step {
    const r = this.r;
    const timeout = this.d(1);
    const c = r.int(10);
    // In the real-clock runtime only outcomes that do not depend on timing: nobody sends, or already sent.
    if (c < 2) return { k: "select", timeout, sendAt: null };
    if (c < 4 || this.env === "real") return { k: "select", timeout, sendAt: -1 };
    let sendAt = this.d();
    if (sendAt === timeout) sendAt++; // distinct deadlines: a tie may go either way
    return { k: "select", timeout, sendAt };
  }
}

function makePlan(seed: number): Plan {
  const r = new Rng(seed);
  const io = r.chance(0.35);
  const tcp = r.chance(0.12);
  let nb = r.pick([0, 1, 1, 2, 2, 3]);
  const nf = r.pick([0, 0, 1, 1, 2]);
  const nr = r.chance(0.25) ? 1 : 0;
  if (nb + nf + nr === 0) nb = 1;
  const scripts: Script[] = [];
  const envs: Env[] = [
    ...Array<Env>(nb).fill("bubble"),
    ...Array<Env>(nf).fill("fake"),
    ...Array<Env>(nr).fill("real"),
  ];
  for (const env of envs) {
    const g = new Gen(new Rng(seed * 7919 + scripts.length * 104729 + 1), env, io, tcp);
    const steps = g.steps(1 + g.r.int(5), 0);
    scripts.push({
      env,
      procs: r.chance(0.5) ? 1 : 4,
      steps,
      end: span(steps, env),
      tail: tailOf(steps, env, 0),
    });
  }
  const outside: string[] = [];
  const kinds = ["stat", "setTimeout", "setImmediate", "tpSleep", "afterFunc", "hostWait"];
  for (let i = r.int(5); i > 0; i--) outside.push(r.pick(kinds));
  return { seed, scripts, outside, io, tcp };
}

function describeStep(s: Step, indent: string): string {
  if (s.k !== "par") return `${indent}${JSON.stringify(s)}`;
  const lines = [`${indent}par join=${s.join}`];
  s.kids.forEach((kid, i) => {
    lines.push(`${indent}  kid ${i}:`);
    for (const c of kid) lines.push(describeStep(c, `${indent}    `));
  });
  return lines.join("\n");
}

function describePlan(p: Plan): string {
  const lines = [`io=${p.io} tcp=${p.tcp} outside=[${p.outside.join(", ")}]`];
  p.scripts.forEach((s, i) => {
    lines.push(`script ${i}: ${s.env} procs=${s.procs} end=${s.end} tail=${s.tail}`);
    for (const st of s.steps) lines.push(describeStep(st, "  "));
  });
  return lines.join("\n");
}

// ===== shared host fixtures =====

/** The file read by I/O steps, and the echo server of TCP steps (both made by the test). */
interface Fixture {
  file: string;
  content: string;
  port: number;
  /** Errors seen by callbacks that run outside every program (the server's). */
  errors: string[];
}

/** Checks that code outside every goroutine and runtime sees the real clock; returns a problem or null. */
function outsideProblem(where: string): string | null {
  if (getg() !== null) return `${where}: getg() is g${getg()!.goid}, want null outside any goroutine`;
  const rt = contextRuntime();
  if (rt !== null) return `${where}: contextRuntime() is runtime ${rt.id}, want none outside`;
  const d = Date.now();
  if (Math.abs(d - hostDateNow()) > realSlackMs) return `${where}: outside Date.now() read ${d}`;
  const p = performance.now();
  if (Math.abs(p - hostPerfNow()) > realSlackMs) return `${where}: outside performance.now() read ${p}`;
  return null;
}

// ===== running a program =====

class HostMixError extends Error {
  override name = "HostMixError";
}

class Program {
  /** Every runtime of the program, once known (a bubble's when its root goroutine starts). */
  readonly rts = new Set<Runtime>();
  readonly errors: string[] = [];
  steps = 0;
  homeChecks = 0;

  constructor(
    readonly plan: Plan,
    readonly fx: Fixture,
  ) {}

  fail(msg: string): never {
    this.errors.push(msg);
    throw new HostMixError(msg);
  }

  /** e2 over every heap of every live runtime of the program, and of the default runtime. */
  checkHomes(where: string): void {
    this.homeChecks++;
    const all = [...this.rts, defaultRuntime()];
    for (const rt of all) {
      if (rt.stopped) continue;
      for (const pp of rt.allp) {
        const heap = pp.timers.heapT;
        for (let i = 0; i < heap.length; i++) {
          const home = timerHome(heap[i]);
          if (home !== undefined && home !== rt)
            this.fail(
              `${where}: e2: a timer of runtime ${home.id} is in P${pp.id}'s heap of runtime ${rt.id}`,
            );
        }
      }
    }
  }

  /** In a host callback: resolve if outside code sees what it should, else reject (never throw there). */
  settle(where: string, resolve: () => void, reject: (e: unknown) => void): void {
    try {
      this.outside(where);
      resolve();
    } catch (e) {
      reject(e);
    }
  }

  outside(where: string): void {
    const p = outsideProblem(where);
    if (p !== null) this.fail(p);
    this.checkHomes(where);
  }

  async run(): Promise<void> {
    const work: Promise<unknown>[] = this.plan.scripts.map((s, i) => this.script(s, i));
    work.push(this.outsideLoop());
    const settled = await Promise.allSettled(work);
    for (const s of settled) if (s.status === "rejected") this.errors.push(describeError(s.reason));
    this.outside("after the program");
  }

  async script(s: Script, i: number): Promise<void> {
    const seed = this.plan.seed * 16 + i;
    const main = (rt: Runtime) => new Exec(this, s, i, rt).main();
    let got: number;
    if (s.env === "bubble") {
      got = await synctest.run(() => main(getg()!.rt as Runtime), {
        procs: s.procs,
        seed,
        sites: false,
        stallTimeout: 10_000,
        maxVirtualTime: 3600e9,
        maxTimerFirings: 100_000,
      });
    } else {
      const rt = new Runtime({ clock: s.env, procs: s.procs, seed, spawnSites: false });
      this.rts.add(rt);
      try {
        got = await rt.run(() => main(rt));
        rt.verify();
      } finally {
        rt.stop();
      }
    }
    this.outside(`after script ${i}`);
    const want = Math.max(s.end, s.tail);
    if (s.env === "real") {
      if (got < want * realUnit)
        this.fail(`script ${i} (real) ended after ${got} ns, want >= ${want * realUnit}`);
    } else if (got !== want * 1e6) this.fail(`script ${i} (${s.env}) ended at ${got / 1e6} ms, want ${want}`);
  }

  /** Outside code running alongside: no goroutine, no runtime, the real clock. */
  async outsideLoop(): Promise<void> {
    for (const what of this.plan.outside) {
      const where = `outside ${what}`;
      this.outside(where);
      switch (what) {
        case "stat":
          if (!(await stat(this.fx.file)).isFile()) this.fail(`${where}: not a file`);
          break;
        case "setTimeout":
          await new Promise<void>((resolve, reject) =>
            setTimeout(() => {
              this.settle(`${where} callback`, resolve, reject);
            }, 1),
          );
          break;
        case "setImmediate":
          await new Promise<void>((resolve, reject) =>
            setImmediate(() => {
              this.settle(`${where} callback`, resolve, reject);
            }),
          );
          break;
        case "tpSleep":
          await tpSleep(1);
          break;
        case "hostWait":
          await new Promise((r) => realSetTimeout(r, 1));
          break;
        default: {
          // A gort timer outside any goroutine: the default runtime's, on the real clock.
          const c = chan<number>(1);
          const drt = defaultRuntime();
          time.afterFunc(time.Microsecond * 50, () => {
            // Recorded, not thrown: a panic here would end the default runtime, not this program.
            if (contextRuntime() !== drt)
              this.errors.push(`${where}: the callback is not in the default runtime`);
            go(async () => {
              if (getg()?.rt !== drt)
                this.errors.push(`${where}: its goroutine is not in the default runtime`);
              if (Math.abs(Date.now() - hostDateNow()) > realSlackMs)
                this.errors.push(`${where}: fake Date.now()`);
              await c.send(1);
            });
          });
          if ((await c.recv()) !== 1) this.fail(`${where}: wrong value`);
        }
      }
      this.outside(`${where} done`);
    }
  }
}

/** Runs one script in its runtime, checking the clock after every step. */
class Exec {
  readonly env: Env;
  /** ns of one plan ms. */
  readonly unit: number;
  private start = time.now();
  private date0 = 0;
  private perf0 = 0;
  /** Losing time.after channels to receive at the end. */
  private readonly afters: { c: ReceiveChan<time.Time>; at: number; where: string }[] = [];

  constructor(
    readonly p: Program,
    readonly s: Script,
    readonly idx: number,
    readonly rt: Runtime,
  ) {
    this.env = s.env;
    this.unit = s.env === "real" ? realUnit : 1e6;
  }

  fail(msg: string): never {
    return this.p.fail(`script ${this.idx} (${this.env}, runtime ${this.rt.id}): ${msg}`);
  }

  async main(): Promise<number> {
    this.p.rts.add(this.rt);
    this.start = time.now();
    this.date0 = Date.now();
    this.perf0 = performance.now();
    this.check(0, "start");
    await this.runSteps(this.s.steps, 0, "main");
    const end = this.s.end;
    const tail = Math.max(end, this.s.tail);
    // Wait for the leftovers (a select's losing timer or sender) so that nothing is left armed.
    const left = tail * this.unit - time.since(this.start);
    if (left > 0) await time.sleep(left);
    for (const a of this.afters) {
      const since = time.since(this.start);
      // Overdue: the receive returns at once, with the time it was due.
      this.timeValue((await a.c.recv())!, a.at, `${a.where}: the losing time.after, received at the end`);
      if (time.since(this.start) !== since && this.env !== "real")
        this.fail(`${a.where}: receiving the overdue losing time.after took virtual time`);
    }
    if (this.env !== "real") this.check(tail, "end");
    return time.since(this.start);
  }

  /** The code runs in this runtime, at plan offset `off`. */
  check(off: number, where: string, inGoroutine = true): void {
    this.p.steps++;
    const rt = contextRuntime();
    if (rt !== this.rt) this.fail(`${where}: contextRuntime() is ${rt?.id ?? "none"}`);
    if (inGoroutine && getg()?.rt !== this.rt)
      this.fail(`${where}: getg() is not a goroutine of the runtime`);
    const since = time.since(this.start);
    if (this.env === "real") {
      if (since < off * this.unit) this.fail(`${where}: time.since ${since} ns, want >= ${off * this.unit}`);
    } else {
      if (since !== off * 1e6) this.fail(`${where}: time.since is ${since / 1e6} ms, want ${off}`);
    }
    if (this.env === "bubble") {
      const dd = Date.now() - this.date0;
      if (dd !== off) this.fail(`${where}: Date.now() moved ${dd} ms, want ${off}`);
      const pd = performance.now() - this.perf0;
      if (Math.abs(pd - off) > 1e-6) this.fail(`${where}: performance.now() moved ${pd} ms, want ${off}`);
    } else {
      const d = Date.now();
      if (Math.abs(d - hostDateNow()) > realSlackMs)
        this.fail(`${where}: Date.now() read ${d} outside a bubble (the fake clock leaked)`);
    }
    this.p.checkHomes(`script ${this.idx} ${where}`);
  }

  async runSteps(steps: Step[], off: number, who: string): Promise<number> {
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      const where = `${who} step ${i} ${s.k}`;
      await this.step(s, off, where);
      off += dur(s, this.env);
      this.check(off, where);
    }
    return off;
  }

  /** A timer channel's value: the instant it was due, plan offset `at` (no earlier, in real time). */
  timeValue(v: time.Time, at: number, where: string): void {
    const off = v.sub(this.start);
    if (this.env === "real" ? off < at * this.unit : off !== at * this.unit)
      this.fail(`${where}: the value is at ${off / this.unit} ms, want ${at}`);
  }

  ms(d: number): number {
    return d * this.unit;
  }

  /** A host-style delay: the plan's in a bubble, 1 real ms elsewhere (a foreign await: no virtual time). */
  hostMs(d: number): number {
    return this.env === "bubble" ? d : 1;
  }

  async step(s: Step, off: number, where: string): Promise<void> {
    const fx = this.p.fx;
    switch (s.k) {
      case "sleep":
        await time.sleep(this.ms(s.d));
        return;
      case "setTimeout":
        await new Promise<void>((resolve) =>
          setTimeout(() => {
            if (this.env === "bubble") this.check(off + s.d, `${where} callback`);
            resolve();
          }, this.hostMs(s.d)),
        );
        return;
      case "interval": {
        let ticks = 0;
        await new Promise<void>((resolve) => {
          const h = setInterval(() => {
            ticks++;
            if (this.env === "bubble") this.check(off + ticks * s.d, `${where} tick ${ticks}`);
            if (ticks === s.n) {
              clearInterval(h);
              resolve();
            }
          }, this.hostMs(s.d));
        });
        return;
      }
      case "immediate":
        await new Promise<void>((resolve) =>
          setImmediate(() => {
            if (this.env === "bubble") this.check(off, `${where} callback`);
            resolve();
          }),
        );
        return;
      case "tpSleep": {
        const v = await tpSleep(this.hostMs(s.d), s.d);
        if (v !== s.d) this.fail(`${where}: timers/promises setTimeout resolved with ${v}`);
        return;
      }
      case "stat":
        if ((await stat(fx.file)).size !== fx.content.length) this.fail(`${where}: wrong size`);
        return;
      case "readFile":
        if ((await readFile(fx.file, "utf8")) !== fx.content) this.fail(`${where}: wrong content`);
        return;
      case "io":
        if (!(await io(stat(fx.file))).isFile()) this.fail(`${where}: not a file`);
        return;
      case "hostWait":
        await new Promise((r) => realSetTimeout(r, 1));
        return;
      case "tcp":
        return this.tcp(s.bytes, where);
      case "afterFunc": {
        const c = chan<number>();
        time.afterFunc(this.ms(s.d), () => {
          this.check(off + s.d, `${where} callback`, false);
          go(async () => {
            await time.sleep(this.ms(s.inner));
            this.check(off + s.d + s.inner, `${where} goroutine`);
            await c.send(7);
          });
        });
        if ((await c.recv()) !== 7) this.fail(`${where}: wrong value`);
        return;
      }
      case "hostGo": {
        const c = chan<number>();
        const d = this.env === "bubble" ? s.d : 0;
        const started = new Promise<void>((resolve, reject) =>
          setTimeout(() => {
            try {
              this.check(off + d, `${where} callback`, this.env === "bubble");
            } catch (e) {
              reject(e); // outside a bubble this is a host callback: a throw would be uncaught
              return;
            }
            go(async () => {
              await time.sleep(this.ms(s.inner));
              this.check(off + d + s.inner, `${where} goroutine`);
              await c.send(8);
            });
            resolve();
          }, this.hostMs(s.d)),
        );
        // Outside a bubble the runtime does not know of the host timer: wait for it as a foreign promise.
        if (this.env !== "bubble") await started;
        if ((await c.recv()) !== 8) this.fail(`${where}: wrong value`);
        return;
      }
      case "select": {
        const c = chan<number>(1);
        if (s.sendAt !== null && s.sendAt < 0) await c.send(5);
        else if (s.sendAt !== null) {
          const at = s.sendAt;
          go(async () => {
            if (at > 0) await time.sleep(this.ms(at));
            await c.send(6);
          });
        }
        const after = time.after(this.ms(s.timeout));
        const res = await select([recv(c), recv(after)] as const);
        const want = s.sendAt === null ? 1 : s.sendAt < 0 || s.sendAt < s.timeout ? 0 : 1;
        // On the real clock a tiny time.after may be due too by the time select polls (either may win).
        const either = this.env === "real" && s.sendAt === -1;
        if (res.index !== want && !either) this.fail(`${where}: case ${res.index} won, want ${want}`);
        if (res.index === 1)
          this.timeValue(res.value as time.Time, off + s.timeout, `${where} time.after value`);
        // The losing time.after stays armed until received (Go 1.23: its value is only made on receive);
        // main receives it once past its deadline, so that the bubble ends with nothing armed.
        else this.afters.push({ c: after, at: off + s.timeout, where });
        return;
      }
      case "par": {
        const n = s.kids.length;
        const wg = new WaitGroup();
        const done = chan<number>(s.join === "chan" ? r0(n) : 0);
        s.kids.forEach((kid, i) => {
          wg.add(1);
          go(async () => {
            await this.runSteps(kid, off, `${where} kid ${i}`);
            if (s.join === "wg") wg.done();
            else await done.send(i);
          });
        });
        if (s.join === "wg") await wg.wait();
        else {
          const seen = new Set<number>();
          for (let i = 0; i < n; i++) seen.add((await done.recv())!);
          if (seen.size !== n) this.fail(`${where}: kids reported ${[...seen]}`);
        }
        return;
      }
      case "pipe": {
        const c = chan<number>(s.cap);
        go(async () => {
          for (let i = 0; i < s.n; i++) {
            await time.sleep(this.ms(s.gap));
            await c.send(i);
          }
          c.close();
        });
        for (let i = 0; i < s.n; i++) {
          const v = await c.recv();
          if (v !== i) this.fail(`${where}: received ${v}, want ${i}`);
          this.check(off + (i + 1) * s.gap, `${where} value ${i}`);
        }
        const last = await c.recvOk();
        if (last.ok) this.fail(`${where}: a value after the last one`);
        return;
      }
    }
  }

  /** A round trip on a TCP socket to the test's echo server: real I/O, 0 virtual time. */
  async tcp(bytes: number, where: string): Promise<void> {
    const payload = Buffer.alloc(bytes, 97 + (bytes % 26));
    const sock = net.connect(this.p.fx.port, "127.0.0.1");
    try {
      const echoed = await new Promise<Buffer>((resolve, reject) => {
        const parts: Buffer[] = [];
        let got = 0;
        sock.on("error", reject);
        sock.on("connect", () => sock.write(payload));
        sock.on("data", (b: Buffer) => {
          parts.push(b);
          got += b.length;
          if (got >= bytes) resolve(Buffer.concat(parts));
        });
        sock.on("close", () => reject(new Error(`closed after ${got} bytes`)));
      });
      if (!echoed.equals(payload)) this.fail(`${where}: the echo differs`);
    } finally {
      sock.destroy();
    }
  }
}

/** A channel capacity that lets every kid report without blocking, or unbuffered one time in two. */
function r0(n: number): number {
  return n % 2 === 0 ? n : 0;
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const report = (e as { report?: string }).report;
    return report !== undefined
      ? report
          .split("\n")
          .slice(0, replaySeed !== undefined ? 400 : 30)
          .join("\n")
      : (e.stack ?? e.message);
  }
  return String(e);
}

/** Fails the program running now (set while one runs). */
let abortCurrent: ((e: unknown) => void) | null = null;

/** The seed of the program running now, for a process that dies in the middle of one. */
let currentSeed: number | null = null;

function onExit(): void {
  // Synchronously, with no timer: the host's timers may be what is broken.
  if (currentSeed !== null)
    writeSync(
      2,
      `host-mix: the process ended during program seed=${currentSeed}\n` +
        `  replay: SEED=${currentSeed} npm run test:unit -- host-mix\n`,
    );
}

/** An uncaught exception or unhandled rejection: the current program's failure, not the process's end. */
function uncaught(e: unknown): void {
  if (abortCurrent !== null) abortCurrent(e);
  else writeSync(2, `host-mix: an error escaped between programs: ${describeError(e)}\n`);
}

async function runProgram(seed: number, fx: Fixture, stats: Stats): Promise<string[]> {
  const plan = makePlan(seed);
  const p = new Program(plan, fx);
  currentSeed = seed;
  let hang: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      p.run(),
      // An error thrown where no program code can catch it (a callback, a runtime invariant) ends it.
      new Promise((_, reject) => {
        abortCurrent = reject;
      }),
      new Promise((_, reject) => {
        hang = hostSetTimeout(
          () => reject(new Error(`program hung (not finished after ${hangMs} ms of real time)`)),
          hangMs,
        );
      }),
    ]);
  } catch (e) {
    p.errors.push(describeError(e));
    for (const rt of p.rts) rt.stop();
  } finally {
    clearTimeout(hang);
    abortCurrent = null;
    currentSeed = null;
  }
  const serverErrors = fx.errors.splice(0);
  p.errors.push(...serverErrors);
  stats.programs++;
  stats.scripts += plan.scripts.length;
  stats.bubbles += plan.scripts.filter((s) => s.env === "bubble").length;
  stats.checks += p.steps;
  stats.homeChecks += p.homeChecks;
  if (p.errors.length > 0) {
    const msg =
      `host-mix: program seed=${seed} FAILED:\n  ${[...new Set(p.errors)].slice(0, 5).join("\n  ")}\n` +
      `  plan:\n    ${describePlan(plan).split("\n").join("\n    ")}\n` +
      `  replay: SEED=${seed} npm run test:unit -- host-mix`;
    console.error(msg);
    return p.errors;
  }
  return [];
}

interface Stats {
  programs: number;
  scripts: number;
  bubbles: number;
  checks: number;
  homeChecks: number;
}

test(`host-mix: random programs mixing bubbles, Runtimes, host timers and real I/O (${runs} program${runs === 1 ? "" : "s"}${replaySeed !== undefined ? `, replaying seed ${replaySeed}` : ""})`, async (t) => {
  const file = join(tmpdir(), `gort-host-mix-${process.pid}.txt`);
  const content = "gort host-mix stress\n".repeat(50);
  await writeFile(file, content);
  const errors: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => {});
    sock.on("data", (b) => {
      const p = outsideProblem("echo server callback");
      if (p !== null) errors.push(p);
      sock.write(b);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const fx: Fixture = { file, content, port: (server.address() as net.AddressInfo).port, errors };
  const stats: Stats = { programs: 0, scripts: 0, bubbles: 0, checks: 0, homeChecks: 0 };
  const failed: number[] = [];
  process.on("uncaughtException", uncaught);
  process.on("unhandledRejection", uncaught);
  process.on("exit", onExit);
  const t0 = hostPerfNow();
  const progressEvery = runs >= 20_000 ? 10_000 : 0;
  try {
    for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
      if (replaySeed !== undefined)
        console.log(`host-mix: seed ${seed} plan:\n${describePlan(makePlan(seed))}`);
      const errs = await runProgram(seed, fx, stats);
      if (errs.length > 0) {
        failed.push(seed);
        if (failed.length >= 5) break;
      }
      if (progressEvery > 0 && (seed - firstSeed + 1) % progressEvery === 0) {
        const s = (hostPerfNow() - t0) / 1000;
        console.log(`host-mix: ${seed - firstSeed + 1} programs, ${failed.length} failed, ${s.toFixed(0)} s`);
      }
    }
  } finally {
    process.off("uncaughtException", uncaught);
    process.off("unhandledRejection", uncaught);
    process.off("exit", onExit);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await unlink(file);
  }
  const secs = (hostPerfNow() - t0) / 1000;
  const summary =
    `${stats.programs - failed.length} of ${stats.programs} programs passed (${stats.scripts} scripts, ` +
    `${stats.bubbles} bubbles), ${stats.checks} clock checks, ${stats.homeChecks} heap-home checks, ` +
    `${secs.toFixed(1)} s`;
  t.diagnostic(summary);
  console.log(`host-mix: ${summary}`);
  assert.deepEqual(failed, [], "failing seeds (replay each with SEED=<seed> npm run test:unit -- host-mix)");
});

// ===== a bug the generator found =====

// REPRO of a src/ bug found by this generator (program seed 71829 of the 150,000 run; also seeds 64697,
// 86869, 100622, 137066): at procs 4, depending on the schedule seed, a bubble stalls at virtual 20 ms —
// the goroutine an afterFunc callback started (to sleep 75 ms) is reported "[syscall] awaiting a promise
// gort does not own" while it only awaits time.sleep, so it holds the bubble's time still and the bubble
// fails after stallTimeout. Bubble seeds 2, 3, 5 and 6 stall here; 1 and 4 (and procs 1) end at 1360 ms.
// This test fails until src/ is fixed (each seed fails in stallTimeout = 2 s of real time).
test("host-mix repro: afterFunc goroutines, a setInterval and nested joins at procs 4 end at 1360 ms virtual", async () => {
  const ms = time.Millisecond;
  const afterGo = async (d: number, inner: number): Promise<void> => {
    const c = chan<number>();
    time.afterFunc(d * ms, () => {
      go(async () => {
        await time.sleep(inner * ms);
        await c.send(1);
      });
    });
    await c.recv();
  };
  const par = async (kids: (() => Promise<void>)[], cap: number): Promise<void> => {
    const done = chan<number>(cap);
    kids.forEach((k, i) => {
      go(async () => {
        await k();
        await done.send(i);
      });
    });
    for (let i = 0; i < kids.length; i++) await done.recv();
  };
  const selectReady = async (): Promise<ReceiveChan<time.Time>> => {
    const c = chan<number>(1);
    await c.send(5);
    const after = time.after(1 * ms);
    await select([recv(c), recv(after)] as const);
    return after;
  };
  const failures: string[] = [];
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    try {
      const elapsed = await synctest.run(
        async () => {
          const start = Date.now();
          const afters: ReceiveChan<time.Time>[] = [];
          await par(
            [
              () => afterGo(20, 75),
              async () => {
                await par(
                  [
                    async () => {
                      await new Promise((r) => setImmediate(r));
                      await afterGo(50, 45);
                    },
                    async () => {
                      await afterGo(80, 85);
                      await new Promise((r) => setTimeout(r, 1194));
                    },
                  ],
                  2,
                );
                afters.push(await selectReady());
              },
              async () => {
                const c = chan<number>();
                go(async () => {
                  for (let i = 0; i < 4; i++) await c.send(i);
                  c.close();
                });
                for await (const _ of c);
                afters.push(await selectReady());
                let n = 0;
                await new Promise<void>((resolve) => {
                  const h = setInterval(() => {
                    if (++n === 3) {
                      clearInterval(h);
                      resolve();
                    }
                  }, 51);
                });
              },
            ],
            0,
          );
          await time.sleep(1 * ms);
          for (const a of afters) await a.recv();
          return Date.now() - start;
        },
        { procs: 4, seed, stallTimeout: 2000 },
      );
      if (elapsed !== 1360) failures.push(`seed ${seed}: ended at ${elapsed} ms virtual, want 1360`);
    } catch (e) {
      failures.push(`seed ${seed}: ${String(e).split("\n")[0]}`);
    }
  }
  assert.deepEqual(failures, []);
});
