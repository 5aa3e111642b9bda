// `npm start`: gort's showcase. A simulated hour of a small web service, run under the fake clock in a few
// seconds of wall time:
//   - a load generator with a slow traffic wave spawns one goroutine per request;
//   - each request waits for one of 32 worker slots, then queries the database and the cache in two
//     goroutines of its own, under a 300ms deadline (context.withTimeout, whose AbortSignal cancels the
//     wait and the queries);
//   - 200 long-lived client connections, each a goroutine with a heartbeat ticker and an idle timer that
//     every answered message resets; a broadcaster sends them a message every 30s; one client in twenty
//     never answers, so its idle timer fires: it is dropped and reconnects;
//   - every request touches its user's session, whose expiry is an afterFunc timer reset on each touch;
//   - a health checker pings three backends every 5s with a 100ms timeout (tickers, select, time.after);
//   - an exporter ships a batch every 2 minutes, retrying with exponential backoff and jitter;
//   - from minute 25 to 32 the database degrades (latency ×8): timeouts, failed health checks, retries;
//   - a reporter prints metrics every 5 minutes; at the hour the root context is cancelled and every
//     component shuts down.
// Output lines carry the virtual time since start. At the end: a summary (virtual vs wall time, timers
// fired, goroutines, peak heap), a Chrome trace (bench/out/demo-trace.json; open it in ui.perfetto.dev),
// a text timeline of the first simulated second, and docs/trace.svg, a picture of the trace.
//
//   npm start [-- --quick] [-- --out=DIR]
//     --quick     10 simulated minutes instead of an hour; everything goes to bench/out/ (git-ignored), so
//                 the tracked picture docs/trace.svg (the full hour) is left alone
//     --out=DIR   write the trace, the timeline and the picture to DIR (default: the trace and timeline to
//                 bench/out/, the picture to docs/trace.svg, or to bench/out/ with --quick)
//
// The wall time in the summary depends on the machine and its load, the Node version, and the recording
// itself (the trace of every run and firing, and each goroutine's creation site): docs/benchmarks.md.

import { mkdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SvgTraceWriter } from "../src/cli/trace-svg.ts";
import { fileSink, recordTrace, startTrace, TextTimelineWriter } from "../src/cli/trace-writer.ts";
import { chan, context, go, Runtime, recv, select, time, WaitGroup } from "../src/index.ts";
import { subscribeTrace } from "../src/internal/runtime/trace.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");
const runFor = (quick ? 10 : 60) * time.Minute;
const ms = time.Millisecond;

// ----- deterministic randomness (the runtime's own choices are seeded separately) -----

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(2009);
/** An exponentially distributed duration with the given mean. */
const exp = (mean: number) => Math.max(1, Math.round(-Math.log(1 - random()) * mean));

// ----- output -----

const rt = new Runtime({ clock: "fake", procs: 4, seed: 1 });
const since = () => rt.nanotime() - 1;

function clock(ns: number): string {
  const total = Math.floor(ns / 1e6);
  const m = Math.floor(total / 60000);
  const s = Math.floor((total % 60000) / 1000);
  return `+${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(total % 1000).padStart(3, "0")}`;
}
const log = (s: string) => console.log(`${clock(since())}  ${s}`);

// ----- measurements -----

let peakHeap = 0;
const sampleHeap = () => {
  const h = process.memoryUsage().heapUsed;
  if (h > peakHeap) peakHeap = h;
};
let timersFired = 0;
let live = 0;
let peakLive = 0;
const countEvents = subscribeTrace((e) => {
  if (e.rt !== rt.id) return;
  if (e.kind === "timer.fire") timersFired++;
  else if (e.kind === "go.create") {
    if (++live > peakLive) peakLive = live;
  } else if (e.kind === "go.end") live--;
});

// ----- the service -----

const stats = { requests: 0, ok: 0, timeouts: 0, expired: 0, latencies: [] as number[] };
let degraded = false;

/** The database: a query's latency, slower while degraded. */
function dbLatency(): number {
  const base = 4 + exp(25) + (random() < 0.02 ? exp(150) : 0);
  return (degraded ? base * 8 : base) * ms;
}

/** A health ping's latency. */
function pingLatency(): number {
  const base = 1 + exp(6);
  return (degraded ? base * 50 : base) * ms;
}

const slots = chan<void>(32, "worker slots");
const sessions = new Map<number, time.Timer>();

function touchSession(user: number): void {
  const t = sessions.get(user);
  if (t?.reset(10 * time.Minute)) return;
  sessions.set(
    user,
    time.afterFunc(10 * time.Minute, () => {
      sessions.delete(user);
      stats.expired++;
    }),
  );
}

async function handle(ctx: context.Context, user: number): Promise<void> {
  const start = since();
  const [rctx, cancel] = context.withTimeout(ctx, 300 * ms);
  try {
    await slots.send(undefined, rctx.signal); // wait for a worker slot
    try {
      // The query and a cache lookup, in parallel, both under the request's deadline.
      const wg = new WaitGroup();
      let failed = false;
      for (const d of [dbLatency(), (1 + exp(3)) * ms]) {
        wg.go(async () => {
          try {
            await time.sleep(d, rctx.signal);
          } catch {
            failed = true;
          }
        });
      }
      await wg.wait();
      if (failed) throw rctx.err();
      stats.ok++;
      stats.latencies.push((since() - start) / 1e6);
    } finally {
      slots.tryRecv(); // free the slot
    }
  } catch {
    stats.timeouts++;
  } finally {
    cancel();
  }
  touchSession(user);
}

