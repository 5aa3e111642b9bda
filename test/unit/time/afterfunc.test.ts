// afterFunc under the fake clock, at 1 and 4 Ps: f runs in a new goroutine at exactly d, c is null,
// stop/reset return Go's values (docs/design/timers.md §7.5), a panicking f fails the runtime as in Go.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, GoFatalError } from "../../../src/index.ts";
import { getg } from "../../../src/internal/runtime/proc.ts";
import * as time from "../../../src/time.ts";
import { PROCS, runFake, stopwatch } from "./helpers.ts";

const ms = time.Millisecond;

for (const procs of PROCS) {
  describe(`afterFunc (GOMAXPROCS=${procs})`, () => {
    test("runs f in its own goroutine at exactly d; c is null", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        const main = getg();
        const at = chan<number>(1);
        const t = time.afterFunc(15 * ms, () => {
          assert.notEqual(getg(), null);
          assert.notEqual(getg(), main, "a new goroutine");
          at.trySend(sw.elapsed());
        });
        assert.equal(t.c, null);
        assert.equal(await at.recv(), 15 * ms);
      });
    });

    test("f may block without delaying other timers", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        const log = chan<string>(4);
        time.afterFunc(ms, async () => {
          await time.sleep(time.Hour);
          await log.send("slow");
        });
        time.afterFunc(2 * ms, () => log.send(`fast at ${sw.elapsed() / ms}ms`));
        assert.equal(await log.recv(), "fast at 2ms");
      });
    });

    test("stop before it runs → true and f never runs; stop again → false", async () => {
      await runFake(procs, async () => {
        let ran = 0;
        const t = time.afterFunc(10 * ms, () => {
          ran++;
        });
        await time.sleep(5 * ms);
        assert.equal(t.stop(), true);
        assert.equal(t.stop(), false);
        await time.sleep(20 * ms);
        assert.equal(ran, 0);
      });
    });

    test("after f started: stop → false; reset → false and f runs again", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        const runs = chan<number>(2);
        const t = time.afterFunc(ms, () => runs.send(sw.elapsed()));
        assert.equal(await runs.recv(), ms);
        assert.equal(t.stop(), false);
        assert.equal(t.reset(ms), false);
        assert.equal(await runs.recv(), 2 * ms);
      });
    });

    test("reset of a pending call → true; f runs once, at the new time", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        const runs = chan<number>(2);
        const t = time.afterFunc(10 * ms, () => runs.send(sw.elapsed()));
        await time.sleep(ms);
        assert.equal(t.reset(20 * ms), true);
        assert.equal(await runs.recv(), 21 * ms);
        await time.sleep(time.Second);
        assert.equal(runs.tryRecv(), null);
      });
    });

    test("d <= 0 runs f as soon as the scheduler looks; Infinity never", async () => {
      await runFake(procs, async () => {
        const sw = stopwatch();
        const runs = chan<string>(3);
        time.afterFunc(0, () => runs.send("zero"));
        time.afterFunc(-time.Hour, () => runs.send("negative"));
        const never = time.afterFunc(Number.POSITIVE_INFINITY, () => runs.send("never"));
        const got = [await runs.recv(), await runs.recv()].sort();
        assert.deepEqual(got, ["negative", "zero"]);
        assert.equal(sw.elapsed(), 0);
        assert.equal(never.stop(), true);
      });
    });

    test("argument validation: TypeError for a bad d or a non-function f", async () => {
      await runFake(procs, () => {
        assert.throws(() => time.afterFunc(Number.NaN, () => {}), TypeError);
        assert.throws(() => time.afterFunc(ms, null as unknown as () => void), {
          name: "TypeError",
          message: "time.afterFunc: f is not a function: null",
        });
      });
    });

    test("an f that throws fails the runtime with Go's panic report", async () => {
      await assert.rejects(
        runFake(procs, async () => {
          time.afterFunc(ms, () => {
            throw new Error("boom");
          });
          await time.sleep(time.Second);
        }),
        (e: unknown) => e instanceof GoFatalError && e.message === "panic: boom",
      );
    });
  });
}
