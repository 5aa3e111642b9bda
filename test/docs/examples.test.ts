// Every @example in the TSDoc comments of the public modules (src/*.ts) type-checks and runs, and what it
// says it prints or returns is checked. The conventions for writing examples are at the top of ./examples.ts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import ts from "typescript";
import * as gort from "../../src/index.ts";
import * as synctest from "../../src/synctest.ts";
import {
  assertAllHit,
  compile,
  type Example,
  extractExamples,
  importFor,
  logLine,
  preludeFromIndex,
  publicModules,
  runsAsIs,
  typeCheck,
} from "./examples.ts";

const examples: Example[] = publicModules().flatMap(extractExamples);

const prelude: Record<string, unknown> = { synctest, assert };
for (const n of preludeFromIndex) prelude[n] = (gort as Record<string, unknown>)[n];

/**
 * Runs an example's body with a stand-in test runner, so that synctest.test registers with it: its `it`
 * runs the test body at once and the example waits for it.
 */
async function withStandInRunner(body: () => Promise<void>): Promise<void> {
  const g = globalThis as { it?: unknown; expect?: unknown };
  const saved = { it: g.it, expect: g.expect };
  const bodies: Promise<unknown>[] = [];
  g.it = (_name: string, fn: () => unknown) => {
    bodies.push(Promise.resolve().then(fn));
  };
  g.expect = () => {};
  try {
    await body();
    await Promise.all(bodies);
  } finally {
    g.it = saved.it;
    g.expect = saved.expect;
  }
}

/** An example that never ends (a ticker loop without a break) fails with a runaway report instead. */
const runawayBounds = { maxClockAdvances: 10_000, maxVirtualTime: 30 * 24 * 3600e9 };

async function runExample(e: Example): Promise<string[]> {
  const { run, checks } = compile(e);
  const out: string[] = [];
  const where = (text: string) => `${e.name} (src/${e.file}:${e.line}): ${text}`;
  const log = (k: number | null, ...args: unknown[]) => {
    const line = logLine(args);
    out.push(line);
    if (k === null) return;
    const c = checks[k];
    c.hits++;
    assert.equal(line, c.expected, where(c.text));
  };
  const expect = (k: number, v: unknown) => {
    const c = checks[k];
    c.hits++;
    assert.deepEqual(v, c.expected, where(c.text));
    return v;
  };
  const con = Object.create(console, { log: { value: (...a: unknown[]) => log(null, ...a) } }) as Console;
  const body = () => run(log, expect, importFor, con, prelude);
  if (runsAsIs(e)) await withStandInRunner(body);
  else await new gort.Runtime({ clock: "fake", seed: 1, ...runawayBounds }).run(body);
  assertAllHit(e, checks);
  return out;
}

test("every exported function and class declared in a public module has an @example", () => {
  const missing: string[] = [];
  for (const file of publicModules()) {
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const base = file.slice(file.lastIndexOf("/") + 1);
    const documented = new Set(examples.filter((e) => e.file === base).map((e) => e.symbol));
    for (const st of sf.statements) {
      if (!(ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) || st.name === undefined) continue;
      if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (!documented.has(st.name.text)) missing.push(`${base}: ${st.name.text}`);
    }
  }
  assert.deepEqual(missing, [], `exported without an @example:\n${missing.join("\n")}`);
});

test("the checker catches a wrong value, a wrong print and a checked line that never runs", async () => {
  const ex = (code: string): Example => ({ file: "x.ts", symbol: "x", name: "x.ts: x", line: 1, code });
  await assert.rejects(runExample(ex("1 + 1; // 3")), /1 \+ 1; \/\/ 3/);
  await assert.rejects(runExample(ex('console.log("a", 1); // a 2')), /console\.log/);
  await assert.rejects(runExample(ex("if (time.now().isZero()) 1; // 1")), /never ran/);
  await assert.rejects(runExample(ex("await time.sleep(time.Second); time.since(time.now()); // 1")));
  assert.deepEqual(await runExample(ex('console.log("%s!", "hi"); // hi!\nconsole.log(2)')), ["hi!", "2"]);
});

test("every @example type-checks against the sources", () => {
  const errors = typeCheck(examples);
  assert.deepEqual(errors, [], errors.join("\n"));
});

for (const e of examples) {
  test(e.name, { timeout: 10_000 }, async () => {
    await runExample(e);
  });
}
