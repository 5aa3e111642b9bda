// Scheduler, channel and virtual-time benchmarks (issues 3 and 7), each beside a baseline measured in
// the same run: a bare promise equivalent, Node's own timers, or @sinonjs/fake-timers.
import { chan, go, Runtime, recv, select } from "../src/index.ts";
import { timeSleep } from "../src/internal/runtime/sleep.ts";
import * as synctest from "../src/synctest.ts";
import * as time from "../src/time.ts";
import {
  type BenchContext,
  clock,
  interleave,
  pick,
  type Row,
  row,
  type Scenario,
  type Suite,
  settle,
  since,
  type Target,
  withBaseN,
} from "./lib.ts";

/** A naive promise channel (docs/benchmarks.md, baselines): parked sides hold resolvers. */
class PromiseChan<T> {
  private recvq: ((v: T) => void)[] = [];
  private sendq: [T, () => void][] = [];
  send(v: T): Promise<void> {
    const r = this.recvq.shift();
    if (r) {
      r(v);
      return Promise.resolve();
    }
    return new Promise((res) => this.sendq.push([v, res]));
  }
  recv(): Promise<T> {
    const s = this.sendq.shift();
    if (s) {
      s[1]();
      return Promise.resolve(s[0]);
    }
    return new Promise((res) => this.recvq.push(res));
  }
}

async function gortPingPong(n: number, clockKind: "real" | "fake"): Promise<number> {
  const rt = new Runtime({ clock: clockKind, spawnSites: false, seed: 1 });
  return rt.run(async () => {
    const a = chan<number>();
    const b = chan<number>();
    go(async () => {
      for (let i = 0; i < n; i++) {
        const r = await a.recvOk();
        await b.send((r.value as number) + 1);
      }
    });
    const t0 = clock();
    for (let i = 0; i < n; i++) {
      await a.send(i);
      await b.recvOk();
    }
    return since(t0) / n;
  });
}

async function promisePingPong(n: number): Promise<number> {
  const a = new PromiseChan<number>();
  const b = new PromiseChan<number>();
  const partner = (async () => {
    for (let i = 0; i < n; i++) await b.send((await a.recv()) + 1);
  })();
  const t0 = clock();
  for (let i = 0; i < n; i++) {
    await a.send(i);
    await b.recv();
  }
  const ns = since(t0) / n;
  await partner;
  return ns;
}

async function awaitFloor(n: number): Promise<number> {
  const t0 = clock();
  for (let i = 0; i < n; i++) {
    await null;
    await null;
  }
  return since(t0) / n;
}

async function bareRoundTrip(n: number): Promise<number> {
  const t0 = clock();
  for (let i = 0; i < n; i++) await Promise.resolve();
  return since(t0) / n;
}

const pingpong: Scenario = {
  name: "unbuffered ping-pong",
  about: "round trip through two unbuffered channels between two goroutines, vs a promise channel",
  async run(ctx: BenchContext): Promise<Row[]> {
    const n = ctx.quick ? 30_000 : 300_000;
    const st = await interleave(
      ctx,
      {
        real: () => gortPingPong(n, "real"),
        fake: () => gortPingPong(n, "fake"),
        promise: () => promisePingPong(n),
        floor: () => awaitFloor(n),
      },
      { warmup: 1, reps: ctx.quick ? 3 : 7, gc: false },
    );
    const rows = [
      row(
        "ping-pong round trip (real clock)",
        pick(st, "real"),
        "bare promise channel",
        pick(st, "promise"),
        n,
        0,
        "ns/op",
      ),
      row(
        "ping-pong round trip (real clock)",
        pick(st, "real"),
        "two bare awaits (floor)",
        pick(st, "floor"),
        n,
        0,
        "ns/op",
      ),
      row(
        "ping-pong round trip (fake clock)",
        pick(st, "fake"),
        "bare promise channel",
        pick(st, "promise"),
        n,
        0,
        "ns/op",
      ),
    ];
    return rows.map((r) => ({ ...r, k: r.gort.samples.length }));
  },
};

const parkReady: Scenario = {
  name: "park/ready round trip",
  about:
    "one goroutine parks on a channel and another readies it (half a ping-pong), vs await Promise.resolve()",
  async run(ctx) {
    const n = ctx.quick ? 30_000 : 300_000;
    const st = await interleave(
      ctx,
      { gort: async () => (await gortPingPong(n, "real")) / 2, bare: () => bareRoundTrip(n) },
      { warmup: 1, reps: ctx.quick ? 3 : 7, gc: false },
    );
    const r = row("park/ready", pick(st, "gort"), "await Promise.resolve()", pick(st, "bare"), n, 0, "ns/op");
    return [{ ...r, k: r.gort.samples.length }];
  },
};

/** Goroutines started per batch, as Go's BenchmarkSpawn (bench/go): the batch runs before the next starts. */
const spawnBatch = 1000;

/**
 * go(f) n times, in batches of spawnBatch, each batch until its last f runs (Go's BenchmarkSpawn); ns per
 * goroutine. Batching keeps at most 1,000 goroutines alive, as Go's does: 200,000 at once measured 3–5×
 * more per goroutine here, the cost of keeping them all alive through young-generation collections.
 */
function spawnRun(n: number, spawnSites: boolean): Promise<number> {
  return new Runtime({ clock: "real", spawnSites }).run(async () => {
    const done = chan<void>(1);
    const t0 = clock();
    for (let left = n; left > 0; left -= spawnBatch) {
      const size = Math.min(left, spawnBatch);
      let started = 0;
      for (let i = 0; i < size; i++)
        go(() => {
          if (++started === size) done.trySend(undefined);
        });
      await done.recv();
    }
    return since(t0) / n;
  });
}

