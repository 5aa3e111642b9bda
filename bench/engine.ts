// The timer-engine suite: Go's time benchmarks (BenchmarkStartStop1000, Reset, Stop, AdjustTimers10000)
// on gort's bare engine, plus 1M-timer runs, memory per timer and per-op scaling — each beside Node's own
// timers doing the same work in the same process (docs/benchmarks.md; Go's benchmarks:
// docs/design/timers.md §14).
//
// The gort side runs on a bare engine: a fake clock, one Timers heap as the current P's, a no-op
// wakeNetPoller (like test/helpers/engine.ts's EngineHarness). There is no scheduler, so the bench plays
// its part: it calls check() where Go's scheduler would run timers. VERIFY must be off (GORT_VERIFY unset);
// main.ts refuses to run otherwise.
//
// Delays: "random" is U(1..1e6) ms on both sides (Node keeps one list per distinct ms duration plus a
// priority queue of lists, so this is its general case). Against Go's 32k one-hour garbage timers these
// all sort first, so every gort insert sifts to the top of the heap: the heap's worst case. "1h±17min"
// spreads the delays around the garbage instead. "shared" is 1 h for every timer (Node's best case: one
// linked list). The gort clock advances between batches the way real time would, so timers with a
// shared delay get increasing `when`s, as in Go.
//
// check(): Go's benchmark loops never yield, so StartStop1000, Reset and Stop call no check() while timed
// (zombies are dropped by cleanHead before each insert, as in Go); AdjustTimers10000 calls it for its
// "Sleep"; the scaling loops call it every 64 ops, standing in for the scheduler's periodic checks.

import { createRequire } from "node:module";
import {
  env as currentEnv,
  setTimerEnv,
  Timer,
  type TimerEnv,
  type TimerFunc,
} from "../src/internal/runtime/timer.ts";
import { type CheckResult, Timers } from "../src/internal/runtime/timers.ts";
import {
  type BenchContext,
  clock,
  fmt,
  heapUsed,
  interleave,
  pick,
  type Row,
  randInts,
  ratio,
  row,
  type SampleOpts,
  type Scenario,
  type Stats,
  type Suite,
  since,
  type Target,
  withBaseN,
} from "./lib.ts";

// ---------------------------------------------------------------------------------------------------
// The bare engine

const NS_PER_MS = 1e6;
const HOUR = 3600e9;
const HOUR_MS = 3_600_000;
const SECOND = 1e9;
/** Go's benchmark harness: 1<<15 AfterFunc(Hour, nil) garbage timers per P before timing. */
const GARBAGE = 1 << 15;

class BenchEnv implements TimerEnv {
  now = 1;
  private prevEnv: TimerEnv | null = null;
  readonly ts = new Timers(0);
  private readonly out: CheckResult = { now: 0, pollUntil: 0, ran: false, fired: 0 };
  private readonly clockFn = (): number => this.now;

  constructor() {
    this.prevEnv = currentEnv;
    setTimerEnv(this);
  }

  currentTimers(): Timers {
    return this.ts;
  }

  nanotime(): number {
    return this.now;
  }

  wakeNetPoller(): void {}

  /** What the scheduler does at each scheduling point: run this P's due timers. */
  check(): CheckResult {
    return this.ts.check(this.now, this.clockFn, true, this.out);
  }

  /** Go's harness: `GARBAGE` AfterFunc(Hour, nil) timers, created 100 ns apart. */
  addGarbage(n: number): void {
    for (let i = 0; i < n; i++) {
      this.now += 100;
      new Timer(noop, null).reset(this.now + HOUR, 0);
    }
  }

  /** Untimed clean-up between samples: drop every zombie so each sample starts from the same heap. */
  settle(): void {
    this.ts.cleanHead();
    if (this.ts.zombies > 0) this.ts.adjust(this.now, true);
  }

  dispose(): void {
    // Give the scheduler its environment back (the sched suite runs after this one).
    setTimerEnv(this.prevEnv);
  }
}

function noop(): void {}

let fired = 0;
function countFire(): void {
  fired++;
}

/** A sink so closures and results are not optimized away. */
export let sink: unknown = null;

function expect(cond: boolean, what: string): void {
  if (!cond) throw new Error(`bench sanity check failed: ${what}`);
}

type NodeTimer = ReturnType<typeof setTimeout>;

/** Go's harness on the Node side: 32,768 pending 1 h setTimeout timers (one Node list). */
function nodeGarbage(n: number): () => void {
  const hs: NodeTimer[] = [];
  for (let i = 0; i < n; i++) hs.push(setTimeout(noop, HOUR_MS));
  return () => {
    for (const h of hs) clearTimeout(h);
  };
}

const nextImmediate = (): Promise<void> => new Promise((r) => setImmediate(r));

function opts(ctx: BenchContext, full: SampleOpts, quick: SampleOpts): SampleOpts {
  return ctx.quick ? quick : full;
}

