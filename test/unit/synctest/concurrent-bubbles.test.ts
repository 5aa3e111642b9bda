// Two bubbles running at the same time keep separate clocks (regression: getg.ts enterNext now puts
// another runtime's still-current goroutine into a syscall before switching).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { time } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";

describe("concurrent bubbles", () => {
  // getg.ts: curG is one global. Bubble A's root goroutine awaits a foreign promise (it stays curG, still
  // _Grunning, until gort's next macrotask moves it to _Gsyscall); bubble B's goroutine then starts in the
  // same microtask drain and enterNext overwrites curG. drainCheck only moves the *current* curG (B's) to
  // _Gsyscall, so A's goroutine stays _Grunning with A.mActive true forever: A never runs checkdead and
  // hangs (observed: rt.stats frozen, goroutine 1 status _Grunning, nsyscall 0). Two Runtimes used at
  // once (Promise.all of two bubbles, vitest's test.concurrent) hit it. Fix idea: in enterNext, when curG
  // is a different runtime's goroutine still _Grunning, enter it into a syscall first.
  test("two bubbles at once, one awaiting a setTimeout promise, keep separate clocks", {
    timeout: 60_000, // a hang guard: the bug hung the first bubble forever
  }, async () => {
    const [a, b] = await Promise.all([
      synctest.run(async () => {
        await new Promise((r) => setTimeout(r, 5000));
        return Date.now() - 946684800000;
      }),
      synctest.run(async () => {
        await time.sleep(7 * time.Second);
        return Date.now() - 946684800000;
      }),
    ]);
    assert.deepEqual([a, b], [5000, 7000]);
  });
});