/** The same batches of async calls, each awaiting once, awaited with Promise.all. */
async function spawnBare(n: number): Promise<number> {
  const t0 = clock();
  for (let left = n; left > 0; left -= spawnBatch) {
    const size = Math.min(left, spawnBatch);
    let started = 0;
    const ps: Promise<void>[] = [];
    for (let i = 0; i < size; i++)
      ps.push(
        (async () => {
          await null;
          started++;
        })(),
      );
    await Promise.all(ps);
    if (started !== size) throw new Error(`spawn baseline: ${started} of ${size} ran`);
  }
  return since(t0) / n;
}

const spawn: Scenario = {
  name: "goroutine spawn",
  about: "go(f) in batches of 1000 until each batch's last f runs, per goroutine, vs async calls awaited",
  async run(ctx) {
    const n = ctx.quick ? 20_000 : 200_000;
    const st = await interleave(
      ctx,
      {
        gort: () => spawnRun(n, false),
        gortSites: () => spawnRun(n, true),
        bare: () => spawnBare(n),
      },
      { warmup: 1, reps: ctx.quick ? 3 : 5, gc: false },
    );
    const k = pick(st, "gort").samples.length;
    return [
      row(
        "spawn to first run",
        pick(st, "gort"),
        "async fn + await (Promise.all)",
        pick(st, "bare"),
        n,
        k,
        "ns/op",
      ),
      row(
        "spawn to first run, spawn sites on (default)",
        pick(st, "gortSites"),
        "async fn + await (Promise.all)",
        pick(st, "bare"),
        n,
        k,
        "ns/op",
      ),
    ];
  },
};

/** Go's BenchmarkSleep1000: 1000 goroutines each Sleep(1ns), wait for all; real clock, default options. */
async function sleep1000(ops: number): Promise<number> {
  const rt = new Runtime({ clock: "real" });
  return rt.run(async () => {
    const t0 = clock();
    for (let op = 0; op < ops; op++) {
      const done = chan<void>(1000);
      for (let i = 0; i < 1000; i++)
        go(async () => {
          await timeSleep(1);
          done.trySend(undefined);
        });
      for (let i = 0; i < 1000; i++) await done.recv();
    }
    return since(t0) / ops;
  });
}

/** Go's BenchmarkAfterFunc1000: a chain of 1001 AfterFunc(0), each scheduling the next. */
async function afterFunc1000(ops: number): Promise<number> {
  const rt = new Runtime({ clock: "real", spawnSites: false });
  return rt.run(async () => {
    const t0 = clock();
    for (let op = 0; op < ops; op++) {
      const c = chan<void>();
      let n = 1000;
      const f = () => {
        if (n-- > 0) time.afterFunc(0, f);
        else go(() => c.send(undefined));
      };
      time.afterFunc(0, f);
      await c.recv();
    }
    return since(t0) / ops;
  });
}

async function nodeChain(ops: number, kind: "timeout" | "immediate"): Promise<number> {
  const t0 = clock();
  for (let op = 0; op < ops; op++) {
    await new Promise<void>((resolve) => {
      let n = 1000;
      const f = () => {
        if (n-- > 0) {
          if (kind === "timeout") setTimeout(f, 0);
          else setImmediate(f);
        } else resolve();
      };
      if (kind === "timeout") setTimeout(f, 0);
      else setImmediate(f);
    });
  }
  return since(t0) / ops;
}

async function bare1000(ops: number): Promise<number> {
  const t0 = clock();
  for (let op = 0; op < ops; op++) {
    const ps: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) ps.push(Promise.resolve());
    await Promise.all(ps);
  }
  return since(t0) / ops;
}

const goBenchmarks: Scenario = {
  name: "Go's Sleep1000 and AfterFunc1000",
  about: "1000 goroutines Sleep(1ns); a chain of 1001 AfterFunc(0) — real clock, per op of 1000",
  async run(ctx) {
    const ops = ctx.quick ? 5 : 40;
    const st = await interleave(
      ctx,
      {
        sleep: () => sleep1000(ops),
        after: () => afterFunc1000(ops),
        bare: () => bare1000(ops),
        nodeTimeout: () => nodeChain(ctx.quick ? 1 : 2, "timeout"),
        nodeImmediate: () => nodeChain(ops, "immediate"),
      },
      // The scheduler paths take ~15 ops of 1000 goroutines to reach steady state (JIT): 3 warm-up samples.
      { warmup: ctx.quick ? 1 : 3, reps: ctx.quick ? 3 : 5, gc: false },
    );
    const k = pick(st, "sleep").samples.length;
    return [
      row(
        "Sleep1000 (per 1000 goroutines)",
        pick(st, "sleep"),
        "1000 × await Promise.resolve()",
        pick(st, "bare"),
        ops,
        k,
        "ns/op",
      ),
      row(
        "AfterFunc1000 (per chain of 1001)",
        pick(st, "after"),
        "Node setTimeout(0) chain",
        pick(st, "nodeTimeout"),
        ops,
        k,
        "ns/op",
      ),
      row(
        "AfterFunc1000 (per chain of 1001)",
        pick(st, "after"),
        "Node setImmediate chain",
        pick(st, "nodeImmediate"),
        ops,
        k,
        "ns/op",
      ),
    ];
  },
};

/** n × <-After(1ns) (Go's BenchmarkAfter); real clock. */
function gortAfter(n: number): Promise<number> {
  return new Runtime({ clock: "real", spawnSites: false }).run(async () => {
    const t0 = clock();
    for (let i = 0; i < n; i++) await time.after(1).recv();
    return since(t0) / n;
  });
}

/** n ticks of a 1 ns ticker (Go's BenchmarkTicker); real clock. */
function gortTicker(n: number): Promise<number> {
  return new Runtime({ clock: "real", spawnSites: false }).run(async () => {
    const tk = time.newTicker(1);
    const t0 = clock();
    for (let i = 0; i < n; i++) await tk.c.recv();
    const ns = since(t0) / n;
    tk.stop();
    return ns;
  });
}

