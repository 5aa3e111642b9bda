// A fake-clock Runtime whose clock is held by foreign awaits while a timer waits (checkdead.ts: watchStall)
// fails with a report after stallTimeout real ms instead of hanging; real I/O that ends, and io(), do not.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { GoFatalError, go, io, Runtime, time } from "../../../src/index.ts";

const self = fileURLToPath(import.meta.url);

test("a foreign await that waits for the runtime's own timer: a report after stallTimeout, not a hang", async () => {
  const rt = new Runtime({ clock: "fake", stallTimeout: 200 });
  await assert.rejects(
    rt.run(async () => {
      go(async () => {
        await time.sleep(time.Hour); // a second timer, further away
      });
      await new Promise<void>((resolve) => time.afterFunc(time.Second, () => resolve())); // held: never fires
      return "afterFunc fired";
    }),
    (e: GoFatalError) => {
      assert.ok(e instanceof GoFatalError);
      assert.equal(e.code, "ERR_GORT_FATAL");
      assert.equal(
        e.message,
        "fake clock held at 0.000ms for 200ms of real time by goroutines awaiting promises gort does not own, while a timer waits (next at 1000.000ms)",
      );
      assert.match(e.report, /^fatal error: fake clock held/);
      assert.match(e.report, /or run the code in synctest\.run/);
      assert.match(e.report, /goroutine 1 \[syscall\]:/);
      assert.match(e.report, /goroutine 2 \[sleep\]:/);
      return true;
    },
  );
  assert.equal(rt.stopped, true);
});

test("real I/O that ends, a sleep after it, and io() around a long wait: no report", async () => {
  const rt = new Runtime({ clock: "fake", stallTimeout: 200 });
  const got = await rt.run(async () => {
    const start = time.now();
    go(async () => {
      await time.sleep(time.Minute); // waits while main's awaits hold the clock
    });
    for (let i = 0; i < 20; i++) await readFile(self); // each read is quick: progress
    // 300 real ms in io(): the caller says it is I/O, so it may take as long as it takes.
    await io(new Promise((r) => setTimeout(r, 300)));
    await time.sleep(time.Second);
    return time.durationString(time.since(start));
  });
  assert.equal(got, "1s");
});

test("stallTimeout 0: the held clock is never reported (the old behaviour, for programs that ask)", async () => {
  const rt = new Runtime({ clock: "fake", stallTimeout: 0 });
  let fired = false;
  const run = rt.run(async () => {
    await new Promise<void>((resolve) => time.afterFunc(time.Second, () => resolve()));
    fired = true;
  });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(rt.stopped, false);
  assert.equal(fired, false);
  rt.stop();
  void run.catch(() => {});
});
