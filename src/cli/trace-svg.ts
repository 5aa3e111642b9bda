// A picture of a trace, as SVG, drawn from the runtime's trace events (no dependencies):
//   - "timeline": the whole run on a time axis, one row per P. A goroutine run is a mark at its start in
//     its P's row (shaded by how many runs share the pixel column), and under each row a strip of ticks
//     for the timers that fired on that P (taller = more fires). Under the fake clock goroutines run in
//     zero virtual time, so marks are at least one pixel wide.
//   - "in execution order": a window of consecutive goroutine runs, one slot each, in the row of the P
//     that ran it, coloured and labelled by goroutine; timer fires are ticks between the runs they preceded,
//     clock jumps dashed lines labelled with the new time.
// Only one runtime is drawn: opts.runtime, or the first one seen.

import type { TraceEvent } from "../internal/runtime/trace.ts";
import { checkWriterArgs } from "./trace-args.ts";
import type { TraceSink, TraceWriter, TraceWriterOptions } from "./trace-writer.ts";

/** Growable typed column. */
class Col {
  a: Float64Array = new Float64Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

export interface SvgOptions extends TraceWriterOptions {
  /** Picture width in px (default 1200). */
  width?: number;
  /** Runs in the execution-order panel (default 48). */
  detailRuns?: number;
  /** Where the execution-order window starts, as a fraction of the run's time span (default 0.5). */
  detailAt?: number;
  /** A title line. */
  title?: string;
  /** Moments to mark on the timeline: ns since start (a runtime-clock reading − 1) and a label. */
  marks?: { at: number; label: string }[];
}

/** Collects what the picture needs (compactly: a long run is millions of events), renders on close. */
export class SvgTraceWriter implements TraceWriter {
  private rt = -1;
  private seq = 0;
  // goroutine runs
  private readonly runP = new Col();
  private readonly runG = new Col();
  private readonly runStart = new Col();
  private readonly runSeq = new Col();
  // timer fires
  private readonly fireP = new Col();
  private readonly fireTs = new Col();
  private readonly fireSeq = new Col();
  // clock jumps
  private readonly jumpTs = new Col();
  private readonly jumpSeq = new Col();
  private maxP = 0;
  private lastTs = 1;
  private goroutines = new Set<number>();

  private readonly sink: TraceSink;
  private readonly opts: SvgOptions;

  constructor(sink: TraceSink, opts: SvgOptions = {}) {
    checkWriterArgs(sink, opts, "new SvgTraceWriter", "svg");
    this.sink = sink;
    this.opts = opts ?? {};
  }

  event(e: TraceEvent): void {
    if (this.rt < 0) {
      if (this.opts.runtime !== undefined && e.rt !== this.opts.runtime) return;
      this.rt = e.rt;
    } else if (e.rt !== this.rt) return;
    this.seq++;
    this.lastTs = e.ts;
    switch (e.kind) {
      case "go.start": {
        const p = e.p ?? 0;
        if (p > this.maxP) this.maxP = p;
        this.runP.push(p);
        this.runG.push(e.g ?? 0);
        this.runStart.push(e.ts);
        this.runSeq.push(this.seq);
        this.goroutines.add(e.g ?? 0);
        break;
      }
      case "timer.fire": {
        const p = e.p ?? 0;
        if (p > this.maxP) this.maxP = p;
        this.fireP.push(p);
        this.fireTs.push(e.ts);
        this.fireSeq.push(this.seq);
        break;
      }
      case "proc.run":
      case "proc.idle":
        if ((e.p ?? 0) > this.maxP) this.maxP = e.p ?? 0;
        break;
      case "clock.jump":
        this.jumpTs.push(e.ts);
        this.jumpSeq.push(this.seq);
        break;
      default:
        break;
    }
  }

  close(): void {
    this.sink.write(this.render());
    this.sink.close();
  }

