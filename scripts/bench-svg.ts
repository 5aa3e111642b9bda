// docs/bench-pending.svg: cost per operation against the number of pending timers, for gort, Node's
// timers and an @sinonjs/fake-timers clock, drawn from bench/results.json's "Scale …" rows (bench/engine.ts,
// scenario Scaling). Hand-written SVG, no dependencies: log-scale N on x, log-scale ns/op on y, one
// panel per operation, one line per implementation, on a white background so it reads the same in
// GitHub's light and dark themes. scripts/bench-readme.ts calls pendingSvg() and writes the file.

/** The fields of a bench/results.json row this file reads. */
export interface ResultRow {
  scenario: string;
  gort_ns_per_op: number;
  baseline: string | null;
  baseline_ns_per_op: number | null;
  k?: number;
}

interface Series {
  name: string;
  color: string;
  dash: string;
  marker: "circle" | "square" | "triangle";
  points: [number, number][];
}

interface Panel {
  title: string;
  series: Series[];
}

const IMPLS = [
  { name: "gort", color: "#1c5fb8", dash: "", marker: "circle" },
  { name: "Node setTimeout/clearTimeout", color: "#2b8a3e", dash: "7 4", marker: "square" },
  { name: "@sinonjs/fake-timers clock", color: "#d9480f", dash: "2 4", marker: "triangle" },
] as const;

/** The operations plotted: the scenario prefix in results.json and the panel's title. */
const OPS = [
  { prefix: "Scale create+stop", title: "create a timer, then stop it" },
  { prefix: "Scale reset random of N", title: "reset a random one of the N to a new delay" },
] as const;

/** "Scale create+stop N=10k" → 10000, or null for another row. */
function sizeOf(scenario: string, prefix: string): number | null {
  const m = new RegExp(`^${prefix.replace(/[+]/g, "\\+")} N=([\\d.]+)([kM])$`).exec(scenario);
  return m === null ? null : Number(m[1]) * (m[2] === "k" ? 1e3 : 1e6);
}

export function scalingPanels(rows: ResultRow[]): Panel[] {
  return OPS.map(({ prefix, title }) => {
    const pts: [number, number][][] = IMPLS.map(() => []);
    const seen = new Set<number>();
    for (const r of rows) {
      const n = sizeOf(r.scenario, prefix);
      if (n === null) continue;
      if (!seen.has(n)) {
        seen.add(n);
        pts[0].push([n, r.gort_ns_per_op]);
      }
      if (r.baseline_ns_per_op === null) continue;
      if (r.baseline?.startsWith("node")) pts[1].push([n, r.baseline_ns_per_op]);
      else if (r.baseline?.startsWith("sinon")) pts[2].push([n, r.baseline_ns_per_op]);
    }
    const series = IMPLS.map((impl, i) => ({
      ...impl,
      points: pts[i].sort((a, b) => a[0] - b[0]),
    })).filter((s) => s.points.length > 0);
    return { title, series };
  });
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const f1 = (x: number) => Number(x.toFixed(1)).toString();

function fmtN(n: number): string {
  return n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n);
}

function fmtNs(x: number): string {
  if (x >= 1e3) return `${Number((x / 1e3).toPrecision(3))} µs`;
  return `${x >= 100 ? Math.round(x) : Number(x.toPrecision(3))} ns`;
}

/** 1-2-5 ticks covering [lo, hi] on a log axis; the axis runs from the first tick to the last. */
function logTicks(lo: number, hi: number): number[] {
  const steps = [1, 2, 5];
  const ticks: number[] = [];
  let e = Math.floor(Math.log10(lo));
  for (;;) {
    for (const s of steps) {
      const t = s * 10 ** e;
      if (t <= lo) ticks.length = 0;
      ticks.push(t);
      if (t >= hi) return ticks;
    }
    e++;
  }
}

function marker(kind: Series["marker"], x: number, y: number, color: string): string {
  if (kind === "circle")
    return `<circle cx="${f1(x)}" cy="${f1(y)}" r="4" fill="${color}" stroke="#fff" stroke-width="1"/>`;
  if (kind === "square")
    return `<rect x="${f1(x - 4)}" y="${f1(y - 4)}" width="8" height="8" fill="${color}" stroke="#fff" stroke-width="1"/>`;
  return `<path d="M${f1(x)} ${f1(y - 5)}L${f1(x + 5)} ${f1(y + 4)}L${f1(x - 5)} ${f1(y + 4)}Z" fill="${color}" stroke="#fff" stroke-width="1"/>`;
}