/** n × Reset(2ns) of a running 1 ns ticker (Go's BenchmarkTickerReset); real clock. */
function gortTickerReset(n: number): Promise<number> {
  return new Runtime({ clock: "real", spawnSites: false }).run(async () => {
    const tk = time.newTicker(1);
    const t0 = clock();
    for (let i = 0; i < n; i++) tk.reset(2);
    const ns = since(t0) / n;
    tk.stop();
    return ns;
  });
}

/** ops × { 1000 AfterFunc(0, done) at once, wait for all } (Go's BenchmarkSimultaneousAfterFunc1000). */
function gortSimultaneous(ops: number): Promise<number> {
  return new Runtime({ clock: "real", spawnSites: false }).run(async () => {
    const t0 = clock();
    for (let op = 0; op < ops; op++) {
      const all = chan<void>(1);
      let left = 1000;
      const done = () => {
        if (--left === 0) all.trySend(undefined);
      };
      for (let i = 0; i < 1000; i++) time.afterFunc(0, done);
      await all.recv();
    }
    return since(t0) / ops;
  });
}

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

async function immediateTurns(n: number): Promise<number> {
  const t0 = clock();
  for (let i = 0; i < n; i++) await nextTurn();
  return since(t0) / n;
}

/** ops × { 1000 host timers (setTimeout(f, 0) or setImmediate) at once, wait for all }. */
async function nodeSimultaneous(ops: number, kind: "timeout" | "immediate"): Promise<number> {
  const t0 = clock();
  for (let op = 0; op < ops; op++)
    await new Promise<void>((resolve) => {
      let left = 1000;
      const done = () => {
        if (--left === 0) resolve();
      };
      for (let i = 0; i < 1000; i++) {
        if (kind === "timeout") setTimeout(done, 0);
        else setImmediate(done);
      }
    });
  return since(t0) / ops;
}

const B_TURN = "await setImmediate (one event-loop turn)";

/** Random delays in [1 ms, 1e6 ms], fixed per run (the engine suite's StartStop1000 shape). */
const publicDelaysMs = Float64Array.from({ length: 1024 }, (_, i) => 1 + ((i * 2654435761) % 1_000_000));

/** StartStop1000 through the public API, default Runtime options: time.afterFunc then stop, per timer. */
function publicStartStop(batches: number): Promise<number> {
  return new Runtime().run(() => {
    const ts: time.Timer[] = new Array(1000);
    const t0 = clock();
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < 1000; i++)
        ts[i] = time.afterFunc(publicDelaysMs[(b + i) & 1023] * time.Millisecond, noop);
      for (let i = 0; i < 1000; i++) ts[i].stop();
    }
    return since(t0) / (batches * 1000);
  });
}

/** timer.reset to a new delay through the public API, default Runtime options, per reset. */
function publicReset(n: number): Promise<number> {
  return new Runtime().run(() => {
    const t = time.afterFunc(time.Hour, noop);
    const t0 = clock();
    for (let i = 0; i < n; i++) t.reset(publicDelaysMs[i & 1023] * time.Millisecond);
    const ns = since(t0) / n;
    t.stop();
    return ns;
  });
}

function nodeStartStopPublic(batches: number): number {
  const hs: ReturnType<typeof setTimeout>[] = new Array(1000);
  const t0 = clock();
  for (let b = 0; b < batches; b++) {
    for (let i = 0; i < 1000; i++) hs[i] = setTimeout(noop, publicDelaysMs[(b + i) & 1023]);
    for (let i = 0; i < 1000; i++) clearTimeout(hs[i]);
  }
  return since(t0) / (batches * 1000);
}

function nodeClearSet(n: number): number {
  let h = setTimeout(noop, 3_600_000);
  const t0 = clock();
  for (let i = 0; i < n; i++) {
    clearTimeout(h);
    h = setTimeout(noop, publicDelaysMs[i & 1023]);
  }
  const ns = since(t0) / n;
  clearTimeout(h);
  return ns;
}

const publicTimers: Scenario = {
  name: "public API timers",
  about: "StartStop1000 and reset through time.afterFunc/stop/reset in a default Runtime, vs Node's timers",
  async run(ctx) {
    const batches = ctx.quick ? 20 : 100;
    const nReset = ctx.quick ? 100_000 : 1_000_000;
    const st = await interleave(
      ctx,
      {
        startStop: () => publicStartStop(batches),
        reset: () => publicReset(nReset),
        nodeStartStop: () => nodeStartStopPublic(batches),
        nodeClearSet: () => nodeClearSet(nReset),
      },
      { warmup: ctx.quick ? 1 : 2, reps: ctx.quick ? 3 : 5, gc: false },
    );
    const k = pick(st, "startStop").samples.length;
    return [
      row(
        "StartStop1000 public API, random delays (ns/timer)",
        pick(st, "startStop"),
        "node setTimeout/clearTimeout, random delays",
        pick(st, "nodeStartStop"),
        batches * 1000,
        k,
        "ns/timer",
      ),
      row(
        "timer.reset public API, new delay (ns/op)",
        pick(st, "reset"),
        "node clearTimeout+setTimeout, new delay",
        pick(st, "nodeClearSet"),
        nReset,
        k,
        "ns/op",
      ),
    ];
  },
};

/** CPU (user + system) as a percentage of one core over `ms` of wall time while `body` runs. */
async function cpuPercent(ms: number, body: (until: bigint) => Promise<void>): Promise<number> {
  const c0 = process.cpuUsage();
  const w0 = clock();
  await body(w0 + BigInt(ms) * 1_000_000n);
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1e3 * 100) / since(w0);
}

/**
 * CPU as cpuPercent measures it (pct), and per delivered tick (µs): gort's ticker keeps its 1 ms schedule
 * (~1,000 ticks a second) where setInterval(1) re-arms from its callback and drifts (~900), so per wall
 * second the two do different amounts of work.
 */
