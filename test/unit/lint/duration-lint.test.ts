// lint/gort-duration.grit (a Biome plugin shipped in the package): a bare number where gort expects a
// Duration (nanoseconds) is flagged; a number times a unit, a variable, and 0 are not.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const plugin = fileURLToPath(new URL("../../../lint/gort-duration.grit", import.meta.url));
const biome = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");

test("the duration lint flags bare numbers passed as Durations, and only those", () => {
  const dir = mkdtempSync(join(tmpdir(), "gort-lint-"));
  try {
    writeFileSync(join(dir, "biome.json"), JSON.stringify({ plugins: [plugin], linter: { enabled: true } }));
    writeFileSync(
      join(dir, "a.ts"),
      [
        'import { context, time } from "gort";',
        "const d = 5;",
        "await time.sleep(1000);", // flagged
        "await time.sleep(2 * time.Second);",
        "await time.sleep(d);",
        "await time.sleep(0);",
        "time.afterFunc(500, () => {});", // flagged
        "time.newTicker(time.Millisecond);",
        "context.withTimeout(context.background(), 3000);", // flagged
        "context.withTimeout(context.background(), 3 * time.Second);",
        "",
      ].join("\n"),
    );
    const r = spawnSync(process.execPath, [biome, "lint", "--max-diagnostics=50", "a.ts"], {
      cwd: dir,
      encoding: "utf8",
    });
    const out = r.stdout + r.stderr;
    const flagged = [...out.matchAll(/a\.ts:(\d+):(\d+) plugin/g)].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(flagged, ["3:18", "7:16", "9:43"], out);
    assert.match(out, /gort: Durations are nanoseconds/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
