// The lint configuration docs/deviations.md and README recommend against forgotten awaits (Biome's
// nursery rule noFloatingPromises), checked on gort's own types: an un-awaited send, lock or sleep after a
// goroutine's first await — which the runtime cannot see — is flagged; an awaited or `void` one is not.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const biome = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");

/** The configuration the docs give, verbatim. */
const config = { linter: { rules: { nursery: { noFloatingPromises: "error" } } } };

test("noFloatingPromises flags forgotten awaits on gort's promises, and only those", () => {
  // Inside the repository (its git-ignored tmp/), so that Biome's type inference resolves the import.
  mkdirSync(join(repo, "tmp"), { recursive: true });
  const dir = mkdtempSync(join(repo, "tmp", "lint-"));
  try {
    writeFileSync(join(dir, "biome.json"), JSON.stringify({ root: false, ...config }));
    writeFileSync(
      join(dir, "a.ts"),
      [
        'import { chan, go, Mutex, time } from "../../src/index.ts";',
        "const c = chan<number>(1);",
        "const mu = new Mutex();",
        "go(async () => {",
        "  await time.sleep(time.Millisecond);",
        "  c.send(1);", // flagged
        "  mu.lock();", // flagged
        "  time.sleep(time.Second);", // flagged
        "  await c.send(2);",
        "  void c.send(3);",
        "  c.trySend(4);",
        "});",
        "",
      ].join("\n"),
    );
    // From the repository root, with the configuration given by path (as a nested one: root false).
    const r = spawnSync(
      process.execPath,
      [biome, "lint", `--config-path=${join(dir, "biome.json")}`, "--max-diagnostics=50", join(dir, "a.ts")],
      { cwd: repo, encoding: "utf8" },
    );
    const out = r.stdout + r.stderr;
    const flagged = [...out.matchAll(/a\.ts:(\d+):(\d+) lint\/nursery\/noFloatingPromises/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    assert.deepEqual(flagged, ["6:3", "7:3", "8:3"], out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
