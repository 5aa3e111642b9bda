// Regressions for two runtime bugs found while writing gort/time: host delays past 2^31-1 ms (fixed by
// clamping in nanotime.hostDelayMs) and whens past 2^53 ns clamped to "never" (maxWhen is now 2^63).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Runtime } from "../../../src/index.ts";
import * as time from "../../../src/time.ts";

test("a real-clock timer more than 2^31-1 ms (24.8 days) away does not re-arm setTimeout every 1 ms (no TimeoutOverflowWarning)", async () => {
  // Runtime.armPoll passes the whole delay to setTimeout; Node replaces delays > 2^31-1 ms by 1 ms and
  // warns. onPoll then sees the deadline is not reached and re-arms: a 1 ms busy loop (and one process
  // warning per wake-up) for as long as the goroutine waits. Fix: clamp the host delay to 2^31-1 ms in
  // armPoll (onPoll already re-arms when woken early).
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on("warning", onWarning);
  const rt = new Runtime({ procs: 1 });
  const run = rt.run(() => time.after(30 * 24 * time.Hour).recv());
  await new Promise((r) => setTimeout(r, 100));
  rt.stop();
  process.off("warning", onWarning);
  void run.catch(() => {});
  assert.equal(warnings.length, 0, `${warnings.length} host-timer overflows (${warnings[0]}) in 100 ms`);
});

test("under the fake clock a timer more than 2^53 ns (~104 days) ahead fires on time", async () => {
  // nanotime.ts keeps `when` as a number and clamps everything past 2^53−1 ns to maxWhen, which means
  // "never"; checkdead does not jump to maxWhen, so `<-time.After(200 * 24 * time.Hour)` dies with "all
  // goroutines are asleep - deadlock!". Go's faketime jumps 200 days and fires it (Go's "never" is only
  // MaxInt64, ~292 years). Fix: keep maxWhen for real overflow only (e.g. 2^63 as a float, ordered even
  // if not exact), or hold `when` as a bigint past 2^53.
  const rt = new Runtime({ clock: "fake" });
  const elapsed = await rt.run(async () => {
    const start = time.now();
    await time.after(200 * 24 * time.Hour).recv();
    return time.since(start);
  });
  assert.equal(elapsed, 200 * 24 * time.Hour);
});
