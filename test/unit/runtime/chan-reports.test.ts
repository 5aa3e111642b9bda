// How channels appear in panics and dumps: a sender blocked on a channel that another goroutine closes
// panics with a stack through its own send (Go's report names the send's line, not the close's), and
// gort's own named channels made at load time do not take a number, so a program's first unnamed channel
// is chan#1 when nothing else made one.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { type Chan, chan, GoFatalError, go, Runtime, time } from "../../../src/index.ts";

async function blockedSender(c: Chan<number>): Promise<void> {
  await time.sleep(time.Millisecond);
  await c.send(1); // the line the report must point at
}

function closer(c: Chan<number>): void {
  c.close();
}

test("send on a channel closed while the sender waits: the panic's stack is the send's", async () => {
  for (const procs of [1, 4]) {
    const rt = new Runtime({ clock: "fake", procs, seed: 1 });
    const err = await rt
      .run(async () => {
        const c = chan<number>();
        go(blockedSender, c);
        await time.sleep(10 * time.Millisecond);
        closer(c);
        await time.sleep(time.Second);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof GoFatalError, `procs ${procs}`);
    assert.match(err.report, /^panic: send on closed channel\n\ngoroutine 2 \[running\]:\n/);
    // The first frame is the goroutine's send (gort's runtime frames are left out, as Go leaves out its own).
    assert.match(err.report, /\[running\]:\n\s+at async blockedSender \(.*chan-reports\.test\.ts:\d+:\d+\)/);
    assert.doesNotMatch(err.report, /closer/, "the closer's frames are not the panic's");
  }
});

test("without spawn sites (the fast setting) the panic is the same, with the closer's stack", async () => {
  const rt = new Runtime({ clock: "fake", seed: 1, spawnSites: false });
  const err = await rt
    .run(async () => {
      const c = chan<number>();
      go(blockedSender, c);
      await time.sleep(10 * time.Millisecond);
      closer(c);
      await time.sleep(time.Second);
    })
    .then(
      () => null,
      (e: unknown) => e,
    );
  assert.ok(err instanceof GoFatalError);
  assert.match(err.report, /^panic: send on closed channel\n\ngoroutine 2 \[running\]:\n/);
  assert.match(err.report, /closer/);
});

test("a program's first unnamed channel is chan#1 (gort's named internal channels take no number)", () => {
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      'import { chan } from "./src/index.ts"; console.log(String(chan()));',
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), "chan#1 (cap 0)");
});
