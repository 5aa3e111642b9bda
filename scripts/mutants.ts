// Mutation check of the five seed commits (docs/design/seeds.md, I1–I5): `npm run mutants`.
//
// Runs the whole normal unit suite (every test/**/*.test.ts, as scripts/run-tests.mjs does) once without
// faults and once per fault switch of src/internal/debug.ts, with GORT_FAULT=<name>: test/setup.ts then
// turns that switch on before every test of every file, re-creating the bug the seed commit fixed. A
// mutant is caught only by its targeted tests: tests named after its invariant ("I4 …") that passed in
// the clean run and fail in the mutated one. Any other failure (a test that failed in the clean run too,
// or one not named after the invariant: load, a timeout, a side effect) is reported as "failed otherwise"
// and does not count. Tests that prove a fix by running a scenario "fault off, then fault on" (provesFix)
// fail in their first half under a global fault: that counts as catching.
//
// Prints a table (fault, seed commit, targeted tests that failed, other failures, caught, time) and exits
// non-zero if a mutant is not caught by its targeted tests or the unmutated suite fails.
//
//   npm run mutants                     all five, plus the clean run
//   npm run mutants -- takeDropsModified    only the named faults (the clean run always runs)
//   MUTANTS_FILTER=seeds npm run mutants    only test files whose path contains the text (quick look)
//   MUTANTS_EXCLUDE=a,b npm run mutants     leave out test files whose path contains any of the texts
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { type Faults, faults } from "../src/internal/debug.ts";

/** The seed commit each fault switch re-opens (docs/design/seeds.md). */
const seeds: Record<keyof Faults, { seed: number; inv: string; commit: string }> = {
  chooseHeapEarly: { seed: 1, inv: "I1", commit: "fix lost sleep causing TestZeroTimer flakes" },
  lateModifiedBit: { seed: 2, inv: "I2", commit: "fix timer race introduced in CL 573455" },
  preemptWhileLocked: {
    seed: 3,
    inv: "I3",
    commit: "prevent preemption while timer is in timerModifying",
  },
  takeDropsModified: { seed: 4, inv: "I4", commit: "use timer.lock in moveTimers" },
  handMadeIdleRemoval: { seed: 5, inv: "I5", commit: "use pidleget for faketime jump" },
};

/** Per-test timeout inside a mutated run: a fault may make a test hang rather than fail. */
const testTimeoutMs = 120_000;
/** Whole-run timeout. */
const runTimeoutMs = 20 * 60_000;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    // test/consumers holds projects for test:consumers (their tests run in their own runners), as in
    // scripts/run-tests.mjs.
    if (e.isDirectory()) return ["node_modules", "fixtures", "consumers"].includes(e.name) ? [] : walk(p);
    return e.name.endsWith(".test.ts") ? [p] : [];
  });
}

// A node:test reporter that prints one JSON line per finished test (pass or fail).
const reporterSource = `
export default async function* (source) {
  for await (const ev of source) {
    if (ev.type !== "test:pass" && ev.type !== "test:fail") continue;
    const d = ev.data;
    const err = d.details?.error;
    const cause = err?.cause;
    let msg = "";
    if (ev.type === "test:fail") {
      try { msg = String(cause?.message ?? cause ?? err?.message ?? ""); } catch { msg = "?"; }
    }
    yield JSON.stringify({
      ok: ev.type === "test:pass",
      name: d.name,
      nesting: d.nesting,
      file: d.file ?? "",
      suite: d.details?.type === "suite",
      failureType: err?.failureType ?? "",
      msg: msg.split("\\n")[0].slice(0, 160),
    }) + "\\n";
  }
}
`;

interface TestEvent {
  ok: boolean;
  name: string;
  nesting: number;
  file: string;
  suite: boolean;
  failureType: string;
  msg: string;
}

interface RunResult {
  fault: keyof Faults | null;
  passed: number;
  failed: TestEvent[];
  exitCode: number | null;
  timedOut: boolean;
  ms: number;
}

function runSuite(
  files: string[],
  reporter: string,
  fault: keyof Faults | null,
  logFile: string,
): Promise<RunResult> {
  const t0 = performance.now();
  const args = [
    "--import",
    "tsx",
    "--import",
    "./test/setup.ts",
    "--test",
    `--test-timeout=${testTimeoutMs}`,
    `--test-reporter=${reporter}`,
    ...files,
  ];
  const env = { ...process.env, GORT_FAULT: fault ?? "" };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      out += s;
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      err += s;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, runTimeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      writeFileSync(logFile, `${out}\n--- stderr ---\n${err}`);
      const events: TestEvent[] = [];
      for (const line of out.split("\n")) {
        if (!line.startsWith("{")) continue;
        try {
          events.push(JSON.parse(line) as TestEvent);
        } catch {
          // a test's own output that happens to start with "{"
        }
      }
      // Leaf results: suites only summarise their children.
      const failed = events.filter((e) => !e.ok && !e.suite && e.failureType !== "subtestsFailed");
      const passed = events.filter((e) => e.ok && !e.suite).length;
      resolve({ fault, passed, failed, exitCode: code, timedOut, ms: performance.now() - t0 });
    });
  });
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

