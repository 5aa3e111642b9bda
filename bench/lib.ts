// The benchmark harness: suites of scenarios, interleaved sampling, statistics, the table and the JSON.
//
// A suite (bench/engine.ts, later scheduler/channels/virtual-time suites) is a named list of scenarios.
// A scenario runs gort and its baselines in the same process and returns rows: one row per
// (gort variant × baseline). bench/suites.ts lists the suites; bench/main.ts runs them.
//
// Timing: plain loops around process.hrtime.bigint(), never tinybench. tinybench 6 reads the clock
// around every call of the task function, and most ops measured here cost 5–300 ns, the same order as
// one clock read; the batched scenarios (StartStop1000, AdjustTimers10000, the 1M runs) need untimed
// setup between samples and per-phase timings inside one sample, which tinybench's task model does not
// give. So a sample is one timed loop of many ops, and each variant gets `warmup` discarded samples and
// `reps` kept ones, interleaved (A B C, B C A, …) so machine drift hits every variant alike. Every
// sample starts after a full gc() (the suite runs with --expose-gc) and a pause for the concurrent
// sweeper (see settle()), except in scenarios of short-lived allocations (SampleOpts.gc).

/** Median, min and max of the kept samples (in the row's unit). */
export interface Stats {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export interface Row {
  /** Scenario name, including the gort variant, e.g. "StartStop1000 random delays". */
  scenario: string;
  gort: Stats;
  /** What gort is compared against, or null for a gort-only row. */
  baseline: string | null;
  base: Stats | null;
  /** Ops (timers, resets, …) per gort sample. */
  n: number;
  /** Ops per baseline sample, when it differs from n (slow baselines run fewer ops). */
  nBase?: number;
  /** Kept samples per variant. */
  k: number;
  /** Unit of the values: "ns/op", "ns/timer", "ms/op", "B/timer", … */
  unit: string;
  notes?: string;
}

export interface Target {
  name: string;
  ok: boolean;
  detail: string;
}

export interface BenchContext {
  quick: boolean;
  /** --reps=K: kept samples per variant, overriding each scenario's default. */
  reps: number | null;
  /** Full collection (twice), or nothing without --expose-gc. */
  gc(): void;
  log(msg: string): void;
}

export interface Scenario {
  name: string;
  /** One line for --list. */
  about: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

export interface Suite {
  name: string;
  scenarios: Scenario[];
  /** Checks the suite's targets against the rows it produced (only rows of scenarios that ran). */
  targets?(rows: Row[]): Target[];
}

// ---------------------------------------------------------------------------------------------------
// Clock and GC

const hr = process.hrtime.bigint;

/** A monotonic clock reading in ns (as a bigint: subtract, then convert with `elapsed`). */
export function clock(): bigint {
  return hr();
}

/** ns elapsed since `t0` (a clock() reading). */
export function since(t0: bigint): number {
  return Number(hr() - t0);
}

const gcFn = globalThis.gc;

export function fullGC(): void {
  if (gcFn) {
    gcFn();
    gcFn();
  }
}

export const hasGC = gcFn !== undefined;

/**
 * A full gc(), then a pause while V8's concurrent sweeper threads finish: right after gc() on a heap of
 * a few hundred MB they compete with the main thread, and a 10 ns op measured then reads 30–90 ns.
 * The pause grows with the heap (0.5 ms per MB, 2–300 ms).
 */
export async function settle(ctx: BenchContext): Promise<void> {
  ctx.gc();
  const ms = Math.min(300, Math.max(2, heapUsed() / 2e6));
  await new Promise((r) => setTimeout(r, ms));
}

export function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}

// ---------------------------------------------------------------------------------------------------
// Sampling

/** One sample: a value in the row's unit, or several named values (phases of one run). */
export type SampleFn = () => number | Record<string, number> | Promise<number | Record<string, number>>;

export interface SampleOpts {
  warmup: number;
  reps: number;
  /**
   * Full gc() before each sample (default true). Scenarios of short-lived allocations (the scheduler's)
   * pass false: a forced full GC also shrinks V8's young generation, and the next sample then measures
   * its regrowth (Sleep1000 measured 3.5 ms per op after a gc() and 0.9 ms in steady state).
   */
  gc?: boolean;
}

/**
 * Runs every variant `warmup + reps` times, interleaved with a rotating order, gc() before each sample
 * (unless opts.gc is false).
 * Returns the kept samples per variant; a variant returning a record yields keys "variant.key".
 */
export async function interleave(
  ctx: BenchContext,
  variants: Record<string, SampleFn>,
  opts: SampleOpts,
): Promise<Record<string, Stats>> {
  if (ctx.reps !== null) opts = { ...opts, reps: ctx.reps };
  const names = Object.keys(variants);
  const kept: Record<string, number[]> = {};
  const total = opts.warmup + opts.reps;
  for (let round = 0; round < total; round++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(j + round) % names.length];
      if (opts.gc === false) await new Promise((r) => setImmediate(r));
      else await settle(ctx);
      const v = await variants[name]();
      if (round < opts.warmup) continue;
      if (typeof v === "number") keep(kept, name, v);
      else for (const [key, x] of Object.entries(v)) keep(kept, `${name}.${key}`, x);
    }
  }
  const out: Record<string, Stats> = {};
  for (const [key, xs] of Object.entries(kept)) out[key] = stats(xs);
  return out;
}