async function cpuAndPerTick(
  ms: number,
  body: (until: bigint, tick: () => void) => Promise<void>,
): Promise<{ pct: number; us: number }> {
  let ticks = 0;
  const c0 = process.cpuUsage();
  const w0 = clock();
  await body(w0 + BigInt(ms) * 1_000_000n, () => void ticks++);
  const c = process.cpuUsage(c0);
  return { pct: ((c.user + c.system) * 1e3 * 100) / since(w0), us: (c.user + c.system) / Math.max(1, ticks) };
}

/** A goroutine receiving from a 1 ms ticker, default options (real clock, ms precision). */
function gortTickerCpu(ms: number): Promise<{ pct: number; us: number }> {
  return new Runtime().run(() =>
    cpuAndPerTick(ms, async (until, tick) => {
      const t = time.newTicker(time.Millisecond);
      while (clock() < until) {
        await t.c.recv();
        tick();
      }
      t.stop();
    }),
  );
}

function nodeIntervalCpu(ms: number): Promise<{ pct: number; us: number }> {
  return cpuAndPerTick(
    ms,
    (until, tick) =>
      new Promise<void>((resolve) => {
        const h = setInterval(() => {
          tick();
          if (clock() >= until) {
            clearInterval(h);
            resolve();
          }
        }, 1);
      }),
  );
}

/** 1000 goroutines sleeping 1–50 ms in a loop, default options. */
function gortSleepersCpu(ms: number): Promise<number> {
  return new Runtime({ spawnSites: false }).run(() =>
    cpuPercent(ms, async (until) => {
      const done = chan<void>(1000);
      for (let i = 0; i < 1000; i++)
        go(async () => {
          for (let k = 0; clock() < until; k++) await time.sleep((1 + ((i + k * 7) % 50)) * time.Millisecond);
          done.trySend(undefined);
        });
      for (let i = 0; i < 1000; i++) await done.recv();
    }),
  );
}

function nodeSleepersCpu(ms: number): Promise<number> {
  return cpuPercent(ms, async (until) => {
    const loops: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++)
      loops.push(
        (async () => {
          for (let k = 0; clock() < until; k++)
            await new Promise((r) => setTimeout(r, 1 + ((i + k * 7) % 50)));
        })(),
      );
    await Promise.all(loops);
  });
}

const realClockCpu: Scenario = {
  name: "real-clock CPU",
  about:
    "CPU per second of wall time, after a warm-up round: a 1 ms ticker; 1000 goroutines sleeping 1–50 ms in a " +
    "loop — vs Node's timers",
  async run(ctx) {
    const ms = ctx.quick ? 300 : 2000;
    const st = await interleave(
      ctx,
      {
        ticker: () => gortTickerCpu(ms),
        interval: () => nodeIntervalCpu(ms),
        sleepers: () => gortSleepersCpu(ms),
        nodeSleepers: () => nodeSleepersCpu(ms),
      },
      // One discarded round first (2 s of each): the rows are the steady state a long-running process
      // pays, not the JIT compiling the first seconds of each workload.
      { warmup: ctx.quick ? 0 : 1, reps: ctx.quick ? 1 : 3, gc: false },
    );
    const k = pick(st, "ticker.pct").samples.length;
    return [
      row(
        "CPU of a 1 ms ticker (% of a core)",
        pick(st, "ticker.pct"),
        "Node setInterval(1)",
        pick(st, "interval.pct"),
        1,
        k,
        "% CPU",
      ),
      row(
        "CPU per delivered tick of a 1 ms ticker (µs)",
        pick(st, "ticker.us"),
        "Node setInterval(1)",
        pick(st, "interval.us"),
        1,
        k,
        "µs CPU",
      ),
      row(
        "CPU of 1000 goroutines sleeping 1–50 ms (% of a core)",
        pick(st, "sleepers"),
        "1000 async loops awaiting setTimeout(1–50 ms)",
        pick(st, "nodeSleepers"),
        1,
        k,
        "% CPU",
      ),
    ];
  },
};

const goTimerShapes: Scenario = {
  name: "Go's After, Ticker, TickerReset, SimultaneousAfterFunc1000",
  about: "<-after(1ns); a 1 ns ticker's ticks; ticker reset; 1000 afterFunc(0) at once — real clock",
  async run(ctx) {
    const n = ctx.quick ? 5_000 : 50_000;
    const nReset = ctx.quick ? 200_000 : 2_000_000;
    const ops = ctx.quick ? 5 : 40;
    const interval = setInterval(noop, 1000);
    try {
      const st = await interleave(
        ctx,
        {
          after: () => gortAfter(n),
          ticker: () => gortTicker(n),
          tickerReset: () => gortTickerReset(nReset),
          simultaneous: () => gortSimultaneous(ops),
          turn: () => immediateTurns(n),
          refresh: () => {
            const t0 = clock();
            for (let i = 0; i < nReset; i++) interval.refresh();
            return since(t0) / nReset;
          },
          nodeTimeout: () => nodeSimultaneous(ctx.quick ? 2 : 5, "timeout"),
          nodeImmediate: () => nodeSimultaneous(ops, "immediate"),
        },
        { warmup: ctx.quick ? 1 : 3, reps: ctx.quick ? 3 : 5, gc: false },
      );
      const k = pick(st, "after").samples.length;
      const simul = "SimultaneousAfterFunc1000 (per 1000 timers)";
      return [
        row("After(1ns) receive", pick(st, "after"), B_TURN, pick(st, "turn"), n, k, "ns/op"),
        row("Ticker 1ns, per tick", pick(st, "ticker"), B_TURN, pick(st, "turn"), n, k, "ns/op"),
        row(
          "TickerReset",
          pick(st, "tickerReset"),
          "node interval.refresh()",
          pick(st, "refresh"),
          nReset,
          k,
          "ns/op",
        ),
        withBaseN(
          row(
            simul,
            pick(st, "simultaneous"),
            "Node 1000 × setTimeout(f, 0), wait for all",
            pick(st, "nodeTimeout"),
            ops,
            k,
            "ns/op",
          ),
          ctx.quick ? 2 : 5,
        ),
        row(
          simul,
          pick(st, "simultaneous"),
          "Node 1000 × setImmediate(f), wait for all",
          pick(st, "nodeImmediate"),
          ops,
          k,
          "ns/op",
        ),
      ];
    } finally {
      clearInterval(interval);
    }
  },
};