/** The whole SVG; `caption` is the line under the title (run date, Node version, machine). */
export function pendingSvg(rows: ResultRow[], caption: string): string {
  const panels = scalingPanels(rows);
  const all = panels.flatMap((p) => p.series.flatMap((s) => s.points));
  if (all.length === 0) throw new Error("bench-svg: results.json has no Scale rows");
  const W = 920;
  const H = 494;
  const top = 136;
  const bottom = H - 64;
  const left = 78;
  const gap = 70;
  const right = 24;
  const pw = (W - left - right - gap * (panels.length - 1)) / panels.length;

  const yt = logTicks(Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1])));
  const [ylo, yhi] = [Math.log10(yt[0]), Math.log10(yt[yt.length - 1])];
  const Y = (v: number) => bottom - ((Math.log10(v) - ylo) / (yhi - ylo)) * (bottom - top);
  const ns = all.map((p) => p[0]);
  const [xlo, xhi] = [Math.log10(Math.min(...ns)), Math.log10(Math.max(...ns))];
  // Room on the right of the largest N for the value labels.
  const [xpadL, xpadR] = [0.18, 0.55];
  const X = (x0: number, n: number) =>
    x0 + ((Math.log10(n) - xlo + xpadL) / (xhi - xlo + xpadL + xpadR)) * pw;
  const xticks = [...new Set(ns)].sort((a, b) => a - b);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ` +
      `font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="13" fill="#1f2328">`,
    `<title>Cost per operation against the number of pending timers: gort, Node and @sinonjs/fake-timers</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="28" text-anchor="middle" font-size="18" font-weight="600">Cost per operation with N timers pending (lower is better)</text>`,
    `<text x="${W / 2}" y="50" text-anchor="middle" font-size="12" fill="#59636e">${esc(caption)}</text>`,
    `<text x="${W / 2}" y="66" text-anchor="middle" font-size="12" fill="#59636e">random delays U(1..1e6) ms; Node and sinon reset by clearTimeout + setTimeout</text>`,
  );
  // Legend, centred.
  const legendW = IMPLS.map((s) => 46 + s.name.length * 7.2);
  let lx = (W - legendW.reduce((a, b) => a + b, 0)) / 2;
  for (const [i, s] of IMPLS.entries()) {
    const ly = 88;
    out.push(
      `<line x1="${f1(lx)}" y1="${ly}" x2="${f1(lx + 30)}" y2="${ly}" stroke="${s.color}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      marker(s.marker, lx + 15, ly, s.color),
      `<text x="${f1(lx + 38)}" y="${ly + 4.5}">${esc(s.name)}</text>`,
    );
    lx += legendW[i];
  }

  for (const [pi, panel] of panels.entries()) {
    const x0 = left + pi * (pw + gap);
    out.push(`<g>`);
    out.push(
      `<text x="${f1(x0 + pw / 2)}" y="${top - 10}" text-anchor="middle" font-size="14" font-weight="600">${esc(panel.title)}</text>`,
    );
    // Grid and y ticks.
    for (const t of yt) {
      const y = Y(t);
      const major = Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9;
      out.push(
        `<line x1="${f1(x0)}" y1="${f1(y)}" x2="${f1(x0 + pw)}" y2="${f1(y)}" stroke="${major ? "#c9d1d9" : "#eaeef2"}" stroke-width="1"/>`,
        `<text x="${f1(x0 - 6)}" y="${f1(y + 4)}" text-anchor="end" font-size="11" fill="#59636e">${fmtNs(t)}</text>`,
      );
    }
    for (const n of xticks) {
      const x = X(x0, n);
      out.push(
        `<line x1="${f1(x)}" y1="${top}" x2="${f1(x)}" y2="${bottom}" stroke="#eaeef2" stroke-width="1"/>`,
        `<text x="${f1(x)}" y="${bottom + 17}" text-anchor="middle" font-size="11" fill="#59636e">${fmtN(n)}</text>`,
      );
    }
    out.push(
      `<rect x="${f1(x0)}" y="${top}" width="${f1(pw)}" height="${bottom - top}" fill="none" stroke="#8c959f" stroke-width="1"/>`,
      `<text x="${f1(x0 + pw / 2)}" y="${bottom + 38}" text-anchor="middle" font-size="12">timers pending, N (log scale)</text>`,
      `<text transform="translate(${f1(x0 - 56)} ${f1((top + bottom) / 2)}) rotate(-90)" text-anchor="middle" font-size="12">ns per operation (log scale)</text>`,
    );
    // Lines, markers, and the value at the largest N (right of its marker).
    for (const s of panel.series) {
      const pts = s.points.map(([n, v]) => [X(x0, n), Y(v)] as const);
      out.push(
        `<polyline points="${pts.map(([x, y]) => `${f1(x)},${f1(y)}`).join(" ")}" fill="none" stroke="${s.color}" stroke-width="2.5" stroke-linejoin="round"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      );
      for (const [x, y] of pts) out.push(marker(s.marker, x, y, s.color));
      const [lastX, lastY] = pts[pts.length - 1];
      const lastV = s.points[s.points.length - 1][1];
      out.push(
        `<text x="${f1(lastX + 8)}" y="${f1(lastY + 4)}" font-size="11" font-weight="600" fill="${s.color}">${fmtNs(lastV)}</text>`,
      );
    }
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}
