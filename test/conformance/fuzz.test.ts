// Differential conformance: seeded random programs (test/conformance/fuzz/gen.ts) whose Go 1.23 output was
// recorded by scripts/fuzz-oracle.sh (faketime, GOMAXPROCS=1) in test/conformance/fuzz/golden/<seed>.txt.
// For every seed of fuzz/corpus.txt recorded "ok", the test regenerates the program, checks that its Go
// source is the one recorded (same hash: otherwise the generator changed and the corpus must be
// re-recorded), writes the TypeScript twin to a temporary directory, runs it through twins/harness.ts
// and compares its output line by line with Go's. A failure prints the seed, where the Go source and the
// twin were written, and the diff. Seeds Go itself ran differently twice are "nondeterministic": skipped.
//
//   node scripts/run-tests.mjs test/conformance/fuzz.test.ts
//   FUZZ_SEED=17 node scripts/run-tests.mjs test/conformance/fuzz.test.ts    one seed only
//   FUZZ_PROFILE=wide …   a corpus recorded with scripts/fuzz-oracle.sh --wide (exploration); likewise ext
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { generate, goHash, type Profile } from "./fuzz/gen.ts";
import { normalise, runTwin } from "./twins/harness.ts";

const fuzzDir = new URL("./fuzz/", import.meta.url);
const gortUrl = import.meta.resolve("../../src/index.ts");
const harnessUrl = import.meta.resolve("./twins/harness.ts");

interface Entry {
  readonly seed: number;
  readonly hash: string;
  readonly status: string;
}

const corpus: Entry[] = readFileSync(new URL("corpus.txt", fuzzDir), "utf8")
  .split("\n")
  .filter((l) => l !== "")
  .map((l) => {
    const [seed, hash, status] = l.split(" ");
    return { seed: Number(seed), hash, status };
  });

const only = process.env.FUZZ_SEED;
const profile: Profile =
  process.env.FUZZ_PROFILE === "wide" ? "wide" : process.env.FUZZ_PROFILE === "ext" ? "ext" : "base";
const entries = corpus.filter((e) => e.status === "ok" && (only === undefined || e.seed === Number(only)));
const work = mkdtempSync(join(tmpdir(), "gort-fuzz-"));
let matches = 0;
let failures = 0;

function lines(text: string): string[] {
  return text.replace(/\n$/, "").split("\n");
}

/** A unified-ish diff of two line lists: the common prefix elided, then the differing tails side by side. */
function diff(want: readonly string[], got: readonly string[]): string {
  let i = 0;
  while (i < want.length && i < got.length && want[i] === got[i]) i++;
  const out = want.slice(Math.max(0, i - 3), i).map((l) => `  ${l}`);
  for (const l of want.slice(i, i + 15)) out.push(`- ${l}`);
  for (const l of got.slice(i, i + 15)) out.push(`+ ${l}`);
  return out.join("\n");
}

test("the corpus is not empty", () => {
  assert.ok(corpus.length > 0 && entries.length > 0, "no seeds in test/conformance/fuzz/corpus.txt");
});

for (const e of entries) {
  test(`seed ${e.seed}`, { timeout: 20_000 }, async () => {
    const p = generate(e.seed, profile);
    assert.equal(
      goHash(p.go),
      e.hash,
      `seed ${e.seed}: the generator no longer produces the recorded Go program; re-record: scripts/fuzz-oracle.sh`,
    );
    const file = join(work, `seed${e.seed}.mts`);
    writeFileSync(file, p.ts.replace("IMPORTS_GORT", gortUrl).replace("IMPORTS_HARNESS", harnessUrl));
    const twin = (await import(pathToFileURL(file).href)) as { main: () => Promise<void> };
    const got = normalise(await runTwin(twin.main));
    const golden = lines(readFileSync(new URL(`golden/${e.seed}.txt`, fuzzDir), "utf8"));
    if (isDeepStrictEqual(got, golden)) {
      matches++;
      return;
    }
    failures++;
    const goDir = join(work, `s${e.seed}`);
    mkdirSync(goDir, { recursive: true });
    writeFileSync(join(goDir, "main.go"), p.go);
    assert.fail(
      `seed ${e.seed}: gort differs from Go 1.23\n` +
        `  Go program: ${join(goDir, "main.go")}\n  twin: ${file}\n` +
        `  golden: ${fileURLToPath(new URL(`golden/${e.seed}.txt`, fuzzDir))}\n` +
        `  replay: FUZZ_SEED=${e.seed} node scripts/run-tests.mjs test/conformance/fuzz.test.ts\n` +
        `--- Go (-) vs gort (+):\n${diff(golden, got)}`,
    );
  });
}

after(() => {
  // Keep the sources of failing seeds for inspection; remove the directory otherwise.
  if (failures === 0) rmSync(work, { recursive: true, force: true });
  const nondet = corpus.filter((e) => e.status !== "ok").length;
  console.log(
    `fuzz conformance: ${matches}/${entries.length} seeds match Go (${nondet} of ${corpus.length} left out: Go nondeterministic)`,
  );
});
