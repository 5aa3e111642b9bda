// Turns the `go test -bench` output that scripts/bench-go.sh saved into bench/go-results.json.
//   node --import tsx scripts/bench-go-parse.ts RAW OUT GOVERSION COUNT BENCHTIME
// One row per benchmark: the median ns/op over the -count runs, the samples, and the figure per timer,
// goroutine or link where one of Go's ops covers many (StartStop1000 is 1000 timers, …), so the
// README's gort / Go table compares like with like.
import { readFileSync, writeFileSync } from "node:fs";
import { arch, cpus, release, type } from "node:os";
import { jsonText } from "../bench/lib.ts";

export interface GoRow {
  benchmark: string;
  /** "go test time" (Go's own benchmarks) or "bench/go" (ours). */
  source: string;
  /** Median of the samples, in Go's own unit: ns per b.N iteration. */
  ns_per_op: number;
  /** What ns_per is per: "op" when one iteration is one unit, else "timer", "goroutine", "link", … */
  per: string;
  /** How many `per` one iteration covers. */
  per_op: number;
  /** ns_per_op ÷ per_op. */
  ns_per: number;
  samples: number[];
  /** b.N of each sample. */
  iterations: number[];
  /** Metrics the benchmark reports besides ns/op (b.ReportMetric), median over the samples. */
  metrics?: Record<string, number>;
  about: string;
}

export interface GoResults {
  date: string;
  machine: { cpu: string; cores: number; os: string };
  go: string;
  gomaxprocs: 1;
  count: number;
  benchtime: string;
  command: string;
  rows: GoRow[];
}

