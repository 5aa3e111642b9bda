// Soak: long churn keeps memory flat. Not part of `npm test`; run `npm run soak` (needs --expose-gc).
//
//   1. engine      10M create/reset/stop cycles on the bare timer engine (4 heaps, the caller playing the
//                  scheduler: every 1,000 cycles the clock moves and every heap is checked)
//   2. time API    10M cycles through package time in a fake-clock runtime: newTimer/reset/stop,
//                  afterFunc/reset/stop (some left to run), newTicker/reset/stop, withTimeout/cancel, and
//                  every 100th cycle a blocking receive; the goroutine yields every 1,000 cycles
//   3. goroutines  1M goroutines started and finished through the scheduler (procs 4): plain returns,
//                  sleeps, channel hand-offs, in waves of 10,000
//   4. no-yield    (figure only) 200k afterFunc+stop with random deadlines by a goroutine that never yields:
//                  zombies are only dropped at scheduling points, so the heap grows until it yields
//
// For 1–3 it prints the heap after GC before and after (after a warm-up) and asserts the growth is under
// SOAK_MAX_GROWTH_MB (default 5 MB), that every heap ends empty or bounded, and that no goroutine is left.
// Exits non-zero if a bound is broken. SOAK_SCALE=0.1 runs a tenth of every phase (a quick look).
import { chan, context, go, time, WaitGroup } from "../src/index.ts";
import { setVerify } from "../src/internal/debug.ts";
import type { Nanos } from "../src/internal/runtime/nanotime.ts";
import { Sched as Runtime } from "../src/internal/runtime/proc.ts";
import { setTimerEnv, Timer, type TimerEnv, env as timerEnv } from "../src/internal/runtime/timer.ts";
import { type CheckResult, Timers } from "../src/internal/runtime/timers.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error("soak: run with --expose-gc (npm run soak)");
  process.exit(2);
}
setVerify(false); // production settings: no invariant checkers

const scale = Number(process.env.SOAK_SCALE ?? "1");
const maxGrowthMB = Number(process.env.SOAK_MAX_GROWTH_MB ?? "5");
const MB = 1024 * 1024;
const ms = 1e6;