  /** The SVG text. */
  render(): string {
    const W = this.opts.width ?? 1200;
    const nP = this.maxP + 1;
    const left = 70;
    const right = 20;
    const plotW = W - left - right;
    const rowH = 26;
    const fireH = 10;
    const laneH = rowH + fireH + 6;
    const out: string[] = [];
    const t0 = 1;
    const t1 = Math.max(this.lastTs, t0 + 1);
    const span = t1 - t0;
    const runs = this.runP.n;
    const fires = this.fireP.n;

    let y = 0;
    const title =
      this.opts.title ??
      `gort trace${this.opts.label ? ` (${this.opts.label})` : ""}: ${fmtSpan(span)}, ${nP} P${nP === 1 ? "" : "s"}`;
    out.push(text(12, 22, title, 15, "#111", "bold"));
    out.push(
      text(
        12,
        40,
        `${runs.toLocaleString("en-US")} goroutine runs of ${this.goroutines.size.toLocaleString("en-US")} goroutines · ${fires.toLocaleString("en-US")} timer fires · ${this.jumpTs.n.toLocaleString("en-US")} clock jumps`,
        12,
        "#444",
      ),
    );
    y = 58;

    // ----- panel 1: the whole run on a time axis -----
    out.push(
      text(
        12,
        y + 12,
        "timeline: goroutine runs (shade = runs per pixel) and timer fires (ticks) per P",
        12,
        "#222",
        "bold",
      ),
    );
    y += 22;
    const cols = Math.max(1, Math.floor(plotW));
    const xOf = (ts: number) => Math.min(cols - 1, Math.max(0, Math.floor(((ts - t0) / span) * cols)));
    const runCount: Uint32Array[] = [];
    const fireCount: Uint32Array[] = [];
    for (let p = 0; p < nP; p++) {
      runCount.push(new Uint32Array(cols));
      fireCount.push(new Uint32Array(cols));
    }
    for (let i = 0; i < runs; i++) runCount[this.runP.a[i]][xOf(this.runStart.a[i])]++;
    for (let i = 0; i < fires; i++) fireCount[this.fireP.a[i]][xOf(this.fireTs.a[i])]++;
    let maxRun = 1;
    let maxFire = 1;
    for (let p = 0; p < nP; p++) {
      for (let x = 0; x < cols; x++) {
        if (runCount[p][x] > maxRun) maxRun = runCount[p][x];
        if (fireCount[p][x] > maxFire) maxFire = fireCount[p][x];
      }
    }
    const axisTop = y;
    // activity: runs per pixel column over all Ps
    const actH = 44;
    const total = new Uint32Array(cols);
    let maxTotal = 1;
    for (let p = 0; p < nP; p++) for (let x = 0; x < cols; x++) total[x] += runCount[p][x];
    // A moving average over about 1/120 of the span, so periodic bursts do not hide the trend.
    const win = Math.max(1, Math.round(cols / 120));
    const smooth = new Float64Array(cols);
    let acc = 0;
    for (let x = 0; x < cols; x++) {
      acc += total[x];
      if (x >= win) acc -= total[x - win];
      smooth[Math.max(0, x - (win >> 1))] = acc / Math.min(x + 1, win);
    }
    for (let x = 0; x < cols; x++) if (smooth[x] > maxTotal) maxTotal = smooth[x];
    out.push(`<rect x="${left}" y="${y}" width="${plotW}" height="${actH}" fill="#f3f5f8"/>`);
    out.push(text(left - 8, y + actH / 2, "runs/s", 11, "#222", "bold", "end"));
    out.push(text(left - 8, y + actH / 2 + 12, "all Ps", 9, "#888", "normal", "end"));
    const bars: string[] = [];
    for (let x = 0; x < cols; x++) {
      if (smooth[x] === 0) continue;
      const h = Math.max(1, Math.round(((actH - 12) * smooth[x]) / maxTotal));
      bars.push(`M${left + x + 0.5} ${y + actH}v${-h}`);
    }
    if (bars.length > 0) out.push(`<path d="${bars.join("")}" stroke="#2b6cb0" stroke-width="1"/>`);
    const perSec = (n: number) => (n / (span / cols)) * 1e9;
    out.push(
      text(
        left + plotW - 4,
        y + 10,
        `goroutine runs per second, all Ps (moving average over ${fmtSpan(Math.round((win * span) / cols / 1e6) * 1e6)}): peak ${Math.round(perSec(maxTotal)).toLocaleString("en-US")}/s`,
        9,
        "#555",
        "normal",
        "end",
      ),
    );
    y += actH + 8;
    for (let p = 0; p < nP; p++) {
      const ry = y + p * laneH;
      out.push(`<rect x="${left}" y="${ry}" width="${plotW}" height="${rowH}" fill="#f3f5f8"/>`);
      out.push(text(left - 8, ry + rowH / 2 + 4, `P${p}`, 12, "#222", "bold", "end"));
      out.push(text(left - 8, ry + rowH + fireH - 1, "timers", 9, "#888", "normal", "end"));
      // runs: merge equal-shade neighbours into one rect
      const rc = runCount[p];
      let x = 0;
      while (x < cols) {
        if (rc[x] === 0) {
          x++;
          continue;
        }
        const shade = shadeOf(rc[x], maxRun);
        let x2 = x + 1;
        while (x2 < cols && rc[x2] !== 0 && shadeOf(rc[x2], maxRun) === shade) x2++;
        out.push(
          `<rect x="${left + x}" y="${ry}" width="${x2 - x}" height="${rowH}" fill="#2b6cb0" fill-opacity="${shade}"/>`,
        );
        x = x2;
      }
      const fc = fireCount[p];
      const fy = ry + rowH + 2;
      const ticks: string[] = [];
      for (let fx = 0; fx < cols; fx++) {
        if (fc[fx] === 0) continue;
        const h = Math.max(2, Math.round((fireH * Math.log1p(fc[fx])) / Math.log1p(maxFire)));
        ticks.push(`M${left + fx + 0.5} ${fy + fireH}v${-h}`);
      }
      if (ticks.length > 0) out.push(`<path d="${ticks.join("")}" stroke="#c05621" stroke-width="1"/>`);
    }
    y += nP * laneH;
    // time axis
    out.push(`<line x1="${left}" y1="${y}" x2="${left + plotW}" y2="${y}" stroke="#999"/>`);
    const step = niceStep(span / 8);
    for (let t = 0; t <= span + 1e-9; t += step) {
      const x = left + (t / span) * plotW;
      out.push(
        `<line x1="${x}" y1="${axisTop}" x2="${x}" y2="${y + 4}" stroke="#000" stroke-opacity="0.08"/>`,
      );
      out.push(text(x, y + 16, fmtSpan(t), 10, "#555", "normal", "middle"));
    }
    for (const m of this.opts.marks ?? []) {
      if (m.at < 0 || m.at > span) continue;
      const x = r2(left + (m.at / span) * plotW);
      out.push(`<line x1="${x}" y1="${axisTop}" x2="${x}" y2="${y}" stroke="#c53030" stroke-width="1.5"/>`);
      out.push(text(x + 3, axisTop + 10, m.label, 10, "#c53030", "bold"));
    }
    y += 34;

    // ----- panel 2: a window of runs in execution order -----
    const nWin = Math.min(this.opts.detailRuns ?? 48, runs);
    if (nWin > 0) {
      const at = t0 + span * (this.opts.detailAt ?? 0.5);
      let start = lowerBound(this.runStart.a, runs, at);
      start = Math.max(0, Math.min(start, runs - nWin));
      const end = start + nWin;
      const firstSeq = this.runSeq.a[start];
      const lastSeq = end < runs ? this.runSeq.a[end] : Number.POSITIVE_INFINITY;
      const slot = plotW / nWin;
      out.push(
        text(
          12,
          y + 12,
          `in execution order: goroutine runs ${(start + 1).toLocaleString("en-US")}–${end.toLocaleString("en-US")} (from ${fmtClock(this.runStart.a[start] - t0)}), one slot each; dashed lines: clock jumps; ticks: timer fires`,
          12,
          "#222",
          "bold",
        ),
      );
      y += 30;
      const top = y;
      for (let p = 0; p < nP; p++) {
        const ry = y + p * laneH;
        out.push(`<rect x="${left}" y="${ry}" width="${plotW}" height="${rowH}" fill="#f3f5f8"/>`);
        out.push(text(left - 8, ry + rowH / 2 + 4, `P${p}`, 12, "#222", "bold", "end"));
        out.push(text(left - 8, ry + rowH + fireH - 1, "timers", 9, "#888", "normal", "end"));
      }
      for (let i = start; i < end; i++) {
        const k = i - start;
        const p = this.runP.a[i];
        const g = this.runG.a[i];
        const x = left + k * slot;
        const ry = y + p * laneH;
        out.push(
          `<rect x="${r2(x + 0.5)}" y="${ry + 1}" width="${r2(Math.max(1, slot - 1))}" height="${rowH - 2}" rx="2" fill="${hueOf(g)}"/>`,
        );
        // The label, if it fits (digits are about 0.72em wide in a bold sans-serif).
        for (const [label, size] of [
          [`G${g}`, 10],
          [`G${g}`, 8],
          [`${g}`, 8],
        ] as const) {
          if (label.length * size * 0.72 <= slot - 4) {
            out.push(text(x + slot / 2, ry + rowH / 2 + size / 2 - 1, label, size, "#fff", "bold", "middle"));
            break;
          }
        }
      }
      // slot position of an event by its sequence number: the left edge of the first run after it
      const slotX = (seq: number) => {
        let k = lowerBound(this.runSeq.a, runs, seq) - start;
        k = Math.max(0, Math.min(nWin, k));
        return left + k * slot;
      };
      const fy0 = lowerBound(this.fireSeq.a, fires, firstSeq);
      const perSlot = new Map<string, number>();
      for (let i = fy0; i < fires && this.fireSeq.a[i] < lastSeq; i++) {
        const p = this.fireP.a[i];
        const x = slotX(this.fireSeq.a[i]);
        const key = `${p}:${x}`;
        const n = perSlot.get(key) ?? 0;
        perSlot.set(key, n + 1);
        const fx = r2(x + 1 + Math.min(n, 6) * 2);
        const fy = y + p * laneH + rowH + 2;
        out.push(
          `<line x1="${fx}" y1="${fy}" x2="${fx}" y2="${fy + fireH}" stroke="#c05621" stroke-width="1.5"/>`,
        );
      }
      const bottom = y + nP * laneH;
      const j0 = lowerBound(this.jumpSeq.a, this.jumpTs.n, firstSeq);
      let lastLabelX = -1e9;
      for (let j = j0; j < this.jumpTs.n && this.jumpSeq.a[j] < lastSeq; j++) {
        const x = r2(slotX(this.jumpSeq.a[j]));
        out.push(
          `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${bottom}" stroke="#555" stroke-dasharray="3,3"/>`,
        );
        if (x - lastLabelX > 70 && x + 60 < left + plotW) {
          out.push(text(x + 2, top - 6, fmtClock(this.jumpTs.a[j] - t0), 9, "#555", "normal", "start"));
          lastLabelX = x;
        }
      }
      y = bottom + 10;
    }
    const H = Math.ceil(y + 6);
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">`,
      "<title>gort trace: goroutine runs and timer fires per P</title>",
      `<rect width="${W}" height="${H}" fill="#fff"/>`,
      ...out,
      "</svg>\n",
    ].join("\n");
  }
}