const MASK = (1 << 16) - 1;
/** Delays shared by both sides: U(1..1e6) ms, as ms (Node) and ns (gort). */
const randMs = randInts(MASK + 1, 1, 1e6, 1);
const randNs = randMs.map((x) => x * NS_PER_MS);

const B_RANDOM = "node setTimeout/clearTimeout, random delays";
const B_SHARED = "node setTimeout/clearTimeout, shared 1h delay";

// ---------------------------------------------------------------------------------------------------
// Timed loops. They are plain top-level functions, not per-scenario closures, so every scenario and
// every heap size runs the same optimized code (closures re-created per N were seen to run 3× slower
// for their first N). Each returns the elapsed ns; `cursor` walks the delay tables.

let cursor = 0;

/** StartStop1000's body, `batches` times: 1000 × AfterFunc(delay), then Stop all 1000. */
function gortStartStop(env: BenchEnv, batches: number, delays: Float64Array, gt: Timer[]): number {
  let c = cursor;
  const t0 = clock();
  for (let b = 0; b < batches; b++) {
    env.now += 100_000;
    for (let j = 0; j < 1000; j++) {
      const t = new Timer(noop, null);
      t.reset(env.now + delays[c++ & MASK], 0);
      gt[j] = t;
    }
    for (let j = 0; j < 1000; j++) gt[j].stop();
  }
  const ns = since(t0);
  cursor = c;
  return ns;
}

function nodeStartStop(batches: number, delays: Float64Array, nt: NodeTimer[]): number {
  let c = cursor;
  const t0 = clock();
  for (let b = 0; b < batches; b++) {
    for (let j = 0; j < 1000; j++) nt[j] = setTimeout(noop, delays[c++ & MASK]);
    for (let j = 0; j < 1000; j++) clearTimeout(nt[j]);
  }
  const ns = since(t0);
  cursor = c;
  return ns;
}

/** m × { create a func timer `delay` ahead; stop it }, with a scheduler check() every 64 ops if asked. */
function gortCreateStop(env: BenchEnv, m: number, delays: Float64Array, check: boolean): number {
  let c = cursor;
  const t0 = clock();
  for (let i = 0; i < m; i++) {
    const t = new Timer(noop, null);
    t.reset(env.now + delays[c++ & MASK], 0);
    t.stop();
    if (check && (i & 63) === 0) env.check();
  }
  const ns = since(t0);
  cursor = c;
  return ns;
}

function nodeCreateClear(m: number, delays: Float64Array): number {
  let c = cursor;
  const t0 = clock();
  for (let i = 0; i < m; i++) clearTimeout(setTimeout(noop, delays[c++ & MASK]));
  const ns = since(t0);
  cursor = c;
  return ns;
}

/** m × reset ts[idx[i & imask]] to now + base + delay (a one-element ts and idx reset one timer). */
function gortReset(
  env: BenchEnv,
  ts: Timer[],
  idx: Float64Array,
  imask: number,
  m: number,
  base: number,
  delays: Float64Array,
  check: boolean,
): number {
  let c = cursor;
  const t0 = clock();
  for (let i = 0; i < m; i++) {
    ts[idx[i & imask]].reset(env.now + base + delays[c++ & MASK], 0);
    if (check && (i & 63) === 0) env.check();
  }
  const ns = since(t0);
  cursor = c;
  return ns;
}

/** Go's BenchmarkReset loop: m × t.Reset(now + base + delay). */
function gortResetOne(env: BenchEnv, t: Timer, m: number, base: number, delays: Float64Array): number {
  let c = cursor;
  const t0 = clock();
  for (let i = 0; i < m; i++) t.reset(env.now + base + delays[c++ & MASK], 0);
  const ns = since(t0);
  cursor = c;
  return ns;
}

/** m × { clearTimeout(t); t = setTimeout(noop, delay) } on the timer in h[0]. */
function nodeResetOne(h: NodeTimer[], m: number, delays: Float64Array): number {
  let c = cursor;
  let t = h[0];
  const t0 = clock();
  for (let i = 0; i < m; i++) {
    clearTimeout(t);
    t = setTimeout(noop, delays[c++ & MASK]);
  }
  const ns = since(t0);
  h[0] = t;
  cursor = c;
  return ns;
}

/** m × { clearTimeout(h[j]); h[j] = setTimeout(noop, delay) } for j = idx[i & imask]. */
function nodeReset(
  h: NodeTimer[],
  idx: Float64Array,
  imask: number,
  m: number,
  delays: Float64Array,
): number {
  let c = cursor;
  const t0 = clock();
  for (let i = 0; i < m; i++) {
    const j = idx[i & imask];
    clearTimeout(h[j]);
    h[j] = setTimeout(noop, delays[c++ & MASK]);
  }
  const ns = since(t0);
  cursor = c;
  return ns;
}

