// StrykerJS mutation testing of the timer engine and the scheduler: `npm run mutation` (docs/failures.md,
// "General mutation testing"). Two targets, chosen with MUTATION_TARGET:
//
//   engine (default)  src/internal/runtime/timers.ts and timer.ts       goal ≥ 90 %
//   sched             proc.ts, park.ts, findrunnable.ts, pidle.ts,          goal ≥ 75 %
//                     netpoll.ts, checkdead.ts, newproc.ts, goexit.ts
//
// The tap runner runs each test file as its own `node` process (node:test prints TAP), through tsx and
// test/setup.ts as `npm test` does; a "test" is a file, so per-test coverage picks, for each mutant, only
// the files that execute it. The test selection is the focused, fast one for the target (the 20 s
// property and conformance files are left out: they kill nothing the unit files do not, at 20× the cost).
// MUTATION_TESTS=<test file,…> replaces the target's test selection.
// MUTATE=<file[:lines],…> narrows a run (e.g. MUTATE=src/internal/runtime/findrunnable.ts:87-150); the
// first pass's sampled scheduler run of docs/failures.md (before findrunnable.ts left proc.ts) was MUTATE=src/internal/runtime/proc.ts:646-687,
// src/internal/runtime/proc.ts:853-918,src/internal/runtime/proc.ts:1020-1058,pidle.ts,netpoll.ts,checkdead.ts.
const target = process.env.MUTATION_TARGET ?? "engine";

const targets = {
  engine: {
    mutate: ["src/internal/runtime/timers.ts", "src/internal/runtime/timer.ts"],
    testFiles: [
      "test/unit/runtime/timers.test.ts",
      "test/unit/runtime/seeds.test.ts",
      "test/unit/runtime/seeds-sched.test.ts",
      "test/unit/runtime/verify.test.ts",
      "test/unit/runtime/engine-mutants.test.ts",
      "test/unit/runtime/engine-mutants2.test.ts",
      "test/unit/runtime/engine-mutants3.test.ts",
      "test/unit/time/timer.test.ts",
      "test/unit/time/ticker.test.ts",
      "test/unit/time/afterfunc.test.ts",
      "test/unit/time/sleep.test.ts",
      "test/unit/time/long-timers.test.ts",
      "test/unit/bad-input.test.ts",
    ],
  },
  sched: {
    mutate: [
      "src/internal/runtime/proc.ts",
      "src/internal/runtime/park.ts",
      "src/internal/runtime/findrunnable.ts",
      "src/internal/runtime/pidle.ts",
      "src/internal/runtime/netpoll.ts",
      "src/internal/runtime/checkdead.ts",
      "src/internal/runtime/newproc.ts",
      "src/internal/runtime/goexit.ts",
    ],
    testFiles: [
      "test/unit/runtime/proc.test.ts",
      "test/unit/runtime/seeds-sched.test.ts",
      "test/unit/runtime/fairness.test.ts",
      "test/unit/runtime/slice-clock.test.ts",
      "test/unit/runtime/globrunq.test.ts",
      "test/unit/runtime/findrunnable.test.ts",
      "test/unit/runtime/verify.test.ts",
      "test/unit/runtime/sched-mutants.test.ts",
      "test/unit/runtime/sched-mutants2.test.ts",
      "test/unit/runtime/sched-mutants3.test.ts",
      "test/unit/runtime/sched-mutants4.test.ts",
      "test/unit/runtime/drain-check.test.ts",
      "test/unit/runtime/abort-park.test.ts",
      "test/unit/time/sleep.test.ts",
      "test/unit/time/timer.test.ts",
      "test/unit/bad-input.test.ts",
      "test/unit/reliability-regressions.test.ts",
    ],
    // proc.test.ts's four "spawning 2,000 goroutines" runs (8–12 s each with the invariant checks on)
    // and its child-process test kill nothing the rest does not; skipped here, never in npm test.
    nodeArgs: ["--test-name-pattern=^(?!spawning 2,000 goroutines|a runtime with nothing left to do)"],
  },
};

const t = targets[target];
if (t === undefined) throw new Error(`MUTATION_TARGET=${target}: one of ${Object.keys(targets).join(", ")}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "tap",
  tap: {
    testFiles: process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(",") : t.testFiles,
    nodeArgs: [
      "--import",
      "tsx",
      "--import",
      "./test/setup.ts",
      "--test-reporter=tap",
      ...(t.nodeArgs ?? []),
    ],
    forceBail: true,
  },
  coverageAnalysis: "perTest",
  mutate: process.env.MUTATE ? process.env.MUTATE.split(",") : t.mutate,
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  timeoutFactor: 3,
  ignoreStatic: true,
  // Only what the tests need goes into the sandbox.
  ignorePatterns: ["/*", "!/src", "!/test", "!/package.json", "!/tsconfig.json"],
  tempDirName: "tmp/stryker",
  reporters: ["clear-text", "progress-append-only", "json"],
  jsonReporter: { fileName: `tmp/mutation/${target}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
  thresholds: { high: target === "engine" ? 90 : 75, low: 60, break: null },
};
