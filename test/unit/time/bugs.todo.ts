// Runtime bugs found while writing gort/time. Kept out of the main run (the runner only picks *.test.ts);
// run with:  node --import tsx --import ./test/setup.ts --test test/unit/time/bugs.todo.ts
// Both tests fail today. Neither is in src/time.ts or timechan.ts: the fixes belong in proc.ts and
// nanotime.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Runtime } from "../../../src/index.ts";
import * as time from "../../../src/time.ts";

test("BUG: a real-clock timer more than 2^31-1 ms (24.8 days) away re-arms setTimeout every 1 ms with a TimeoutOverflowWarning", async () => {
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

test("BUG: under the fake clock a timer more than 2^53 ns (~104 days) ahead never fires and is reported as a deadlock", async () => {
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