function noop(): void {}

const selectTimeout: Scenario = {
  name: "select with a timeout",
  about: "select on a ready channel and time.after(1s): the Go idiom's cost per select",
  async run(ctx) {
    const n = ctx.quick ? 20_000 : 200_000;
    const st = await interleave(
      ctx,
      {
        gort: () =>
          new Runtime({ clock: "real", spawnSites: false }).run(async () => {
            const c = chan<number>(1);
            const t0 = clock();
            for (let i = 0; i < n; i++) {
              c.trySend(i);
              await select([recv(c), recv(time.after(time.Second))] as const);
            }
            return since(t0) / n;
          }),
        race: async () => {
          const t0 = clock();
          for (let i = 0; i < n; i++) {
            let h: ReturnType<typeof setTimeout> | undefined;
            await Promise.race([Promise.resolve(i), new Promise((r) => (h = setTimeout(r, 1000)))]);
            clearTimeout(h);
          }
          return since(t0) / n;
        },
      },
      { warmup: 1, reps: ctx.quick ? 3 : 5, gc: false },
    );
    const r = row(
      "select ready chan vs after(1s)",
      pick(st, "gort"),
      "Promise.race with setTimeout(1s) + clearTimeout",
      pick(st, "race"),
      n,
      0,
      "ns/op",
    );
    return [{ ...r, k: r.gort.samples.length }];
  },
};

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Rows of the p50 and p99 of two lateness samples (ns), gort's beside the baseline's. */
function latenessRows(what: string, gortLate: number[], baseline: string, nodeLate: number[]): Row[] {
  return [0.5, 0.99].map((q) => {
    const g = quantile(gortLate, q);
    const b = quantile(nodeLate, q);
    const one = (x: number) => ({ median: x, min: x, max: x, samples: [x] });
    return row(`lateness p${q * 100} of ${what}`, one(g), baseline, one(b), gortLate.length, 1, "ns late");
  });
}

/** n goroutines each sleeping 1–10 ms on gort's real clock; their lateness in ns. */
function gortLateness(delays: number[]): Promise<number[]> {
  const n = delays.length;
  return new Runtime({ clock: "real", spawnSites: false }).run(async () => {
    const late: number[] = [];
    const done = chan<void>(n);
    for (const d of delays)
      go(async () => {
        const due = performance.now() + d;
        await timeSleep(d * 1e6);
        late.push((performance.now() - due) * 1e6);
        done.trySend(undefined);
      });
    for (let i = 0; i < n; i++) await done.recv();
    return late;
  });
}

/**
 * n Node setTimeouts of 1–10 ms; their lateness in ns, negative when one fired early. Node starts a timer
 * at its loop time, whole ms truncated and as of the last loop-iteration start, so setTimeout(d) may fire
 * up to ~1 ms before d ms have passed; a Go timer never does. With `neverEarly`, a callback that runs
 * early waits out the rest with another setTimeout (Go's rule, the same work as gort's sleep).
 */
function nodeLateness(delays: number[], neverEarly = false): Promise<number[]> {
  const n = delays.length;
  return new Promise<number[]>((resolve) => {
    const late: number[] = [];
    for (const d of delays) {
      const due = performance.now() + d;
      const fire = () => {
        const t = performance.now();
        if (neverEarly && t < due) {
          setTimeout(fire, due - t);
          return;
        }
        late.push((t - due) * 1e6);
        if (late.length === n) resolve(late);
      };
      setTimeout(fire, d);
    }
  });
}

/**
 * nodeLateness(delays, true) as async functions, each awaiting a setTimeout promise (again while early):
 * the lateness taken once the function has resumed, where gort's goroutine takes it.
 */
function nodeLatenessAwait(delays: number[]): Promise<number[]> {
  const late: number[] = [];
  return Promise.all(
    delays.map(async (d) => {
      const due = performance.now() + d;
      for (let t = performance.now(); t < due; t = performance.now())
        await new Promise((r) => setTimeout(r, due - t));
      late.push((performance.now() - due) * 1e6);
    }),
  ).then(() => late);
}

