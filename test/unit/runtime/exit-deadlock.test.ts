// Code outside any goroutine blocked on the default runtime when Node's event loop empties: Go's deadlock
// report and status 2 instead of Node's status 13 for an unsettled top-level await.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const fixture = fileURLToPath(new URL("./fixtures/outside-deadlock.ts", import.meta.url));

function run(mode: string) {
  return spawnSync(process.execPath, ["--import", "tsx", fixture, mode], {
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("outside code blocked forever on the default runtime", () => {
  test("a top-level receive nobody will send to: Go's report, status 2", () => {
    const r = run("deadlock");
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr.replace(/^Warning: Detected unsettled top-level await[\s\S]*?\n\n\n\n/m, ""),
      /^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 0 \[chan receive\]:\n\ton results \(cap 0\)\n\tcode outside any goroutine \(e\.g\. a top-level await\)\n\tat \S+outside-deadlock\.ts:17:\d+\n\ngoroutine 1 \[chan receive\]:\n\ton chan#\d+ \(cap 0\)\ncreated at \S+outside-deadlock\.ts:13:\d+\n$/,
    );
  });

  test("goroutines left blocked with nothing outside waiting: no report, status 0", () => {
    const r = run("leak");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "main done\n");
    assert.equal(r.stderr, "");
  });
});
