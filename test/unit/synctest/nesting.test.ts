// A bubble inside a bubble, and a Runtime inside a bubble. Go panics on a nested synctest.Run; a Runtime
// that a bubble's code runs holds the bubble's time while it runs, as host I/O does (iotrack.ts:
// IoWatch.nested): what its goroutines wait for is outside the bubble's sight.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chan, GoFatalError, GoPanic, go, Runtime, time } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";

const self = fileURLToPath(import.meta.url);
const vms = () => Date.now() - 946684800000;

/** 50 real file reads, one after another, in whatever runtime runs it. */
async function work(): Promise<string> {
  for (let i = 0; i < 50; i++) await readFile(self);
  return "work done";
}

describe("nesting", () => {
  test("synctest.run from a bubble's code panics with Go's message, from main, a goroutine or a callback", async () => {
    const got = await synctest.run(async () => {
      const out: string[] = [];
      const msg = (e: unknown) => (e instanceof GoPanic ? e.message : `not a GoPanic: ${e}`);
      out.push(await synctest.run(() => 1).then(String, msg));
      out.push(
        await new Promise<string>((r) => go(async () => r(await synctest.run(() => 2).then(String, msg)))),
      );
      out.push(
        await new Promise<string>((r) =>
          setTimeout(
            () =>
              synctest
                .run(() => 3)
                .then(String, msg)
                .then(r),
            10,
          ),
        ),
      );
      return out;
    });
    assert.deepEqual(got, Array(3).fill("synctest.Run called from within a synctest bubble"));
    // After the bubble, its code's context is gone: a bubble starts again.
    assert.equal(await synctest.run(() => 4), 4);
  });

  test("a real-clock Runtime doing file I/O holds the bubble's time: a 1-hour guard does not win", async () => {
    const got = await synctest.run(async () => {
      let t: ReturnType<typeof setTimeout> | undefined;
      const guard = new Promise<string>((r) => {
        t = setTimeout(() => r("guard fired"), 3_600_000);
      });
      const job = new Runtime({ clock: "real" }).run(work);
      const first = await Promise.race([job, guard]);
      clearTimeout(t); // left pending, it would go on as a host timer: an hour before the process exits
      return [first, vms()];
    });
    assert.deepEqual(got, ["work done", 0]);
  });

  test("a fake-clock Runtime's hour passes on its own clock while the bubble's holds", async () => {
    const got = await synctest.run(async () => {
      const inner = await new Runtime({ clock: "fake" }).run(async () => {
        await time.sleep(time.Hour);
        return "inner slept an hour";
      });
      return [inner, vms()];
    });
    assert.deepEqual(got, ["inner slept an hour", 0]);
  });

  test("a Runtime that waits on the bubble's own timer stalls both: the watchdog names the runtime", async () => {
    await assert.rejects(
      synctest.run(
        async () => {
          const tick = new Promise((r) => setTimeout(r, 1000)); // the bubble's clock: held by the runtime
          await new Runtime({ clock: "real" }).run(async () => {
            await tick;
          });
        },
        { stallTimeout: 300 },
      ),
      (e: Error) => {
        assert.match(e.message, /held at 0\.000ms by host I\/O it started, still in flight:/);
        assert.match(e.message, /RUNTIME \(a gort Runtime the bubble started, still running\)/);
        return true;
      },
    );
  });
});

test("a Runtime's failure that bubble code catches and rethrows rejects the bubble as itself", async () => {
  let inner: unknown = null;
  const outer = await synctest
    .run(async () => {
      try {
        await new Runtime({ clock: "fake" }).run(async () => {
          await chan<void>().recv(); // deadlock
        });
      } catch (e) {
        inner = e;
        throw e;
      }
    })
    .then(
      () => null,
      (e: unknown) => e,
    );
  assert.ok(inner instanceof GoFatalError);
  assert.equal(outer, inner);
  assert.match((inner as GoFatalError).message, /all goroutines are asleep - deadlock!/);
});