function r2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Opacity for a count on a log scale, quantized so neighbouring columns merge. */
function shadeOf(n: number, max: number): number {
  const f = Math.log1p(n) / Math.log1p(max);
  return Math.round((0.25 + 0.75 * f) * 10) / 10;
}

function hueOf(g: number): string {
  const h = Math.round((g * 137.508) % 360);
  return `hsl(${h},55%,45%)`;
}

/** First index i in a[0..n) with a[i] >= v (a sorted ascending). */
function lowerBound(a: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const steps = [
  1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9, 2e9, 5e9,
  10e9, 15e9, 30e9, 60e9, 120e9, 300e9, 600e9, 900e9, 1800e9, 3600e9, 7200e9, 21600e9, 43200e9, 86400e9,
];

function niceStep(raw: number): number {
  for (const s of steps) if (s >= raw) return s;
  return steps[steps.length - 1] * Math.ceil(raw / steps[steps.length - 1]);
}

/** ns → "1h", "10m", "30s", "250ms" (axis labels). */
function fmtSpan(ns: number): string {
  if (ns === 0) return "0";
  if (ns >= 3600e9 && ns % 3600e9 === 0) return `${ns / 3600e9}h`;
  if (ns >= 60e9 && ns % 60e9 === 0) return `${ns / 60e9}m`;
  if (ns >= 1e9) return `${+(ns / 1e9).toFixed(3)}s`;
  if (ns >= 1e6) return `${+(ns / 1e6).toFixed(3)}ms`;
  return `${+(ns / 1e3).toFixed(3)}µs`;
}

/** ns since start → "12:34.567" (m:s.ms) or "1.234s". */
function fmtClock(ns: number): string {
  const ms = Math.round(ns / 1e6);
  if (ms < 60_000) return `${(ms / 1000).toFixed(3)}s`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${m}:${s.toFixed(3).padStart(6, "0")}`;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function text(
  x: number,
  y: number,
  s: string,
  size: number,
  fill: string,
  weight = "normal",
  anchor: "start" | "middle" | "end" = "start",
): string {
  const w = weight === "normal" ? "" : ` font-weight="${weight}"`;
  const a = anchor === "start" ? "" : ` text-anchor="${anchor}"`;
  return `<text x="${r2(x)}" y="${r2(y)}" font-size="${size}" fill="${fill}"${w}${a}>${esc(s)}</text>`;
}