function keep(kept: Record<string, number[]>, key: string, x: number): void {
  const xs = kept[key];
  if (xs === undefined) kept[key] = [x];
  else xs.push(x);
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const median = s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  return { median, min: s[0] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN, samples: xs };
}

/** Looks a stat up, failing loudly on a typo. */
export function pick(st: Record<string, Stats>, key: string): Stats {
  const s = st[key];
  if (s === undefined) throw new Error(`bench: no samples for "${key}" (have ${Object.keys(st).join(", ")})`);
  return s;
}

export function row(
  scenario: string,
  gort: Stats,
  baseline: string | null,
  base: Stats | null,
  n: number,
  k: number,
  unit: string,
  notes?: string,
): Row {
  return notes === undefined
    ? { scenario, gort, baseline, base, n, k, unit }
    : { scenario, gort, baseline, base, n, k, unit, notes };
}

/** The same row with the baseline's own ops per sample. */
export function withBaseN(r: Row, nBase: number): Row {
  return nBase === r.n ? r : { ...r, nBase };
}

export function ratio(r: Row): number {
  return r.base === null ? Number.NaN : r.base.median / r.gort.median;
}

// ---------------------------------------------------------------------------------------------------
// Deterministic random numbers

/** mulberry32: a small fixed-seed PRNG, so every run uses the same delays. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n integers uniform in [lo, hi], from a fixed seed. */
export function randInts(n: number, lo: number, hi: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  const a = new Float64Array(n);
  const span = hi - lo + 1;
  for (let i = 0; i < n; i++) a[i] = lo + Math.floor(r() * span);
  return a;
}

// ---------------------------------------------------------------------------------------------------
// Output

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function fmtN(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

function spread(s: Stats | null): string {
  return s === null ? "" : `${fmt(s.min)}–${fmt(s.max)}`;
}

export function formatTable(rows: Row[]): string {
  const head = [
    "scenario",
    "unit",
    "gort",
    "baseline",
    "base",
    "ratio",
    "n[/base n]×k",
    "gort spread",
    "base spread",
  ];
  const body = rows.map((r) => [
    r.scenario,
    r.unit,
    fmt(r.gort.median),
    r.baseline ?? "",
    r.base === null ? "" : fmt(r.base.median),
    r.base === null ? "" : `${ratio(r).toFixed(2)}×`,
    `${fmtN(r.n)}${r.nBase === undefined ? "" : `/${fmtN(r.nBase)}`}×${r.k}`,
    spread(r.gort),
    spread(r.base),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = new Set([2, 4, 5, 6]);
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(w[i]) : c.padEnd(w[i]))).join("  ");
  return [line(head), w.map((x) => "-".repeat(x)).join("  "), ...body.map(line)].join("\n");
}

/** The rows as results.json: values in each row's unit (ns unless `unit` says otherwise). */
export function toJSON(rows: Row[]): unknown[] {
  const r3 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : null);
  return rows.map((r) => {
    const o: Record<string, unknown> = {
      scenario: r.scenario,
      gort_ns_per_op: r3(r.gort.median),
      baseline: r.baseline,
      baseline_ns_per_op: r.base === null ? null : r3(r.base.median),
      ratio: r.base === null ? null : r3(ratio(r)),
      n: r.n,
      ...(r.nBase === undefined ? {} : { baseline_n: r.nBase }),
      k: r.k,
      spread: {
        gort: [r3(r.gort.min), r3(r.gort.max)],
        baseline: r.base === null ? null : [r3(r.base.min), r3(r.base.max)],
      },
      unit: r.unit,
    };
    if (r.notes !== undefined) o["notes"] = r.notes;
    return o;
  });
}

/**
 * JSON with 2-space indents and each array of numbers on one line when that line fits in Biome's 110
 * columns: the layout `npm run lint` (Biome) wants, so generated files pass it as written.
 */
export function jsonText(value: unknown): string {
  const num = "(?:-?[\\d.e+-]+|null)";
  const flat = new RegExp(`\\[\\s*(${num}(?:,\\s*${num})*)\\s*\\]`, "g");
  const text = JSON.stringify(value, null, 2).replace(
    flat,
    (match: string, xs: string, at: number, all: string) => {
      const one = `[${xs.split(/,\s*/).join(", ")}]`;
      const lineStart = all.lastIndexOf("\n", at) + 1;
      const rest = all.indexOf("\n", at + match.length);
      const tail = (rest < 0 ? all.length : rest) - (at + match.length);
      return at - lineStart + one.length + tail <= 110 ? one : match;
    },
  );
  return `${text}\n`;
}
