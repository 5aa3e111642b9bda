// `npm run bench [-- [--quick] [--list] [--out=FILE] [filter…]]`
//
//   --quick      smaller n and fewer samples (a CI smoke run: well under a minute)
//   --list       print the scenarios and exit
//   --reps=K     keep K samples per variant instead of each scenario's default
//   --in-process run every suite in this process (default: each suite in a fresh child process, so one
//                suite's heap — the engine's million-timer runs, sinon's 700 B timers — does not slow
//                the next one's GCs; measured: the scheduler rows read ~2× slower after the engine suite)
//   --out=FILE   where to write the JSON rows. Default: bench/results.json for a full, unfiltered run;
//                bench/out/results.json (git-ignored) for --quick or filtered runs, so smoke runs leave
//                the recorded results alone.
//                Beside it, <FILE without .json>.meta.json records the run's date, Node version and CPUs
//                (scripts/bench-readme.ts prints them).
//   filter…      run only scenarios whose "suite/scenario" name contains one of the words
//                (case-insensitive), e.g. `npm run bench -- reset memory`
//
// Needs --expose-gc (the npm script passes it) and GORT_VERIFY unset: the invariant checkers would turn
// every timer operation into a heap scan.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { VERIFY } from "../src/internal/debug.ts";
import {
  type BenchContext,
  formatTable,
  fullGC,
  hasGC,
  jsonText,
  type Row,
  type Target,
  toJSON,
} from "./lib.ts";
import { suites } from "./suites.ts";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const list = args.includes("--list");
const optionValue = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const outArg = optionValue("out");
const repsArg = optionValue("reps");
const reps = repsArg === undefined ? null : Number(repsArg);
const inProcess = args.includes("--in-process");
/** Internal: this process is the child running one suite; it writes its raw rows to --rows=FILE. */
const childSuite = optionValue("suite-child");
const rowsFile = optionValue("rows");
const unknown = args.filter(
  (a) =>
    a.startsWith("--") &&
    a !== "--quick" &&
    a !== "--list" &&
    a !== "--in-process" &&
    !/^--(out|reps|suite-child|rows)=/.test(a),
);
const filters = args.filter((a) => !a.startsWith("--")).map((a) => a.toLowerCase());

if (unknown.length > 0) {
  console.error(
    `bench: unknown option ${unknown.join(" ")} (known: --quick --list --in-process --reps=K --out=FILE)`,
  );
  process.exit(2);
}
if (reps !== null && !(Number.isInteger(reps) && reps >= 1)) {
  console.error(`bench: --reps wants a positive integer, got ${repsArg}`);
  process.exit(2);
}

const selected = suites
  .filter((suite) => childSuite === undefined || suite.name === childSuite)
  .flatMap((suite) =>
    suite.scenarios
      .filter((sc) => {
        const id = `${suite.name}/${sc.name}`.toLowerCase();
        return filters.length === 0 || filters.some((f) => id.includes(f));
      })
      .map((sc) => ({ suite, sc })),
  );

if (list) {
  for (const { suite, sc } of selected) console.log(`${suite.name}/${sc.name}  — ${sc.about}`);
  process.exit(0);
}
if (selected.length === 0) {
  console.error(`bench: no scenario matches ${filters.join(" ")} (see --list)`);
  process.exit(2);
}
if (VERIFY) {
  console.error("bench: GORT_VERIFY=1 turns on the invariant checkers; unset it to benchmark");
  process.exit(2);
}
if (!hasGC)
  console.error("bench: warning: run with --expose-gc (npm run bench does); memory rows will be noise");

const log = (msg: string) => console.error(msg);
const ctx: BenchContext = { quick, reps, gc: fullGC, log };
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

if (childSuite === undefined)
  log(
    `gort bench: node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, ${quick ? "quick" : "full"} mode, ` +
      `${selected.length} scenario(s); load average ${load()}`,
  );
if (childSuite === undefined && loadavg()[0] > cpus().length * 0.75)
  log("bench: warning: the machine is busy (load average above the CPU count); expect noisy numbers");

const started = performance.now();
const rows: Row[] = [];
const bySuite = new Map<(typeof suites)[number], Row[]>();
if (inProcess || childSuite !== undefined) {
  for (const { suite, sc } of selected) {
    const t0 = performance.now();
    log(`▸ ${suite.name}/${sc.name}: ${sc.about}`);
    const rs = await sc.run(ctx);
    rows.push(...rs);
    bySuite.set(suite, [...(bySuite.get(suite) ?? []), ...rs]);
    log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (childSuite !== undefined) {
    // The child's work is done: hand the raw rows (with every sample) to the parent.
    writeFileSync(rowsFile as string, JSON.stringify(rows)); // the parent always passes --rows
    process.exit(0);
  }
} else {
  // Each suite in a fresh process (see --in-process).
  const dir = mkdtempSync(join(tmpdir(), "gort-bench-"));
  try {
    for (const suite of new Set(selected.map((x) => x.suite))) {
      const file = join(dir, `${suite.name}.json`);
      const r = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          fileURLToPath(import.meta.url),
          ...args,
          `--suite-child=${suite.name}`,
          `--rows=${file}`,
        ],
        { stdio: ["ignore", "inherit", "inherit"] },
      );
      if (r.status !== 0) {
        console.error(`bench: suite ${suite.name} failed (exit ${r.status ?? r.signal})`);
        process.exit(1);
      }
      const rs = JSON.parse(readFileSync(file, "utf8")) as Row[];
      rows.push(...rs);
      bySuite.set(suite, rs);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const elapsed = (performance.now() - started) / 1000;

console.log();
console.log(formatTable(rows));
console.log();
console.log(
  "ratio = baseline ÷ gort (> 1: gort is faster / smaller); values are medians; spread = min–max of k samples",
);
for (const r of rows)
  if (r.notes !== undefined) console.log(`  · ${r.scenario} vs ${r.baseline}: ${r.notes}`);

const targets: Target[] = [];
for (const [suite, rs] of bySuite) targets.push(...(suite.targets?.(rs) ?? []));
if (targets.length > 0) {
  console.log();
  console.log("targets:");
  for (const t of targets) console.log(`  ${t.ok ? "PASS" : "MISS"}  ${t.name}: ${t.detail}`);
}

const outPath =
  outArg ?? (quick || filters.length > 0 ? join(here, "out", "results.json") : join(here, "results.json"));
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, jsonText(toJSON(rows)));
// When and where the run happened, for scripts/bench-readme.ts (a checkout's file times say nothing).
const metaPath = `${outPath.replace(/\.json$/, "")}.meta.json`;
const cpuList = cpus();
writeFileSync(
  metaPath,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpuList.length, cpu: cpuList[0]?.model ?? null, mode: quick ? "quick" : "full" }, null, 2)}\n`,
);
console.log();
console.log(
  `wrote ${outPath}; total ${elapsed.toFixed(1)} s (${quick ? "quick" : "full"} mode); load average at end ${load()}`,
);

// A gort Runtime's run() resolves before its last host turn (one setImmediate) has run; let it.
await new Promise((r) => setImmediate(r));
const left = process.getActiveResourcesInfo().filter((r) => r === "Timeout" || r === "Immediate");
if (left.length > 0) console.error(`bench: warning: ${left.length} host timers still pending at exit`);