const lateness: Scenario = {
  name: "real-time lateness",
  about:
    "p50/p99 lateness of 1–10 ms timers: gort goroutines sleeping vs Node setTimeout, as is and never early",
  async run(ctx) {
    // Rounds of 400 concurrent timers, gort and the two Node variants in turn (the order rotates); the
    // quantiles are over every timer of every round (one round's p99 is its 4th-latest timer: too noisy
    // alone). Lateness is from the call: how much longer than asked the wait took.
    const n = 400;
    const rounds = ctx.quick ? 2 : 10;
    const delays = Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 10));
    const runs: Record<string, () => Promise<number[]>> = {
      gort: () => gortLateness(delays),
      node: () => nodeLateness(delays),
      nodeNeverEarly: () => nodeLateness(delays, true),
      nodeAwait: () => nodeLatenessAwait(delays),
    };
    const late: Record<string, number[]> = { gort: [], node: [], nodeNeverEarly: [], nodeAwait: [] };
    const order = Object.keys(runs);
    // The first rounds warm up. Run alone, gort's scheduler is still being compiled in its first three
    // rounds of 400 (p99 9.9, 4.9 and 3.0 ms, then 1.1–1.5 ms; Node 24, twelve gort rounds in one process
    // under --trace-gc, no collection during the second and third): a long-running process pays it once.
    const warm = ctx.quick ? 1 : 3;
    for (let r = 0; r < rounds + warm; r++) {
      for (let i = 0; i < order.length; i++) {
        const k = order[(r + i) % order.length];
        // Each round starts from a collected heap, so a collection left over from the round before
        // does not fall into it: its p99 is then the timers' and the scheduler's, for every variant.
        await settle(ctx);
        const xs = await runs[k]();
        if (r >= warm) late[k].push(...xs);
      }
    }
    const out = [
      ...latenessRows(
        "1–10 ms timers",
        late.gort,
        "Node setTimeout, never early (re-armed)",
        late.nodeNeverEarly,
      ),
      ...latenessRows("1–10 ms timers", late.gort, "Node setTimeout (fires up to 1 ms early)", late.node),
      ...latenessRows(
        "1–10 ms timers",
        late.gort,
        "async fns awaiting setTimeout, never early",
        late.nodeAwait,
      ),
    ];
    const early = late.node.filter((x) => x < 0).length;
    ctx.log(
      `lateness samples: ${late.gort.length} timers each (${rounds} rounds of ${n}); plain Node setTimeout ` +
        `fired early ${early} times (${((100 * early) / late.node.length).toFixed(0)} %)`,
    );
    return out;
  },
};

/**
 * A goroutine receiving n ticks of a 1 ms ticker on gort's real clock (default options: no busy
 * polling); each tick's lateness against the ticker's own schedule (the value received is the scheduled
 * time, Go's Now().Add(-delay)), in ns.
 */
function gortTickerLateness(n: number): Promise<number[]> {
  return new Runtime({ clock: "real", spawnSites: false }).run(async () => {
    const late: number[] = [];
    const t = time.newTicker(time.Millisecond);
    for (let i = 0; i < n; i++) {
      const v = await t.c.recv();
      late.push(Number(time.since(v!)));
    }
    t.stop();
    return late;
  });
}

/**
 * n callbacks of Node's setInterval(1); each one's lateness against Node's own schedule (setInterval
 * re-arms from the previous callback: due = previous callback + 1 ms, so it drifts and never catches up;
 * a Go ticker keeps to its schedule), in ns.
 */
function nodeIntervalLateness(n: number): Promise<number[]> {
  return new Promise<number[]>((resolve) => {
    const late: number[] = [];
    let prev = performance.now();
    const h = setInterval(() => {
      const t = performance.now();
      late.push((t - prev - 1) * 1e6);
      prev = t;
      if (late.length === n) {
        clearInterval(h);
        resolve(late);
      }
    }, 1);
  });
}

/**
 * What a Go ticker does, in Node: a 1 ms schedule kept with a setTimeout re-armed for each next tick,
 * missed ticks skipped (Go's when + period·(1 + delay/period)), a callback that runs early waiting out
 * the rest; each tick's lateness against the schedule, in ns.
 */
function nodeFixedRateLateness(n: number): Promise<number[]> {
  return new Promise<number[]>((resolve) => {
    const late: number[] = [];
    let next = performance.now() + 1;
    const tick = () => {
      const t = performance.now();
      if (t < next) {
        setTimeout(tick, next - t);
        return;
      }
      late.push((t - next) * 1e6);
      next += 1 + Math.floor(t - next);
      if (late.length === n) resolve(late);
      else setTimeout(tick, next - t);
    };
    setTimeout(tick, 1);
  });
}

/**
 * nodeFixedRateLateness's schedule kept by an async loop that awaits a setTimeout promise for each tick
 * (again while early), as a goroutine awaits its ticker: each tick's lateness taken once the loop has
 * resumed, where gort's goroutine takes it.
 */
async function nodeFixedRateLatenessAwait(n: number): Promise<number[]> {
  const late: number[] = [];
  let next = performance.now() + 1;
  while (late.length < n) {
    let t = performance.now();
    for (; t < next; t = performance.now()) await new Promise((r) => setTimeout(r, next - t));
    late.push((t - next) * 1e6);
    next += 1 + Math.floor(t - next);
  }
  return late;
}

const tickerLateness: Scenario = {
  name: "1 ms ticker lateness",
  about:
    "p50/p99 lateness of a real-clock 1 ms ticker's ticks (default precision) vs the same schedule kept " +
    "with Node's setTimeout, and vs setInterval(1) against its own drifting schedule",
  async run(ctx) {
    // Rounds of n ticks, gort and the two Node variants in turn (the first round is a warm-up); quantiles
    // over all.
    const n = ctx.quick ? 200 : 1000;
    const rounds = ctx.quick ? 2 : 6;
    const gortLate: number[] = [];
    const fixedLate: number[] = [];
    const intervalLate: number[] = [];
    const awaitLate: number[] = [];
    for (let r = 0; r < rounds + 1; r++) {
      const g = await gortTickerLateness(n);
      const f = await nodeFixedRateLateness(n);
      const b = await nodeIntervalLateness(n);
      const a = await nodeFixedRateLatenessAwait(n);
      if (r === 0) continue;
      gortLate.push(...g);
      fixedLate.push(...f);
      intervalLate.push(...b);
      awaitLate.push(...a);
    }
    const out = [
      ...latenessRows(
        "a 1 ms ticker's ticks",
        gortLate,
        "Node setTimeout on a fixed 1 ms schedule",
        fixedLate,
      ),
      ...latenessRows(
        "a 1 ms ticker's ticks",
        gortLate,
        "Node setInterval(1), from its previous tick",
        intervalLate,
      ),
      ...latenessRows(
        "a 1 ms ticker's ticks",
        gortLate,
        "an async loop awaiting setTimeout, fixed 1 ms schedule",
        awaitLate,
      ),
    ];
    ctx.log(`ticker lateness samples: ${gortLate.length} ticks each (${rounds} rounds of ${n})`);
    return out;
  },
};

