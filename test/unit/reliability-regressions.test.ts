// Regressions for three runtime bugs found by the reliability suite (issue 8), all fixed: a throwing
// callback inside the scheduler now fails the runtime with Go's panic report (B1); a stopped runtime's
// timers refuse stop/reset with a clear error (B2); a thrown symbol or function is reported by String()
// (B3).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { go, Runtime, time } from "../../src/index.ts";

describe("regressions found by the reliability suite", () => {
  // B1. Runtime.schedule() catches what findRunnable throws and hands it to throwFatal, which rethrows
  // anything that is not a RuntimeInvariantError. A timer callback run by the scheduler (check → run →
  // unlockAndRun → f) that throws therefore escapes from the host callback that entered the scheduler
  // (checkdead's setImmediate, or onPoll's setTimeout) as an uncaught exception: the process dies, and
  // run() never settles. Public callbacks are safe (AfterFunc, context.AfterFunc and the synctest fakes run
  // user code in goroutines), so this needs an internal timer or a bug in sendTime/goFunc/goroutineReady.
  // Expected: the runtime fails (run() rejects with a GoFatalError carrying the error), as Go's throw does.
  test("B1: a throwing timer callback inside the scheduler fails the runtime instead of crashing the process", () => {
    const code = `
      import { Runtime, time } from "./src/index.ts";
      import { Timer } from "./src/internal/runtime/timer.ts";
      const rt = new Runtime({ clock: "fake" });
      rt.run(async () => {
        const t = new Timer(() => { throw new Error("callback failed"); }, null);
        t.reset(rt.nanotime() + 1000, 0);
        await time.sleep(time.Millisecond);
      }).then(
        () => console.log("resolved"),
        (e) => console.log("rejected:", e.name, e.message),
      );
    `;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      encoding: "utf8",
      timeout: 120_000, // a hang guard only: loading tsx in a fresh process is slow on a loaded machine
    });
    assert.equal(r.status, 0, `the process crashed:\n${r.stderr.split("\n").slice(0, 6).join("\n")}`);
    assert.match(r.stdout, /rejected: \w+ .*callback failed/);
  });

  // B2. A runtime used after it stopped: the timers it made still accept stop/reset silently. reset()
  // returns true and re-arms the timer in the dead runtime's heap (an AfterFunc) or leaves it lazy (a
  // channel timer), and nothing ever fires; a later receive from outside any goroutine parks on the
  // default runtime. Only newproc refuses ("gort: runtime used after it stopped"). Expected: the same
  // clear error from every operation on a stopped runtime's timers.
  test("B2: stop/reset on a timer of a stopped runtime is refused with a clear error", async () => {
    const rt = new Runtime({ clock: "fake" });
    let t!: time.Timer;
    let f!: time.Timer;
    let tk!: time.Ticker;
    await rt.run(() => {
      t = time.newTimer(time.Second);
      f = time.afterFunc(time.Second, () => {});
      tk = time.newTicker(time.Second);
    });
    assert.equal(rt.stopped, true);
    const stopped = /runtime used after it stopped/;
    assert.throws(() => t.reset(time.Millisecond), stopped);
    assert.throws(() => f.reset(time.Millisecond), stopped);
    assert.throws(() => tk.reset(time.Millisecond), stopped);
    assert.throws(() => t.stop(), stopped);
  });

  // B3. panicString() formats a thrown non-Error with JSON.stringify, which returns undefined (not a
  // string) for a symbol or a function: the report says "panic: undefined". Expected: String(value)'s
  // text ("panic: Symbol(s)", the function's source or name), as for other values JSON cannot print.
  test("B3: a goroutine that throws a symbol or a function is reported by what it threw", async () => {
    const cases: [unknown, RegExp][] = [
      [Symbol("s"), /^panic: Symbol\(s\)$/],
      [function namedThrowable() {}, /namedThrowable/],
    ];
    for (const [v, want] of cases) {
      const rt = new Runtime({ clock: "fake" });
      const err = (await rt
        .run(async () => {
          go(() => {
            throw v;
          });
          await time.sleep(1);
        })
        .catch((e: unknown) => e)) as Error;
      assert.match(err.message, want);
    }
  });
});
