// node:child_process loaded after gort/synctest: its `timeout` option must still kill the child in a
// bubble. Node's child_process takes setTimeout from node:timers when it is first loaded; loaded after
// gort's load-time wrappers, its kill timer was a bubble timer, which the running child (host I/O that
// holds the bubble's time) kept from firing: the bubble stalled. gort now loads child_process before it
// places its wrappers (fakes.ts: loadHostTimerUsers). Run in a fresh process, bundled with esbuild and
// run by plain Node: under tsx, child_process is already loaded (esbuild's own) before any test code.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const fixture = fileURLToPath(new URL("./fixtures/child-timeout-late-load.mts", import.meta.url));

test("exec's timeout kills the child in a bubble when node:child_process is loaded after gort (at the virtual instant it started)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gort-child-timeout-"));
  try {
    const outfile = join(dir, "late-load.mjs");
    await build({
      entryPoints: [fixture],
      bundle: true,
      format: "esm",
      platform: "node",
      outfile,
      logLevel: "error",
    });
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [outfile], { timeout: 60_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    // Real Node: killed after 200 ms. The child held the bubble's time meanwhile (docs/deviations.md).
    assert.deepEqual(JSON.parse(out.trim()), { fate: "killed=true SIGTERM", virtualMs: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