/**
 * A goroutine that never blocks (an awaited buffered send/recv loop) for `ops` operations on the real
 * clock, so the host-fairness rule (proc.ts hostSliceNs: a host turn every ~10 ms of back-to-back work)
 * fires many times. Returns the loop's mean ns/op over the whole run, and its mean ns/op over the
 * 1,024-operation blocks during which the host loop did not turn (the loop without the rule's turns).
 */
function gortBusyLoop(ops: number): Promise<{ all: number; between: number; turns: number }> {
  return new Runtime({ clock: "real", spawnSites: false }).run(async () => {
    const c = chan<number>(1);
    let turns = 0;
    let live = true;
    const onTurn = () => {
      turns++;
      if (live) setImmediate(onTurn);
    };
    setImmediate(onTurn);
    const block = 1024;
    let quietNs = 0;
    let quietOps = 0;
    const t0 = clock();
    for (let i = 0; i < ops; i += block) {
      const b0 = clock();
      const turns0 = turns;
      for (let j = 0; j < block; j += 2) {
        await c.send(j);
        await c.recv();
      }
      if (turns === turns0) {
        quietNs += since(b0);
        quietOps += block;
      }
    }
    const all = since(t0) / ops;
    live = false;
    return { all, between: quietNs / quietOps, turns };
  });
}

const hostFairnessCost: Scenario = {
  name: "host-fairness cost",
  about:
    "a never-blocking buffered-channel loop on the real clock: ns/op with the host-fairness rule's turns vs between them",
  async run(ctx) {
    const ops = ctx.quick ? 200_000 : 2_000_000;
    const st = await interleave(
      ctx,
      { busy: () => gortBusyLoop(ops) },
      {
        warmup: 1,
        reps: ctx.quick ? 2 : 5,
        gc: false,
      },
    );
    const turns = pick(st, "busy.turns").median;
    return [
      row(
        "busy goroutine loop with host turns, per op",
        pick(st, "busy.all"),
        "same loop between two host turns",
        pick(st, "busy.between"),
        ops,
        pick(st, "busy.all").samples.length,
        "ns/op",
        `the host loop turned ${turns.toFixed(0)} times per ${ops} ops (median)`,
      ),
    ];
  },
};

/** Virtual time: N timers with random delays scheduled and fired to completion (default options: sites on). */
async function gortVirtual(n: number): Promise<number> {
  const rt = new Runtime({ clock: "fake" });
  return rt.run(async () => {
    let fired = 0;
    const done = chan<void>();
    const t0 = clock();
    for (let i = 0; i < n; i++)
      time.afterFunc(((i * 2654435761) % 1_000_000) * time.Millisecond, () => {
        if (++fired === n) done.trySend(undefined);
      });
    await done.recv();
    return since(t0) / n;
  });
}

/** The floor of any heap-ordered timer queue: a timer object and a closure per timer, pushed into a bare 4-ary heap (parallel arrays, as timers.ts) and popped and called in order; no goroutines, clock or checks. */
class BareTimer {
  when = 0;
  f: () => void;
  state = 0;
  constructor(f: () => void) {
    this.f = f;
  }
}

function bareHeapVirtual(n: number): number {
  const hw: number[] = [];
  const ht: BareTimer[] = [];
  let fired = 0;
  const t0 = clock();
  for (let i = 0; i < n; i++) {
    const t = new BareTimer(() => {
      fired++;
    });
    const w = ((i * 2654435761) % 1_000_000) * 1e6 + 1;
    t.when = w;
    let j = hw.length;
    hw.push(w);
    ht.push(t);
    while (j > 0) {
      const p = (j - 1) >> 2;
      if (hw[p] <= w) break;
      hw[j] = hw[p];
      ht[j] = ht[p];
      j = p;
    }
    hw[j] = w;
    ht[j] = t;
  }
  while (ht.length > 0) {
    const t = ht[0];
    const lw = hw.pop() as number;
    const lt = ht.pop() as BareTimer;
    const m = ht.length;
    if (m > 0) {
      let j = 0;
      for (;;) {
        const c = 4 * j + 1;
        if (c >= m) break;
        let best = c;
        let bw = hw[c];
        const e = Math.min(c + 4, m);
        for (let k = c + 1; k < e; k++)
          if (hw[k] < bw) {
            bw = hw[k];
            best = k;
          }
        if (bw >= lw) break;
        hw[j] = bw;
        ht[j] = ht[best];
        j = best;
      }
      hw[j] = lw;
      ht[j] = lt;
    }
    t.f();
  }
  if (fired !== n) throw new Error(`bare heap fired ${fired} of ${n}`);
  return since(t0) / n;
}

/**
 * N sinon setTimeouts run to completion: `runAll()` (synchronous: no promise job runs between two
 * timers) or `runAllAsync()` (lets the microtask queue drain between timers, as a bubble does).
 */
async function sinonVirtual(n: number, flush = false): Promise<number> {
  const FakeTimers = (await import("@sinonjs/fake-timers")) as unknown as {
    withGlobal(g: object): {
      createClock(): {
        setTimeout(f: () => void, ms: number): unknown;
        runAll(): void;
        runAllAsync(): Promise<void>;
        loopLimit: number;
      };
    };
  };
  const c = FakeTimers.withGlobal(globalThis).createClock();
  let fired = 0;
  const t0 = clock();
  for (let i = 0; i < n; i++) c.setTimeout(() => fired++, (i * 2654435761) % 1_000_000);
  c.loopLimit = n + 10;
  if (flush) await c.runAllAsync();
  else c.runAll();
  if (fired !== n) throw new Error(`sinon fired ${fired} of ${n}`);
  return since(t0) / n;
}