/** Requests per second at virtual time t: a slow wave between 2 and 6 req/s. */
function rate(t: number): number {
  return 4 + 2 * Math.sin((2 * Math.PI * t) / (40 * time.Minute));
}

async function loadGenerator(ctx: context.Context): Promise<void> {
  const done = ctx.done();
  for (;;) {
    const r = await select([recv(done), recv(time.after(exp(1e9 / rate(since()))))] as const);
    if (r.index === 0) return;
    stats.requests++;
    go(handle, ctx, Math.floor(random() * 2000));
  }
}

const conns = { open: 0, dropped: 0, heartbeats: 0, messages: 0 };
const inboxes = new Set<ReturnType<typeof chan<string>>>();

/** A client connection: heartbeats on a ticker, an idle timer reset by every message. */
async function connection(ctx: context.Context, id: number): Promise<void> {
  const inbox = chan<string>(1);
  inboxes.add(inbox);
  conns.open++;
  const heartbeat = time.newTicker((30 + Math.floor(random() * 30)) * time.Second);
  const idle = time.newTimer((3 + random() * 3) * time.Minute);
  try {
    for (;;) {
      const r = await select([recv(ctx.done()), recv(heartbeat.c), recv(inbox), recv(idle.c)] as const);
      if (r.index === 0) return;
      if (r.index === 1) conns.heartbeats++;
      else if (r.index === 2) {
        conns.messages++;
        // The idle timer restarts with every message the client answers; one in twenty never answers.
        if (id % 20 !== 0) idle.reset(3 * time.Minute);
      } else {
        conns.dropped++;
        go(connection, ctx, id); // the client reconnects
        return;
      }
    }
  } finally {
    heartbeat.stop();
    idle.stop();
    inboxes.delete(inbox);
    conns.open--;
  }
}

async function broadcaster(ctx: context.Context): Promise<void> {
  const ticker = time.newTicker(30 * time.Second);
  try {
    for (;;) {
      const r = await select([recv(ctx.done()), recv(ticker.c)] as const);
      if (r.index === 0) return;
      for (const inbox of inboxes) inbox.trySend("news");
    }
  } finally {
    ticker.stop();
  }
}

async function healthChecker(ctx: context.Context): Promise<void> {
  const backends = ["db-1", "db-2", "cache"];
  const healthy = new Map(backends.map((b) => [b, true]));
  // A backend changes state after three checks in a row say so.
  const streak = new Map(backends.map((b) => [b, 0]));
  const ticker = time.newTicker(5 * time.Second);
  try {
    for (;;) {
      const r = await select([recv(ctx.done()), recv(ticker.c)] as const);
      if (r.index === 0) return;
      const results = chan<[string, boolean]>(backends.length);
      for (const b of backends) {
        go(async () => {
          const reply = time.after(b === "cache" ? 2 * ms : pingLatency());
          const res = await select([recv(reply), recv(time.after(100 * ms))] as const);
          await results.send([b, res.index === 0]);
        });
      }
      for (let i = 0; i < backends.length; i++) {
        const [b, ok] = (await results.recv())!;
        if (ctx.err() !== null) return;
        const n = ok === healthy.get(b) ? 0 : streak.get(b)! + 1;
        streak.set(b, n);
        if (n === 3) {
          log(
            `health: ${b} is ${ok ? "healthy again" : "DOWN: 3 pings in a row got no answer within 100ms"}`,
          );
          healthy.set(b, ok);
          streak.set(b, 0);
        }
      }
    }
  } finally {
    ticker.stop();
  }
}

async function exporter(ctx: context.Context): Promise<void> {
  const ticker = time.newTicker(2 * time.Minute);
  let batch = 0;
  try {
    for (;;) {
      const r = await select([recv(ctx.done()), recv(ticker.c)] as const);
      if (r.index === 0) return;
      batch++;
      for (let attempt = 1; ; attempt++) {
        await time.sleep(dbLatency());
        if (!degraded) {
          if (attempt > 1) log(`export: batch ${batch} shipped on attempt ${attempt}`);
          break;
        }
        const backoff = Math.floor(random() * Math.min(2 * time.Minute, time.Second * 2 ** attempt));
        log(
          `export: batch ${batch} attempt ${attempt} failed; retrying in ${time.durationString(backoff - (backoff % ms))}`,
        );
        const w = await select([recv(ctx.done()), recv(time.after(backoff))] as const);
        if (w.index === 0) return;
      }
    }
  } finally {
    ticker.stop();
  }
}

function pct(sorted: number[], p: number): string {
  if (sorted.length === 0) return "-";
  return `${sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(0)}ms`;
}