/** What one iteration of each benchmark is. Unknown benchmarks are kept with per "op". */
const shapes: Record<string, { per: string; n: number; about: string }> = {
  BenchmarkFaketimeAfterFunc1M: {
    per: "timer",
    n: 1_000_000,
    about:
      "1M AfterFuncs with pseudo-random delays (0–1000 s) run to completion under faketime (bench/go/faketime)",
  },
  BenchmarkAfterFunc1000: {
    per: "link",
    n: 1001,
    about: "a chain of 1001 AfterFunc(0), each scheduling the next",
  },
  BenchmarkSimultaneousAfterFunc1000: {
    per: "timer",
    n: 1000,
    about: "1000 AfterFunc(0, wg.Done) at once, then wait",
  },
  BenchmarkStartStop1000: {
    per: "timer",
    n: 1000,
    about: "1000 × AfterFunc(Hour, nil), then Stop each (one shared 1 h delay)",
  },
  "BenchmarkReset/impl=chan": { per: "op", n: 1, about: "Reset(Hour) of one pending channel timer" },
  "BenchmarkReset/impl=func": { per: "op", n: 1, about: "Reset(Hour) of one pending func timer" },
  "BenchmarkStop/impl=chan": { per: "op", n: 1, about: "NewTimer(1s).Stop()" },
  "BenchmarkStop/impl=func": { per: "op", n: 1, about: "AfterFunc-style timer of 1 s, created and stopped" },
  BenchmarkSleep1000: {
    per: "goroutine",
    n: 1000,
    about: "1000 goroutines each Sleep(1ns), then wait for all",
  },
  BenchmarkTicker: { per: "tick", n: 1, about: "receive one tick of a 1 ns ticker" },
  BenchmarkTickerReset: { per: "op", n: 1, about: "Reset(2ns) of a running ticker" },
  BenchmarkAfter: { per: "op", n: 1, about: "<-After(1ns)" },
  BenchmarkAdjustTimers10000: {
    per: "timer",
    n: 10000,
    about: "10k AfterFunc(Hour), reset the last to 1 ns, Sleep(1µs), stop all",
  },
  BenchmarkPingPong: {
    per: "round trip",
    n: 1,
    about: "send on an unbuffered channel, partner replies on another",
  },
  BenchmarkSelectTimeout: {
    per: "select",
    n: 1,
    about: "select on a ready buffered channel and a fresh time.After(1s)",
  },
  BenchmarkSpawn: {
    per: "goroutine",
    n: 1,
    about: "go f() until f has run, per goroutine (batches of 1000)",
  },
  BenchmarkTimerMemory: {
    per: "timer",
    n: 1_000_000,
    about: "heap bytes per pending AfterFunc(Hour, f) timer, 1M timers, shared f (metrics B/timer)",
  },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const sig = (x: number) => Number(x.toPrecision(5));

export function parse(text: string): GoRow[] {
  const runs = new Map<
    string,
    { source: string; ns: number[]; n: number[]; metrics: Record<string, number[]> }
  >();
  let source = "go test time";
  for (const line of text.split("\n")) {
    const pkg = /^pkg: (\S+)/.exec(line);
    if (pkg) source = pkg[1] === "time" ? "go test time" : "bench/go";
    // "BenchmarkStop/impl=func   353382   542.1 ns/op" (a "-P" suffix only when GOMAXPROCS ≠ 1),
    // then any reported metrics: "   129.8 B/timer"
    const m = /^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+([\d.]+) ns\/op((?:\s+[\d.]+ \S+)*)\s*$/.exec(line);
    if (!m) continue;
    const r = runs.get(m[1]) ?? { source, ns: [], n: [], metrics: {} };
    r.n.push(Number(m[2]));
    r.ns.push(Number(m[3]));
    for (const [, value, unit] of m[4].matchAll(/([\d.]+) (\S+)/g)) {
      const xs = r.metrics[unit] ?? [];
      xs.push(Number(value));
      r.metrics[unit] = xs;
    }
    runs.set(m[1], r);
  }
  return [...runs].map(([benchmark, r]) => {
    const shape = shapes[benchmark] ?? { per: "op", n: 1, about: "" };
    const ns = median(r.ns);
    const metrics = Object.entries(r.metrics).map(([unit, xs]) => [unit, sig(median(xs))]);
    return {
      benchmark,
      source: r.source,
      ns_per_op: sig(ns),
      per: shape.per,
      per_op: shape.n,
      ns_per: sig(ns / shape.n),
      samples: r.ns,
      iterations: r.n,
      ...(metrics.length > 0 ? { metrics: Object.fromEntries(metrics) } : {}),
      about: shape.about,
    };
  });
}

if (process.argv[1]?.endsWith("bench-go-parse.ts")) {
  const [raw, out, go, count, benchtime] = process.argv.slice(2);
  if (benchtime === undefined) {
    console.error("usage: bench-go-parse.ts RAW OUT GOVERSION COUNT BENCHTIME");
    process.exit(2);
  }
  const text = readFileSync(raw, "utf8");
  const rows = parse(text);
  if (rows.length === 0) throw new Error(`bench-go: no benchmark lines in ${raw}`);
  const goCpu = /^cpu: (.+)$/m.exec(text)?.[1];
  const results: GoResults = {
    date: new Date().toISOString(),
    machine: {
      cpu: goCpu ?? cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      os: `${type()} ${release()} ${arch()}`,
    },
    go,
    gomaxprocs: 1,
    count: Number(count),
    benchtime,
    command: "scripts/bench-go.sh (npm run bench:go)",
    rows,
  };
  writeFileSync(out, jsonText(results));
  console.log(`wrote ${out}: ${rows.length} benchmarks, median of ${count} runs each (${go}, GOMAXPROCS=1)`);
  for (const r of rows) {
    const per = r.per_op === 1 ? "" : ` = ${r.ns_per} ns/${r.per}`;
    const extra = Object.entries(r.metrics ?? {}).map(([unit, x]) => `, ${x} ${unit}`);
    console.log(
      `  ${r.benchmark.padEnd(36)} ${String(r.ns_per_op).padStart(10)} ns/op${per}${extra.join("")}`,
    );
  }
}