/** N host-style setTimeouts inside a synctest bubble (what code migrating from fake timers uses). */
async function bubbleVirtual(n: number, sites: boolean): Promise<number> {
  const t0 = clock();
  await synctest.run(
    () =>
      new Promise<void>((done) => {
        let fired = 0;
        for (let i = 0; i < n; i++)
          setTimeout(
            () => {
              if (++fired === n) done();
            },
            (i * 2654435761) % 1_000_000,
          );
      }),
    { sites, maxTimerFirings: 3 * n + 10 }, // each timeout counts twice: the engine timer fires, the callback starts
  );
  return since(t0) / n;
}

const virtualTime: Scenario = {
  name: "virtual time vs @sinonjs/fake-timers",
  about: "N timers with random delays scheduled and fired in virtual time, per timer",
  async run(ctx) {
    const sizes = ctx.quick ? [10_000] : [100_000, 1_000_000];
    const out: Row[] = [];
    for (const n of sizes) {
      const st = await interleave(
        ctx,
        n >= 1_000_000
          ? { gort: () => gortVirtual(n), sinon: () => sinonVirtual(n), floor: () => bareHeapVirtual(n) }
          : {
              gort: () => gortVirtual(n),
              sinon: () => sinonVirtual(n),
              sinonAsync: () => sinonVirtual(n, true),
              bubble: () => bubbleVirtual(n, false),
              bubbleSites: () => bubbleVirtual(n, true),
            },
        { warmup: n >= 1_000_000 ? 0 : 1, reps: ctx.quick ? 2 : 3 },
      );
      const r = row(
        `virtual time, ${n.toLocaleString("en-US")} timers scheduled+fired`,
        pick(st, "gort"),
        "@sinonjs/fake-timers setTimeout + runAll",
        pick(st, "sinon"),
        n,
        0,
        "ns/timer",
      );
      out.push(withBaseN({ ...r, k: r.gort.samples.length }, n));
      if (n >= 1_000_000) {
        const f = row(
          r.scenario,
          pick(st, "gort"),
          "the same delays in a bare 4-ary heap, a closure each (floor)",
          pick(st, "floor"),
          n,
          0,
          "ns/timer",
        );
        out.push(withBaseN({ ...f, k: f.gort.samples.length }, n));
      }
      if (n < 1_000_000) {
        const asyncBase = "@sinonjs/fake-timers setTimeout + runAllAsync (drains promises between timers)";
        const a = row(r.scenario, pick(st, "gort"), asyncBase, pick(st, "sinonAsync"), n, 0, "ns/timer");
        out.push(withBaseN({ ...a, k: a.gort.samples.length }, n));
        for (const [key, what] of [
          ["bubble", "sites: false"],
          ["bubbleSites", "sites on, the default"],
        ] as const) {
          const b = row(
            `virtual time, ${n.toLocaleString("en-US")} setTimeouts in a synctest bubble (${what})`,
            pick(st, key),
            asyncBase,
            pick(st, "sinonAsync"),
            n,
            0,
            "ns/timer",
          );
          out.push(withBaseN({ ...b, k: b.gort.samples.length }, n));
        }
      }
    }
    return out;
  },
};

export const schedSuite: Suite = {
  name: "sched",
  scenarios: [
    pingpong,
    parkReady,
    spawn,
    goBenchmarks,
    goTimerShapes,
    publicTimers,
    realClockCpu,
    selectTimeout,
    lateness,
    tickerLateness,
    hostFairnessCost,
    virtualTime,
  ],
  targets(rows: Row[]): Target[] {
    const t: Target[] = [];
    const find = (s: string, b: string) =>
      rows.find((r) => r.scenario.startsWith(s) && r.baseline?.startsWith(b));
    const pp = find("park/ready", "await");
    if (pp?.base)
      t.push({
        name: "park/ready within 3× a bare promise round trip",
        ok: pp.gort.median <= 3 * pp.base.median,
        detail: `${pp.gort.median.toFixed(0)} ns vs ${pp.base.median.toFixed(0)} ns`,
      });
    const ping = find("ping-pong round trip (real", "bare promise");
    if (ping)
      t.push({
        name: "ping-pong round trip ≤ 300 ns through the scheduler",
        ok: ping.gort.median <= 300,
        detail: `${ping.gort.median.toFixed(0)} ns`,
      });
    // Issue 17: lateness p99 no worse than Node doing the same (never early; a fixed schedule), and
    // real-clock CPU ≤ 1.5× Node's.
    for (const [what, base] of [
      ["lateness p99 of 1–10 ms timers", "Node setTimeout, never early"],
      ["lateness p99 of a 1 ms ticker", "Node setTimeout on a fixed"],
    ]) {
      const late = find(what, base);
      if (late?.base)
        t.push({
          name: `${what}: no worse than ${late.baseline}`,
          ok: late.gort.median <= late.base.median,
          detail: `${(late.gort.median / 1e6).toFixed(2)} ms vs ${(late.base.median / 1e6).toFixed(2)} ms`,
        });
    }
    for (const what of ["CPU of a 1 ms ticker", "CPU of 1000 goroutines"]) {
      const cpu = rows.find((r) => r.scenario.startsWith(what));
      if (cpu?.base)
        t.push({
          name: `${what}: ≤ 1.5× Node's`,
          ok: cpu.gort.median <= 1.5 * cpu.base.median,
          detail: `${cpu.gort.median.toFixed(1)} % vs ${cpu.base.median.toFixed(1)} % of a core`,
        });
    }
    const v = rows.find((r) => r.scenario.startsWith("virtual time, 1,000,000"));
    if (v)
      t.push({
        name: "virtual time, 1M timers ≤ 0.3 µs/timer",
        ok: v.gort.median <= 300,
        detail: `${v.gort.median.toFixed(0)} ns/timer`,
      });
    return t;
  },
};