async function reporter(ctx: context.Context): Promise<void> {
  const ticker = time.newTicker(10 * time.Second);
  let n = 0;
  let last = { requests: 0, ok: 0, timeouts: 0 };
  try {
    for (;;) {
      const r = await select([recv(ctx.done()), recv(ticker.c)] as const);
      if (r.index === 0) return;
      sampleHeap();
      if (++n % 30 !== 0) continue; // every 5 minutes
      const lat = stats.latencies.sort((a, b) => a - b);
      const req = stats.requests - last.requests;
      log(
        `metrics: ${req} requests (${(req / 300).toFixed(1)}/s), ${stats.timeouts - last.timeouts} timed out, p50 ${pct(lat, 0.5)} p99 ${pct(lat, 0.99)}; ${conns.open} clients; ${rt.numGoroutine()} goroutines`,
      );
      stats.latencies = [];
      last = { ...stats };
    }
  } finally {
    ticker.stop();
  }
}

async function service(): Promise<void> {
  const [ctx, shutdown] = context.withCancel(context.background());
  log(
    `service starting: 4 Ps, 32 worker slots, 300ms request deadline; simulating ${time.durationString(runFor)}`,
  );
  const wg = new WaitGroup();
  wg.go(() => loadGenerator(ctx));
  wg.go(() => healthChecker(ctx));
  wg.go(() => exporter(ctx));
  wg.go(() => reporter(ctx));
  wg.go(() => broadcaster(ctx));
  for (let i = 0; i < 200; i++) wg.go(() => connection(ctx, i));
  if (!quick) {
    time.afterFunc(25 * time.Minute, () => {
      degraded = true;
      log("incident: database latency ×8");
    });
    time.afterFunc(32 * time.Minute, () => {
      degraded = false;
      log("incident over: database latency back to normal");
    });
  }
  await time.sleep(runFor);
  log("shutting down: cancelling the root context");
  shutdown();
  await wg.wait();
  for (const t of sessions.values()) t.stop();
  log(
    `stopped: ${stats.requests} requests, ${stats.ok} ok, ${stats.timeouts} timed out, ${stats.expired} sessions expired`,
  );
  log(
    `clients: ${conns.heartbeats} heartbeats, ${conns.messages} messages, ${conns.dropped} dropped idle and reconnected`,
  );
}

// ----- run it, traced -----

const outArg = process.argv.find((a) => a.startsWith("--out="))?.slice(6);
const outDir = outArg !== undefined ? resolve(outArg) : join(root, "bench", "out");
// Only a full run redraws the tracked picture; a quick one would overwrite it with 10 minutes.
const svgDir = outArg !== undefined || quick ? outDir : join(root, "docs");
mkdirSync(outDir, { recursive: true });
mkdirSync(svgDir, { recursive: true });
const tracePath = join(outDir, "demo-trace.json");
const textPath = join(outDir, "demo-trace.txt");
const svgPath = join(svgDir, "trace.svg");
const label = "fake clock, 4 Ps, seed 1";
const chrome = startTrace(tracePath, { runtime: rt.id, label });
const svg = recordTrace(
  new SvgTraceWriter(fileSink(svgPath), {
    label,
    detailRuns: 28,
    detailAt: 25.001 / 60,
    marks: quick
      ? []
      : [
          { at: 25 * time.Minute, label: "incident" },
          { at: 32 * time.Minute, label: "recovered" },
        ],
    title: `gort showcase: ${time.durationString(runFor)} of a simulated service under the fake clock, 4 Ps`,
  }),
  rt.id,
);
// The text timeline of the first simulated second (the whole hour would be millions of lines).
const textWriter = new TextTimelineWriter(fileSink(textPath), { label });
let textOn = true;
const text = recordTrace(
  {
    event(e) {
      if (!textOn) return;
      if (e.ts > 1e9) {
        textOn = false;
        return;
      }
      textWriter.event(e);
    },
    close() {
      textWriter.close();
    },
  },
  rt.id,
);

const wall0 = performance.now();
sampleHeap();
await rt.run(service);
const wall = performance.now() - wall0;
sampleHeap();
chrome.stop();
svg.stop();
text.stop();
countEvents();

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
const rel = (p: string) => relative(process.cwd(), p) || p;
const virtual = since();
console.log(`
summary
  virtual time      ${time.durationString(virtual)}
  wall time         ${(wall / 1000).toFixed(2)}s  (${Math.round(virtual / 1e6 / wall)}× faster than real time)
  timers fired      ${timersFired.toLocaleString("en-US")}
  goroutines        ${rt.stats.goroutines.toLocaleString("en-US")} started, ${peakLive} alive at peak
  switches          ${rt.stats.switches.toLocaleString("en-US")} goroutine switches, ${rt.stats.jumps.toLocaleString("en-US")} clock jumps, ${rt.stats.steals.toLocaleString("en-US")} steals
  peak heap         ${mb(peakHeap)} (sampled every 10 virtual seconds)
  trace             ${rel(tracePath)} (${mb(statSync(tracePath).size)}, ${chrome.events.toLocaleString("en-US")} events; open in https://ui.perfetto.dev)
  timeline          ${rel(textPath)} (the first virtual second)
  picture           ${rel(svgPath)}`);