/** The part of an @sinonjs/fake-timers clock the scaling loops use (its own `setTimeout`, not the host's). */
interface SinonClock {
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** A fresh @sinonjs/fake-timers clock, created as `withGlobal(globalThis).createClock()` (nothing installed). */
function sinonClock(): SinonClock {
  const FakeTimers = createRequire(import.meta.url)("@sinonjs/fake-timers") as {
    withGlobal(g: object): { createClock(): SinonClock };
  };
  return FakeTimers.withGlobal(globalThis).createClock();
}

/** m × clock.clearTimeout(clock.setTimeout(noop, delay)) on a sinon clock. */
function sinonCreateClear(sc: SinonClock, m: number, delays: Float64Array): number {
  let c = cursor;
  const t0 = clock();
  for (let i = 0; i < m; i++) sc.clearTimeout(sc.setTimeout(noop, delays[c++ & MASK]));
  const ns = since(t0);
  cursor = c;
  return ns;
}

/** m × { clock.clearTimeout(h[j]); h[j] = clock.setTimeout(noop, delay) } for j = idx[i & imask]. */
function sinonReset(
  sc: SinonClock,
  h: unknown[],
  idx: Float64Array,
  imask: number,
  m: number,
  delays: Float64Array,
): number {
  let c = cursor;
  const t0 = clock();
  for (let i = 0; i < m; i++) {
    const j = idx[i & imask];
    sc.clearTimeout(h[j]);
    h[j] = sc.setTimeout(noop, delays[c++ & MASK]);
  }
  const ns = since(t0);
  cursor = c;
  return ns;
}

const ZERO_IDX = new Float64Array(1);

// ---------------------------------------------------------------------------------------------------
// 1. StartStop1000

const SS_RANDOM = "StartStop1000 random U(1..1e6)ms";
const SS_AROUND = "StartStop1000 random 1h±17min";
const SS_SHARED = "StartStop1000 shared 1h";

const startStop1000: Scenario = {
  name: "StartStop1000",
  about: "Go BenchmarkStartStop1000: 1000 × AfterFunc then stop all, 32k garbage timers pending",
  async run(ctx) {
    const batches = ctx.quick ? 50 : 200;
    const n = batches * 1000;
    const env = new BenchEnv();
    env.addGarbage(GARBAGE);
    const clearGarbage = nodeGarbage(GARBAGE);
    const sharedMs = new Float64Array(MASK + 1).fill(HOUR_MS);
    // Around the garbage's 1 h: about half the new timers sort before it, half after.
    const aroundMs = randInts(MASK + 1, HOUR_MS - 1e6, HOUR_MS + 1e6, 7);
    const ns = (ms: Float64Array) => ms.map((x) => x * NS_PER_MS);
    const gt: Timer[] = new Array(1000).fill(null);
    const nt: NodeTimer[] = new Array(1000).fill(null);
    const gort = (delays: Float64Array) => () => {
      const ns = gortStartStop(env, batches, delays, gt);
      expect(env.ts.len <= GARBAGE + 1000, `heap holds ${env.ts.len} entries`);
      env.settle();
      return ns / n;
    };
    const node = (delays: Float64Array) => () => nodeStartStop(batches, delays, nt) / n;
    try {
      const st = await interleave(
        ctx,
        {
          gr: gort(randNs),
          ga: gort(ns(aroundMs)),
          gs: gort(ns(sharedMs)),
          nr: node(randMs),
          na: node(aroundMs),
          ns: node(sharedMs),
        },
        opts(ctx, { warmup: 2, reps: 9 }, { warmup: 1, reps: 3 }),
      );
      const k = pick(st, "gr").samples.length;
      return [
        row(SS_RANDOM, pick(st, "gr"), B_RANDOM, pick(st, "nr"), n, k, "ns/timer"),
        row(SS_RANDOM, pick(st, "gr"), B_SHARED, pick(st, "ns"), n, k, "ns/timer"),
        row(SS_AROUND, pick(st, "ga"), `${B_RANDOM} 1h±17min`, pick(st, "na"), n, k, "ns/timer"),
        row(SS_SHARED, pick(st, "gs"), B_SHARED, pick(st, "ns"), n, k, "ns/timer"),
      ];
    } finally {
      clearGarbage();
      env.dispose();
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// 2. Reset

const B_CLEARSET = "node clearTimeout+setTimeout, new random delay";
const B_REFRESH = "node timeout.refresh() (same delay)";
const RESET_NEW = "Reset new delay";

const reset: Scenario = {
  name: "Reset",
  about: "Go BenchmarkReset impl=func: reset one pending func timer, 32k garbage pending",
  async run(ctx) {
    const m = ctx.quick ? 1_000_000 : 4_000_000;
    const mCS = ctx.quick ? 30_000 : 200_000;
    const mRefresh = ctx.quick ? 200_000 : 1_000_000;
    const env = new BenchEnv();
    env.addGarbage(GARBAGE);
    const clearGarbage = nodeGarbage(GARBAGE);
    const jitter = randInts(MASK + 1, 1, HOUR, 2);
    const tNew = new Timer(noop, null);
    tNew.reset(env.now + HOUR, 0);
    const tSame = new Timer(noop, null);
    tSame.reset(env.now + HOUR, 0);
    const nCS = [setTimeout(noop, HOUR_MS)];
    const nRefresh = setTimeout(noop, HOUR_MS);
    try {
      const st = await interleave(
        ctx,
        {
          // A new `when` every op: now + 1h + U(0..1h).
          gnew: () => gortResetOne(env, tNew, m, HOUR, jitter) / m,
          // Go's exact shape: Reset(Hour) while the clock runs (1 ns per op here).
          gsame: () => {
            const t0 = clock();
            for (let i = 0; i < m; i++) tSame.reset(++env.now + HOUR, 0);
            return since(t0) / m;
          },
          clearset: () => nodeResetOne(nCS, mCS, randMs) / mCS,
          refresh: () => {
            const t0 = clock();
            for (let i = 0; i < mRefresh; i++) nRefresh.refresh();
            return since(t0) / mRefresh;
          },
        },
        opts(ctx, { warmup: 2, reps: 9 }, { warmup: 1, reps: 3 }),
      );
      expect(env.ts.len === GARBAGE + 2, "reset must not add heap entries");
      const k = pick(st, "gnew").samples.length;
      return [
        withBaseN(row(RESET_NEW, pick(st, "gnew"), B_CLEARSET, pick(st, "clearset"), m, k, "ns/op"), mCS),
        withBaseN(row(RESET_NEW, pick(st, "gnew"), B_REFRESH, pick(st, "refresh"), m, k, "ns/op"), mRefresh),
        withBaseN(
          row(
            "Reset 1h, clock running (Go's shape)",
            pick(st, "gsame"),
            B_REFRESH,
            pick(st, "refresh"),
            m,
            k,
            "ns/op",
          ),
          mRefresh,
        ),
      ];
    } finally {
      clearTimeout(nCS[0]);
      clearTimeout(nRefresh);
      clearGarbage();
      env.dispose();
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// 3. Stop

const stop: Scenario = {
  name: "Stop",
  about: "Go BenchmarkStop impl=func: create a 1 s func timer and stop it, 32k garbage pending",
  async run(ctx) {
    const m = ctx.quick ? 100_000 : 1_000_000;
    const secondNs = new Float64Array(MASK + 1).fill(SECOND);
    const secondMs = new Float64Array(MASK + 1).fill(1000);
    const env = new BenchEnv();
    env.addGarbage(GARBAGE);
    const clearGarbage = nodeGarbage(GARBAGE);
    try {
      const st = await interleave(
        ctx,
        {
          gort: () => {
            const ns = gortCreateStop(env, m, secondNs, false);
            expect(env.ts.len <= GARBAGE + 1, `heap holds ${env.ts.len} entries`);
            env.settle();
            return ns / m;
          },
          node: () => nodeCreateClear(m, secondMs) / m,
        },
        opts(ctx, { warmup: 2, reps: 9 }, { warmup: 1, reps: 3 }),
      );
      const k = pick(st, "gort").samples.length;
      return [
        row(
          "Stop (create 1s + stop)",
          pick(st, "gort"),
          "node clearTimeout(setTimeout(f, 1000))",
          pick(st, "node"),
          m,
          k,
          "ns/op",
        ),
      ];
    } finally {
      clearGarbage();
      env.dispose();
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// 4. AdjustTimers10000

const adjustTimers10000: Scenario = {
  name: "AdjustTimers10000",
  about: "Go BenchmarkAdjustTimers10000: 10k AfterFunc(1h), reset the last to 1ns, sleep 1µs, stop all",
  async run(ctx) {
    const ops = ctx.quick ? 4 : 25;
    const env = new BenchEnv();
    env.addGarbage(GARBAGE);
    const clearGarbage = nodeGarbage(GARBAGE);
    const gt: Timer[] = new Array(10_000).fill(null);
    const nt: NodeTimer[] = new Array(10_000).fill(null);
    try {
      const st = await interleave(
        ctx,
        {
          gort: () => {
            const before = fired;
            const t0 = clock();
            for (let op = 0; op < ops; op++) {
              for (let j = 0; j < 10_000; j++) {
                const t = new Timer(countFire, null);
                t.reset(env.now + HOUR, 0);
                gt[j] = t;
              }
              gt[9999].reset(env.now + 1, 0); // Reset(Nanosecond)
              env.now += 1000; // Sleep(Microsecond): the clock moves, the scheduler checks timers
              env.check();
              for (let j = 0; j < 10_000; j++) gt[j].stop();
            }
            const ns = since(t0);
            expect(fired - before === ops, `fired ${fired - before} of ${ops}`);
            expect(env.ts.len <= GARBAGE + 20_000, `heap holds ${env.ts.len} entries`);
            env.settle();
            return ns / ops / 1e6;
          },
          // Node port "d1" (docs/benchmarks.md): the 1 ns reset is clear + setTimeout(f, 1); "Sleep(1µs)" is
          // one setImmediate turn.
          immediate: async () => {
            const t0 = clock();
            for (let op = 0; op < ops; op++) {
              for (let j = 0; j < 10_000; j++) nt[j] = setTimeout(noop, HOUR_MS);
              clearTimeout(nt[9999]);
              nt[9999] = setTimeout(noop, 1);
              await nextImmediate();
              for (let j = 0; j < 10_000; j++) clearTimeout(nt[j]);
            }
            return since(t0) / ops / 1e6;
          },
          // Like gort, wait until the reset timer has fired (Node's 1 ms clamp).
          fire1ms: async () => {
            const t0 = clock();
            for (let op = 0; op < ops; op++) {
              for (let j = 0; j < 10_000; j++) nt[j] = setTimeout(noop, HOUR_MS);
              clearTimeout(nt[9999]);
              await new Promise<void>((r) => {
                nt[9999] = setTimeout(r, 1);
              });
              for (let j = 0; j < 10_000; j++) clearTimeout(nt[j]);
            }
            return since(t0) / ops / 1e6;
          },
        },
        opts(ctx, { warmup: 2, reps: 9 }, { warmup: 1, reps: 3 }),
      );
      const k = pick(st, "gort").samples.length;
      const s = "AdjustTimers10000";
      return [
        row(
          s,
          pick(st, "gort"),
          "node port d1: sleep = one setImmediate turn",
          pick(st, "immediate"),
          ops,
          k,
          "ms/op",
        ),
        row(
          s,
          pick(st, "gort"),
          "node: sleep until the 1ms timer fired",
          pick(st, "fire1ms"),
          ops,
          k,
          "ms/op",
        ),
      ];
    } finally {
      clearGarbage();
      env.dispose();
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// 5. One million timers

const B_FIRE = "node real firing, delays U(0..50)ms, all overdue";

const bulk: Scenario = {
  name: "Bulk1M",
  about: "insert 1M func timers with random whens, fire them all; insert 1M and stop them all",
  async run(ctx) {
    const n = ctx.quick ? 100_000 : 1_000_000;
    const whensMs = randInts(n, 1, 1e6, 3);
    const whensNs = whensMs.map((x) => x * NS_PER_MS);
    const fireMs = randInts(n, 0, 50, 4);
    const fireNs = fireMs.map((x) => x * NS_PER_MS);
    const hold: Timer[] = new Array(n).fill(null);
    const nh: NodeTimer[] = new Array(n).fill(null);
    const insert = (env: BenchEnv, f: TimerFunc): void => {
      for (let i = 0; i < n; i++) {
        const t = new Timer(f, null);
        t.reset(env.now + whensNs[i], 0);
        hold[i] = t;
      }
    };
    const st = await interleave(
      ctx,
      {
        gort: () => {
          // Insert, then fire everything with one check() after the clock jumped past the last when.
          let env = new BenchEnv();
          fired = 0;
          let t0 = clock();
          for (let i = 0; i < n; i++) new Timer(countFire, null).reset(env.now + whensNs[i], 0);
          const ins = since(t0) / n;
          env.now += 1e6 * NS_PER_MS + 1;
          t0 = clock();
          env.check();
          const fire = since(t0) / n;
          expect(fired === n && env.ts.len === 0, `fired ${fired} of ${n}, ${env.ts.len} left`);
          env.dispose();
          // The same with Node's fire delays, U(0..50) ms: 51 distinct whens, many ties.
          env = new BenchEnv();
          fired = 0;
          for (let i = 0; i < n; i++) new Timer(countFire, null).reset(env.now + fireNs[i], 0);
          env.now += 51 * NS_PER_MS;
          t0 = clock();
          env.check();
          const fire51 = since(t0) / n;
          expect(fired === n && env.ts.len === 0, `fired ${fired} of ${n}, ${env.ts.len} left`);
          env.dispose();
          // Insert again, stop all (marks zombies), then the next check() sweeps them.
          env = new BenchEnv();
          insert(env, noop);
          t0 = clock();
          for (let i = 0; i < n; i++) hold[i].stop();
          const mark = since(t0) / n;
          t0 = clock();
          env.check();
          const sweep = since(t0) / n;
          expect(env.ts.len === 0, `${env.ts.len} zombies left after check`);
          env.dispose();
          // What-if: the same sweep by one forced adjust (O(n) scan) instead of check()'s head-first
          // deleteMin loop.
          env = new BenchEnv();
          insert(env, noop);
          for (let i = 0; i < n; i++) hold[i].stop();
          t0 = clock();
          env.ts.adjust(env.now, true);
          const adjustSweep = since(t0) / n;
          expect(env.ts.len === 0, "adjust left entries");
          env.dispose();
          hold.fill(null as unknown as Timer);
          return { insert: ins, fire, fire51, stop: mark + sweep, mark, sweep, adjustSweep };
        },
        node: () => {
          let t0 = clock();
          for (let i = 0; i < n; i++) nh[i] = setTimeout(noop, whensMs[i]);
          const ins = since(t0) / n;
          t0 = clock();
          for (let i = 0; i < n; i++) clearTimeout(nh[i]);
          const clear = since(t0) / n;
          nh.fill(null as unknown as NodeTimer);
          return { insert: ins, clear };
        },
        // Real firing: delays U(0..50) ms; inserting takes longer than 50 ms, so every timer is overdue
        // when the loop gets back to the timers phase: the fire phase is Node's saturated fire rate.
        nodeFire: async () => {
          let count = 0;
          let tEnd = 0n;
          let done!: () => void;
          const all = new Promise<void>((r) => {
            done = r;
          });
          const cb = () => {
            if (++count === n) {
              tEnd = clock();
              done();
            }
          };
          const t0 = clock();
          for (let i = 0; i < n; i++) setTimeout(cb, fireMs[i]);
          const t1 = clock();
          await all;
          return {
            fire: Number(tEnd - t1) / n,
            total: Number(tEnd - t0) / n,
            insertMs: Number(t1 - t0) / 1e6,
          };
        },
      },
      opts(ctx, { warmup: 1, reps: 3 }, { warmup: 1, reps: 2 }),
    );
    const k = pick(st, "gort.insert").samples.length;
    const g = (x: string) => pick(st, `gort.${x}`);
    const nf = pick(st, "nodeFire.insertMs").median;
    return [
      row(
        "Bulk insert, random whens",
        g("insert"),
        "node setTimeout, random delays",
        pick(st, "node.insert"),
        n,
        k,
        "ns/timer",
      ),
      row(
        "Bulk fire whens U(0..50)ms, one check()",
        g("fire51"),
        B_FIRE,
        pick(st, "nodeFire.fire"),
        n,
        k,
        "ns/timer",
        `node fire = from the end of inserting (${fmt(nf)} ms, so every timer is overdue) to the last callback; node insert+fire ${fmt(pick(st, "nodeFire.total").median)} ns/timer`,
      ),
      row(
        "Bulk fire whens U(1..1e6)ms, one check()",
        g("fire"),
        B_FIRE,
        pick(st, "nodeFire.fire"),
        n,
        k,
        "ns/timer",
        "node cannot fire 1e6 ms delays in real time, so its baseline uses U(0..50) ms delays",
      ),
      row(
        "Bulk stop, mark + sweep",
        g("stop"),
        "node clearTimeout, random delays",
        pick(st, "node.clear"),
        n,
        k,
        "ns/timer",
        `gort stop() marks ${fmt(g("mark").median)} ns + next check() sweeps ${fmt(g("sweep").median)} ns (deleteMin per zombie); a forced adjust would sweep in ${fmt(g("adjustSweep").median)} ns`,
      ),
    ];
  },
};

// ---------------------------------------------------------------------------------------------------
// 6. Memory per pending timer

const memory: Scenario = {
  name: "Memory",
  about: "heapUsed per pending timer: 1M gort func timers vs 1M Node setTimeout (shared callback, closure)",
  async run(ctx) {
    const n = ctx.quick ? 200_000 : 1_000_000;
    const handles: NodeTimer[] = new Array(n).fill(null);
    const measureGort = (closure: boolean) => () => {
      const env = new BenchEnv();
      ctx.gc();
      const h0 = heapUsed();
      const base = env.now + HOUR;
      if (closure) {
        for (let i = 0; i < n; i++)
          new Timer(() => {
            sink = i;
          }, null).reset(base + randNs[i & MASK], 0);
      } else {
        for (let i = 0; i < n; i++) new Timer(noop, null).reset(base + randNs[i & MASK], 0);
      }
      ctx.gc();
      const h1 = heapUsed();
      expect(env.ts.len === n, "all timers pending");
      env.dispose();
      return (h1 - h0) / n;
    };
    // The handles array is allocated before the first reading, so only the timers count.
    const measureNode = (kind: "shared" | "random" | "closure") => () => {
      ctx.gc();
      const h0 = heapUsed();
      if (kind === "shared") for (let i = 0; i < n; i++) handles[i] = setTimeout(noop, HOUR_MS);
      else if (kind === "random") for (let i = 0; i < n; i++) handles[i] = setTimeout(noop, randMs[i & MASK]);
      else
        for (let i = 0; i < n; i++)
          handles[i] = setTimeout(() => {
            sink = i;
          }, HOUR_MS);
      ctx.gc();
      const h1 = heapUsed();
      for (let i = 0; i < n; i++) clearTimeout(handles[i]);
      handles.fill(null as unknown as NodeTimer);
      return (h1 - h0) / n;
    };
    const st = await interleave(
      ctx,
      {
        gshared: measureGort(false),
        gclosure: measureGort(true),
        nshared: measureNode("shared"),
        nrandom: measureNode("random"),
        nclosure: measureNode("closure"),
      },
      opts(ctx, { warmup: 1, reps: 3 }, { warmup: 0, reps: 2 }),
    );
    const k = pick(st, "gshared").samples.length;
    const g = pick(st, "gshared");
    return [
      row(
        "Memory, shared callback",
        g,
        "node setTimeout, shared cb, 1h",
        pick(st, "nshared"),
        n,
        k,
        "B/timer",
      ),
      row(
        "Memory, shared callback",
        g,
        "node setTimeout, shared cb, random delays",
        pick(st, "nrandom"),
        n,
        k,
        "B/timer",
      ),
      row(
        "Memory, per-timer closure",
        pick(st, "gclosure"),
        "node setTimeout, per-timer closure",
        pick(st, "nclosure"),
        n,
        k,
        "B/timer",
      ),
    ];
  },
};

// ---------------------------------------------------------------------------------------------------
// 7. Scaling with the number of pending timers

function log4(x: number): number {
  return Math.log(x) / Math.log(4);
}

/** (cost at the largest N ÷ cost at the smallest) ÷ (log4 largest ÷ log4 smallest). */
function scaleFactor(costs: number[], sizes: number[]): number {
  const a = sizes[0];
  const b = sizes[sizes.length - 1];
  return costs[costs.length - 1] / costs[0] / (log4(b) / log4(a));
}

const SCALE_CS = "Scale create+stop";
const SCALE_RESET1 = "Scale reset one timer";
const SCALE_RESETN = "Scale reset random of N";
/** The baselines of the scaling rows, by kind; docs/bench-pending.svg plots the node and sinon lines. */
const SCALE_BASELINES = {
  [SCALE_CS]: {
    node: "node clearTimeout(setTimeout(f, random))",
    sinon: "sinon clock.clearTimeout(clock.setTimeout(f, random))",
  },
  [SCALE_RESET1]: {
    node: "node clear+set one timer, new random delay",
    sinon: "sinon clock clear+set one timer, new random delay",
  },
  [SCALE_RESETN]: {
    node: "node clear+set a random one of N, new random delay",
    sinon: "sinon clock clear+set a random one of N, new random delay",
  },
} as const;

/**
 * The sinon side of one N: a fresh clock with the same N pending timers, sampled on its own after gort
 * and Node have released theirs. A sinon timer holds ~700 B (1M of them: ~700 MB), and sampling it beside
 * gort and Node made their figures at 1M 2–3× slower (every gc() and scavenge walked sinon's heap too)
 * and the scenario take 8 minutes.
 */
async function sinonScaling(
  ctx: BenchContext,
  N: number,
  pendMs: Float64Array,
  idx: Float64Array,
  imask: number,
  m: number,
  warmup: number,
): Promise<Record<string, Stats>> {
  const sc = sinonClock();
  const sh: unknown[] = new Array(N).fill(null);
  for (let i = 0; i < N; i++) sh[i] = sc.setTimeout(noop, pendMs[i]);
  return interleave(
    ctx,
    {
      scs: () => sinonCreateClear(sc, m, randMs) / m,
      sreset1: () => sinonReset(sc, sh, ZERO_IDX, 0, m, randMs) / m,
      sresetN: () => sinonReset(sc, sh, idx, imask, m, randMs) / m,
    },
    opts(ctx, { warmup, reps: 5 }, { warmup, reps: 2 }),
  );
}

const scaling: Scenario = {
  name: "Scaling",
  about:
    "create+stop and reset cost with 1e3…1e6 random-delay timers pending (check() every 64 ops), vs Node; then a sinon clock",
  async run(ctx) {
    const sizes = ctx.quick ? [1e3, 1e4] : [1e3, 1e4, 1e5, 1e6];
    const mNode = ctx.quick ? 30_000 : 200_000;
    // sinon's ops cost 2–10 µs: fewer of them still make samples of 0.1–0.5 s.
    const mSinon = ctx.quick ? 10_000 : 50_000;
    const rows: Row[] = [];
    // Medians per kind, for the scaling-factor notes: gort, node, sinon.
    const med: Record<string, [number[], number[], number[]]> = {
      [SCALE_CS]: [[], [], []],
      [SCALE_RESET1]: [[], [], []],
      [SCALE_RESETN]: [[], [], []],
    };
    for (const N of sizes) {
      const m = Math.max(ctx.quick ? 100_000 : 400_000, N);
      const pendMs = randInts(N, 1, 1e6, 5);
      let imask = MASK;
      while (imask + 1 < N) imask = imask * 2 + 1;
      const idx = randInts(imask + 1, 0, N - 1, 6);
      ctx.log(`  N=${N}`);
      // The first size also warms the check() paths up: they deopt a few times on first use.
      const warmup = N === sizes[0] ? 3 : 1;
      const env = new BenchEnv();
      const pend: Timer[] = new Array(N).fill(null);
      for (let i = 0; i < N; i++) {
        const t = new Timer(noop, null);
        t.reset(env.now + pendMs[i] * NS_PER_MS, 0);
        pend[i] = t;
      }
      const nh: NodeTimer[] = new Array(N).fill(null);
      for (let i = 0; i < N; i++) nh[i] = setTimeout(noop, pendMs[i]);
      const one = [pend[0]];
      let st: Record<string, Stats>;
      try {
        st = await interleave(
          ctx,
          {
            gcs: () => {
              const ns = gortCreateStop(env, m, randNs, true);
              expect(env.ts.len <= 1.5 * N + 128, `heap holds ${env.ts.len} entries for N=${N}`);
              return ns / m;
            },
            greset1: () => gortReset(env, one, ZERO_IDX, 0, m, 0, randNs, true) / m,
            gresetN: () => gortReset(env, pend, idx, imask, m, 0, randNs, true) / m,
            ncs: () => nodeCreateClear(mNode, randMs) / mNode,
            nreset1: () => nodeReset(nh, ZERO_IDX, 0, mNode, randMs) / mNode,
            nresetN: () => nodeReset(nh, idx, imask, mNode, randMs) / mNode,
          },
          opts(ctx, { warmup, reps: 5 }, { warmup, reps: 2 }),
        );
      } finally {
        for (let i = 0; i < N; i++) clearTimeout(nh[i]);
        env.dispose();
      }
      const sst = await sinonScaling(ctx, N, pendMs, idx, imask, mSinon, warmup);
      const k = pick(st, "gcs").samples.length;
      const label = N >= 1e6 ? `${N / 1e6}M` : `${N / 1e3}k`;
      const add = (name: keyof typeof SCALE_BASELINES, g: string, n: string, s: string) => {
        const base = SCALE_BASELINES[name];
        const gs = pick(st, g);
        rows.push(withBaseN(row(`${name} N=${label}`, gs, base.node, pick(st, n), m, k, "ns/op"), mNode));
        rows.push(withBaseN(row(`${name} N=${label}`, gs, base.sinon, pick(sst, s), m, k, "ns/op"), mSinon));
        med[name][0].push(gs.median);
        med[name][1].push(pick(st, n).median);
        med[name][2].push(pick(sst, s).median);
      };
      add(SCALE_CS, "gcs", "ncs", "scs");
      add(SCALE_RESET1, "greset1", "nreset1", "sreset1");
      add(SCALE_RESETN, "gresetN", "nresetN", "sresetN");
    }
    // The scaling factor goes on each kind's largest-N row.
    for (const [name, [g, b, s]] of Object.entries(med)) {
      const last = rows.findLast((r) => r.scenario.startsWith(`${name} N=`));
      if (last !== undefined)
        last.notes =
          `scaling factor (cost at N=${sizes[sizes.length - 1]} ÷ cost at N=${sizes[0]}) ÷ log4 ratio: ` +
          `gort ${scaleFactor(g, sizes).toFixed(2)}, node ${scaleFactor(b, sizes).toFixed(2)}, ` +
          `sinon ${scaleFactor(s, sizes).toFixed(2)} (sinon sampled after gort and Node, not interleaved)`;
    }
    return rows;
  },
};

// ---------------------------------------------------------------------------------------------------
// Targets (issue 7's, set from Go 1.23's and Node 20's figures), checked on one run's ratios

function targets(rows: Row[]): Target[] {
  const out: Target[] = [];
  const find = (s: string, b: string) => rows.find((r) => r.scenario === s && r.baseline === b);
  const ge = (name: string, r: Row | undefined, min: number) => {
    if (r === undefined) return;
    const x = ratio(r);
    out.push({ name, ok: x >= min, detail: `ratio ${x.toFixed(2)}× (want ≥ ${min}×)` });
  };
  ge(`${SS_RANDOM}: ≥ 5× Node random delays`, find(SS_RANDOM, B_RANDOM), 5);
  ge(`${SS_RANDOM}: ≥ Node shared delay`, find(SS_RANDOM, B_SHARED), 1);
  ge(`${RESET_NEW}: ≥ 20× Node clear+set`, find(RESET_NEW, B_CLEARSET), 20);
  ge(`${RESET_NEW}: ≥ Node refresh()`, find(RESET_NEW, B_REFRESH), 1);
  for (const r of rows.filter((x) => x.scenario.startsWith("Memory") && x.baseline?.includes("1h"))) {
    out.push({
      name: `${r.scenario}: ≤ 100 B/timer`,
      ok: r.gort.median <= 100,
      detail: `${fmt(r.gort.median)} B`,
    });
  }
  for (const prefix of [SCALE_CS, SCALE_RESET1, SCALE_RESETN]) {
    // One row per N (each N has a node and a sinon row with the same gort figure).
    const rs = rows.filter((r) => r.scenario.startsWith(`${prefix} N=`) && r.baseline?.startsWith("node"));
    if (rs.length < 2) continue;
    const sizes = rs.map((r) => Number(r.scenario.split("N=")[1].replace("k", "e3").replace("M", "e6")));
    const f = scaleFactor(
      rs.map((r) => r.gort.median),
      sizes,
    );
    out.push({
      name: `${prefix}: flat within 1.5× beyond log4 (N ${sizes[0]}…${sizes[sizes.length - 1]})`,
      ok: f <= 1.5,
      detail: `${rs.map((r) => fmt(r.gort.median)).join(" → ")} ns; factor ${f.toFixed(2)}`,
    });
  }
  return out;
}

export const engineSuite: Suite = {
  name: "engine",
  scenarios: [startStop1000, reset, stop, adjustTimers10000, bulk, memory, scaling],
  targets,
};