/** "n: the first few names" for a list of failed tests. */
function describeFailures(failed: TestEvent[], max: number): string {
  if (failed.length === 0) return "0";
  const names = failed.slice(0, max).map((e) => `${relative("test", e.file) || "?"}: ${e.name}`);
  const more = failed.length > max ? ` (+${failed.length - max} more)` : "";
  return `${failed.length}: ${names.join("; ")}${more}`;
}

const key = (e: TestEvent) => `${e.file}\u0000${e.name}`;

/**
 * Splits a mutated run's failures: tests named after the fault's invariant that passed in the clean run
 * (targeted: they catch it), and every other failure (they do not).
 */
function classify(r: RunResult, clean: RunResult): { targeted: TestEvent[]; other: TestEvent[] } {
  const cleanFailed = new Set(clean.failed.map(key));
  const inv = r.fault === null ? "" : `${seeds[r.fault].inv} `;
  const targeted: TestEvent[] = [];
  const other: TestEvent[] = [];
  for (const e of r.failed) {
    if (inv !== "" && e.name.startsWith(inv) && !cleanFailed.has(key(e))) targeted.push(e);
    else other.push(e);
  }
  return { targeted, other };
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const all = Object.keys(faults) as (keyof Faults)[];
  for (const w of wanted) if (!all.includes(w as keyof Faults)) throw new Error(`unknown fault ${w}`);
  const list = wanted.length > 0 ? (wanted as (keyof Faults)[]) : all;
  const filter = process.env.MUTANTS_FILTER ?? "";
  const exclude = (process.env.MUTANTS_EXCLUDE ?? "").split(",").filter((x) => x !== "");
  const files = walk("test")
    .filter((f) => filter === "" || f.includes(filter))
    .filter((f) => !exclude.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) throw new Error("no test files");

  const dir = mkdtempSync(join(tmpdir(), "gort-mutants-"));
  const reporter = join(dir, "reporter.mjs");
  writeFileSync(reporter, reporterSource);
  console.log(`gort mutants: ${files.length} test files, ${list.length} faults; logs in ${dir}`);

  const results: RunResult[] = [];
  for (const fault of [null, ...list]) {
    const label = fault ?? "(none)";
    process.stdout.write(`  running ${pad(label, 20)} … `);
    const r = await runSuite(files, reporter, fault, join(dir, `${fault ?? "clean"}.log`));
    results.push(r);
    console.log(
      `${r.failed.length} failed, ${r.passed} passed, exit ${r.exitCode}${r.timedOut ? " (timed out)" : ""}, ${(r.ms / 1000).toFixed(1)} s`,
    );
  }

  const rows: string[][] = [
    ["fault", "seed commit", "caught by the targeted tests", "failed otherwise", "caught", "time"],
  ];
  let bad = false;
  const clean = results[0];
  for (const r of results) {
    const time = `${(r.ms / 1000).toFixed(1)} s${r.timedOut ? " (timed out)" : ""}`;
    if (r.fault === null) {
      const ok = r.failed.length === 0 && r.exitCode === 0 && !r.timedOut;
      if (!ok) bad = true;
      const verdict = ok ? `clean (${r.passed} passed)` : "FAILS";
      rows.push(["(none: unmutated)", "-", "-", describeFailures(r.failed, 10), verdict, time]);
    } else {
      const s = seeds[r.fault];
      const { targeted, other } = classify(r, clean);
      const caught = targeted.length > 0;
      if (!caught) bad = true;
      rows.push([
        r.fault,
        `${s.seed}/${s.inv} "${s.commit}"`,
        describeFailures(targeted, 3),
        describeFailures(other, 3),
        caught ? "yes" : other.length > 0 || r.timedOut ? "NO (failed otherwise only)" : "NO (survived)",
        time,
      ]);
    }
  }
  printTable(rows);
  if (!bad) rmSync(dir, { recursive: true, force: true });
  else console.log(`\nlogs kept in ${dir}`);
  return bad ? 1 : 0;
}

/** A Markdown table; the "tests failed" column wraps at a readable width. */
function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => Math.min(r[c].length, 70))));
  const line = (r: string[]) => `| ${r.map((cell, c) => pad(cell, widths[c])).join(" | ")} |`;
  console.log("");
  console.log(line(rows[0]));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