function heapAfterGC(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

function mb(n: number): string {
  return `${(n / MB).toFixed(2)} MB`;
}

interface Row {
  phase: string;
  work: string;
  before: number;
  after: number;
  peakExtra: string;
  secs: number;
  ok: boolean;
  note: string;
}

const rows: Row[] = [];

function record(
  phase: string,
  work: string,
  before: number,
  after: number,
  secs: number,
  extra: string,
  bounded = true,
): void {
  const growth = after - before;
  const ok = !bounded || growth < maxGrowthMB * MB;
  rows.push({
    phase,
    work,
    before,
    after,
    peakExtra: extra,
    secs,
    ok,
    note: bounded ? `< ${maxGrowthMB} MB` : "figure only",
  });
  console.log(
    `${phase}: ${work} — heap after GC ${mb(before)} → ${mb(after)} (growth ${mb(growth)}), ${extra}, ${secs.toFixed(1)} s ${ok ? "" : "  ** OVER BOUND **"}`,
  );
}

// ===== 1. the engine =====

function engineSoak(cycles: number): void {
  const heaps = Array.from({ length: 4 }, (_, i) => new Timers(i));
  let now: Nanos = 1;
  let cur = 0;
  const engine: TimerEnv = {
    currentTimers: () => heaps[cur],
    nanotime: () => now,
    wakeNetPoller: () => {},
  };
  const saved = timerEnv;
  setTimerEnv(engine);
  const out: CheckResult = { now: 0, pollUntil: 0, ran: false, fired: 0 };
  let fired = 0;
  const f = () => {
    fired++;
  };
  let maxLen = 0;
  const run = (n: number) => {
    for (let i = 0; i < n; i++) {
      const t = new Timer(f, null);
      t.reset(now + 1 + ((i * 7919) % 100_000), 0); // create: heaped on the current P
      switch (i % 4) {
        case 0:
          t.stop(); // a zombie
          break;
        case 1:
          t.reset(now + 50 + (i % 777) * 1000, 0); // modified, left to fire (up to 777 check rounds later)
          break;
        case 2:
          t.reset(now + 200_000 + (i % 999), 0); // modified later
          t.stop(); // then stopped: M|Z
          break;
        default:
          t.stop();
          t.reset(now + 10 + (i % 333), 0); // revived zombie, left to fire
      }
      if (i % 1000 === 999) {
        for (const ts of heaps) if (ts.len > maxLen) maxLen = ts.len;
        now += 1000;
        for (let k = 0; k < heaps.length; k++) heaps[k].check(now, () => now, k === cur, out);
        if (i % 10_000 === 9999) cur = (cur + 1) % heaps.length;
      }
    }
  };
  run(100_000); // warm-up
  const before = heapAfterGC();
  const t0 = performance.now();
  run(cycles);
  const secs = (performance.now() - t0) / 1000;
  now += 1e9;
  for (let k = 0; k < heaps.length; k++) heaps[k].check(now, () => now, true, out);
  const after = heapAfterGC();
  const left = heaps.reduce((s, ts) => s + ts.len, 0);
  setTimerEnv(saved);
  record(
    "engine",
    `${cycles.toLocaleString("en")} create/reset/stop cycles`,
    before,
    after,
    secs,
    `${fired.toLocaleString("en")} fired, largest heap ${maxLen}, ${left} left at the end`,
  );
  if (left !== 0) rows[rows.length - 1].ok = false;
}

// ===== 2. the public time API =====

async function timeApiSoak(cycles: number): Promise<void> {
  const rt = new Runtime({ clock: "fake", procs: 2, seed: 1, spawnSites: false });
  let afRuns = 0;
  let maxLen = 0;
  let before = 0;
  let t0 = 0;
  const noop = () => {
    afRuns++;
  };
  await rt.run(async () => {
    const loop = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const d = 1 + ((i * 7919) % (5 * ms));
        switch (i % 5) {
          case 0: {
            const t = time.newTimer(d);
            t.reset(d + 17);
            t.stop();
            break;
          }
          case 1: {
            const t = time.afterFunc(d, noop);
            t.reset(d + 5);
            if (i % 50 !== 1) t.stop(); // one in ten runs
            break;
          }
          case 2: {
            const tk = time.newTicker(d);
            tk.reset(d + 3);
            tk.stop();
            break;
          }
          case 3: {
            const [ctx, cancel] = context.withTimeout(context.background(), d);
            if (ctx.err() === null) cancel();
            break;
          }
          default: {
            const t = time.newTimer(d);
            if (i % 100 === 4)
              await t.c.recv(); // a blocking receive: the timer joins a heap
            else t.stop();
          }
        }
        if (i % 1000 === 999) {
          await time.sleep(1000); // a scheduling point: the Ps check their heaps, zombies go
          for (const pp of rt.allp) if (pp.timers.len > maxLen) maxLen = pp.timers.len;
        }
      }
    };
    await loop(100_000); // warm-up
    await time.sleep(10 * ms);
    before = heapAfterGC();
    t0 = performance.now();
    await loop(cycles);
    await time.sleep(10 * ms); // the last afterFuncs run
  });
  const secs = (performance.now() - t0) / 1000;
  const left = rt.allp.reduce((s, pp) => s + pp.timers.len, 0);
  const after = heapAfterGC();
  record(
    "time API",
    `${cycles.toLocaleString("en")} newTimer/afterFunc/newTicker/withTimeout cycles`,
    before,
    after,
    secs,
    `${afRuns.toLocaleString("en")} afterFunc runs, largest heap ${maxLen}, ${left} entries left, ${rt.stats.goroutines.toLocaleString("en")} goroutines`,
  );
  if (left > 100) rows[rows.length - 1].ok = false;
}

// ===== 3. goroutines =====

