// Model-based property test of the timer engine (src/internal/runtime/timer.ts, timers.ts): random
// sequences of timer operations over 1–4 heaps, checked step by step against the plain reference model
// in engine-model.ts (what it covers and what it does not: see that file's header).
//
// Runs (defaults to 20,000 sequences):
//   npm run test:unit -- property
//   STRESS=1 npm run test:unit -- property              a million sequences
//   STRESS_RUNS=5000 npm run test:unit -- property      any number of sequences
//   GORT_SEED=<seed> [GORT_PATH=<path>] npm run test:unit -- property
//                                                       replay a reported failure (the message prints both)
import { test } from "node:test";
import fc from "fast-check";
import {
  describeScenario,
  maxTimers,
  newStats,
  runScenario,
  type Scenario,
  scenarioArb,
} from "./engine-model.ts";

/** Upper bound on the commands of one sequence (lengths are spread over 0…maxSteps). */
const maxSteps = 200;

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}=${v} is not an integer`);
  return n;
}

const stressRuns = envInt("STRESS_RUNS");
if (stressRuns !== undefined && stressRuns <= 0) throw new Error("STRESS_RUNS must be positive");
const numRuns = stressRuns ?? (process.env.STRESS === "1" ? 1_000_000 : 20_000);
const seed = envInt("GORT_SEED");
const path = process.env.GORT_PATH || undefined;

test(`timer engine agrees with the reference model (${numRuns} sequences of up to ${maxSteps} steps)`, (t) => {
  const stats = newStats();
  const property = fc.property(scenarioArb(maxSteps), (sc) => runScenario(sc, stats));
  const params: fc.Parameters<[Scenario]> = { numRuns };
  if (seed !== undefined) params.seed = seed;
  if (path !== undefined) params.path = path;
  const started = performance.now();
  const out = fc.check(property, params);
  if (out.failed) {
    const replay = `GORT_SEED=${out.seed} GORT_PATH=${out.counterexamplePath ?? ""} npm run test:unit -- property`;
    const err = out.errorInstance;
    const why = err instanceof Error ? err.message : String(err);
    const sc = out.counterexample?.[0];
    const steps = sc
      ? describeScenario(sc)
          .map((d, i) => `    ${i} ${d}`)
          .join("\n")
      : "    (none)";
    throw new Error(
      `${fc.defaultReportMessage(out)}\n\n` +
        `Counterexample, ${sc?.heaps} heap(s):\n${steps}\n` +
        `Failure: ${why}\n\nReplay with:\n  ${replay}\n`,
      { cause: err },
    );
  }
  const ms = performance.now() - started;
  t.diagnostic(
    `seed ${out.seed}: ${stats.sequences} sequences in ${(ms / 1000).toFixed(1)} s, ` +
      `${(stats.steps / stats.sequences).toFixed(1)} steps per sequence (${stats.noops} no-op steps), ` +
      `up to ${maxTimers} timers`,
  );
  t.diagnostic(
    `fired ${stats.fires} (tickers ${stats.tickerFires}, channel ${stats.chanFires}, lazily on receive ` +
      `${stats.lazyFires}), delivered ${stats.deliveries}, stop/reset returned true ${stats.stopOrResetTrue}, ` +
      `take moved ${stats.takesMoved} and dropped ${stats.zombiesDropped} zombies, lazy channel timers ` +
      `revived into a heap by reset ${stats.revivedLazy}, overdue receives blocked by a zombie entry ${stats.missedRecv}`,
  );
  t.diagnostic(
    `checks: ${stats.adjustScans} applied modifications (adjust), ${stats.forcedChecks} forced by zombies; ` +
      `largest heap ${stats.maxHeapLen} entries`,
  );
});