async function goroutineSoak(total: number): Promise<void> {
  const rt = new Runtime({ clock: "fake", procs: 4, seed: 2, spawnSites: false });
  let before = 0;
  let t0 = 0;
  let sum = 0;
  await rt.run(async () => {
    const c = chan<number>(64);
    const wave = async (n: number) => {
      const wg = new WaitGroup();
      wg.add(n);
      for (let i = 0; i < n; i++) {
        switch (i % 4) {
          case 0:
            go(() => wg.done());
            break;
          case 1:
            go(async () => {
              await time.sleep(1 + (i % 7));
              wg.done();
            });
            break;
          case 2:
            go(async () => {
              await c.send(1);
              wg.done();
            });
            break;
          default:
            go(async () => {
              sum += (await c.recv())!;
              wg.done();
            });
        }
      }
      await wg.wait();
    };
    const run = async (n: number) => {
      for (let done = 0; done < n; done += 10_000) await wave(Math.min(10_000, n - done));
    };
    await run(50_000); // warm-up
    before = heapAfterGC();
    t0 = performance.now();
    await run(total);
  });
  const secs = (performance.now() - t0) / 1000;
  const left = rt.allgs.size;
  const after = heapAfterGC();
  record(
    "goroutines",
    `${total.toLocaleString("en")} goroutines started and finished`,
    before,
    after,
    secs,
    `${rt.stats.switches.toLocaleString("en")} switches, ${left} goroutines left besides main's exit, ${sum.toLocaleString("en")} values passed`,
  );
  if (left !== 0) rows[rows.length - 1].ok = false;
}

// ===== 4. a goroutine that churns timers without yielding (a figure, not a bound) =====

async function noYieldFigure(n: number): Promise<void> {
  const rt = new Runtime({ clock: "fake", procs: 1, seed: 3, spawnSites: false });
  let before = 0;
  let peak = 0;
  let peakHeap = 0;
  let afterYield = 0;
  let zombies = 0;
  let secs = 0;
  await rt.run(async () => {
    // 1,000 live timers spread over the same span as the churned ones, so stopped entries sift into the
    // middle of the heap, where cleanHead (which looks only at its head and tail) does not reach them.
    const span = 2000 * time.Second;
    const live = Array.from({ length: 1000 }, (_, i) =>
      time.afterFunc(time.Second + (i * span) / 1000, () => {}),
    );
    before = heapAfterGC();
    const t0 = performance.now();
    for (let i = 0; i < n; i++)
      time.afterFunc(time.Second + ((i * 7919) % 1000) * (span / 1000) + 1, () => {}).stop();
    secs = (performance.now() - t0) / 1000;
    peak = rt.allp[0].timers.len;
    zombies = rt.allp[0].timers.zombies;
    for (const t of live) t.stop();
    peakHeap = heapAfterGC();
    await time.sleep(1); // the first scheduling point: check() force-cleans the zombies
    afterYield = rt.allp[0].timers.len;
  });
  const after = heapAfterGC();
  record(
    "no-yield",
    `${n.toLocaleString("en")} afterFunc+stop without yielding`,
    before,
    after,
    secs,
    `heap entries ${peak.toLocaleString("en")} at the peak (${zombies.toLocaleString("en")} zombies, ${mb(peakHeap - before)} more), ${afterYield} after one yield`,
    false,
  );
}

async function main(): Promise<number> {
  const t0 = performance.now();
  console.log(
    `gort soak (scale ${scale}, bound: growth < ${maxGrowthMB} MB after GC), node ${process.version}`,
  );
  engineSoak(Math.round(10_000_000 * scale));
  await timeApiSoak(Math.round(10_000_000 * scale));
  await goroutineSoak(Math.round(1_000_000 * scale));
  await noYieldFigure(Math.round(200_000 * scale));
  console.log("");
  console.log("| phase | work | heap after GC before | after | growth | bound | details | time |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows)
    console.log(
      `| ${r.phase} | ${r.work} | ${mb(r.before)} | ${mb(r.after)} | ${mb(r.after - r.before)} | ${r.note}${r.ok ? "" : " **FAILED**"} | ${r.peakExtra} | ${r.secs.toFixed(1)} s |`,
    );
  console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return rows.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
