// What becomes of a bubble's Node-style timers still pending when it ends (nodetimers.ts: hand-off, f4):
// a bubble that completed hands its one-shots and unref'd intervals to the host, to fire later on the
// real clock, outside any bubble, as a Node process would; the Timeout objects its code kept then act on
// those host timers. Gort timers never fire after the bubble (Go), and a failed bubble's fire neither.
// Nothing here depends on the real clock's speed: each wait for a host firing is bounded only against a
// hang, and "never fires" is judged against a later host timer (libuv fires timers in due order).
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { describe, test } from "node:test";
import { time } from "../../../src/index.ts";
import { hostPerfNow, hostSetTimeout } from "../../../src/internal/host.ts";
import { FakeTimeout } from "../../../src/internal/runtime/faketimeout.ts";
import * as synctest from "../../../src/synctest.ts";

/** Real ms a wait may take before a test gives up: bounds a hang, not a speed. */
const hangMs = 10_000;

/** Resolves once cond() holds, polling on the host's clock; rejects after hangMs. */
async function until(cond: () => boolean, what: string): Promise<void> {
  const start = hostPerfNow();
  while (!cond()) {
    if (hostPerfNow() - start > hangMs) assert.fail(`${what}: not after ${hangMs} real ms`);
    await new Promise((r) => hostSetTimeout(r, 2));
  }
}

/** A host timer due in ms real ms from now (outside any bubble): what fires after every earlier-due one. */
const hostAfter = (ms: number) => new Promise((r) => hostSetTimeout(r, ms));

describe("a bubble that completes hands its pending Node-style timers to the host", () => {
  test("a pending setTimeout fires later on the real clock, outside any bubble; clearTimeout by object or id cancels one", async () => {
    const events: string[] = [];
    let t!: ReturnType<typeof setTimeout>;
    let byObject!: ReturnType<typeof setTimeout>;
    let id = 0;
    const bubbleYear = await synctest.run(async () => {
      t = setTimeout(function (this: unknown) {
        // No bubble here: the host's Date, and a timer made here is a host Timeout.
        events.push(
          `fired, this is the timeout: ${this === t}, year > 2000: ${new Date().getUTCFullYear() > 2000}`,
        );
        const inner = setTimeout(() => events.push("inner fired"), 1);
        events.push(`inner is a host timer: ${!(inner instanceof FakeTimeout)}`);
      }, 30);
      byObject = setTimeout(() => events.push("cleared by object"), 10);
      id = +setTimeout(() => events.push("cleared by id"), 10);
      await time.sleep(5 * time.Millisecond);
      return new Date().getUTCFullYear();
    });
    assert.equal(bubbleYear, 2000);
    assert.equal(events.length, 0, "nothing fires at the bubble's end");
    assert.equal(t.hasRef(), true);
    clearTimeout(byObject);
    clearTimeout(String(id) as never);
    await until(() => events.includes("inner fired"), "the handed-off timer and the one it made");
    // The two cleared ones were due 20 ms before the first: they would have fired by now.
    assert.deepEqual(events, [
      "fired, this is the timeout: true, year > 2000: true",
      "inner is a host timer: true",
      "inner fired",
    ]);
  });

  test("its callback keeps the async context of its setTimeout call (less the bubble), as in Node", async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: unknown[] = [];
    await synctest.run(() => {
      als.run("request 7", () => setTimeout(() => seen.push(als.getStore()), 1));
    });
    await until(() => seen.length > 0, "the handed-off timer");
    assert.deepEqual(seen, ["request 7"]);
  });

  test("after the hand-off, refresh re-arms it, unref and ref act on the host timer, and an unref'd interval keeps ticking until cleared", async () => {
    let fired = 0;
    let ticks = 0;
    let t!: ReturnType<typeof setTimeout>;
    let iv!: ReturnType<typeof setInterval>;
    await synctest.run(() => {
      t = setTimeout(() => fired++, 1);
      iv = setInterval(() => ticks++, 2);
      iv.unref();
    });
    await until(() => fired === 1, "the handed-off timeout");
    t.unref();
    assert.equal(t.hasRef(), false);
    t.ref();
    assert.equal(t.hasRef(), true);
    t.refresh(); // fired already: re-armed, as a Node Timeout is
    await until(() => fired === 2, "the refreshed timeout");
    assert.equal(iv.hasRef(), false);
    await until(() => ticks >= 3, "the handed-off interval");
    clearInterval(iv);
    const after = ticks;
    await hostAfter(30); // 15 periods
    assert.equal(ticks, after, "cleared");
  });

  test("a module-level object that armed an unref'd timer in a bubble keeps working after it (lru-cache's cached clock)", async () => {
    // As lru-cache (ttlResolution 1): caches "now" and arms an unref'd 1 ms timer that forgets it.
    const clock = {
      cached: 0,
      now(): number {
        if (this.cached === 0) {
          this.cached = performance.now();
          setTimeout(() => {
            this.cached = 0;
          }, 1).unref();
        }
        return this.cached;
      },
    };
    const first = await synctest.run(() => clock.now());
    assert.notEqual(clock.cached, 0);
    await until(() => clock.cached === 0, "the cache's reset, handed off");
    // Outside, it caches the host's clock and forgets it again.
    assert.ok(clock.now() > 0);
    await until(() => clock.cached === 0, "the cache's reset, armed outside");
    // In a later bubble, on its virtual clock.
    const [a, b] = await synctest.run(async () => {
      const a = clock.now();
      await time.sleep(time.Second);
      return [a, clock.now()];
    });
    assert.equal(b - a, 1000);
    assert.ok(first > 0);
  });
});

describe("what is not handed off", () => {
  test("gort timers never fire after the bubble, nor does a refed setInterval it was allowed to end with", async () => {
    const events: string[] = [];
    await synctest.run(
      () => {
        time.afterFunc(5 * time.Millisecond, () => events.push("afterFunc"));
        setInterval(() => events.push("refed interval"), 5);
        setTimeout(() => events.push("sentinel"), 20);
      },
      { allowPendingTimers: true },
    );
    await until(() => events.length > 0, "the sentinel");
    await hostAfter(10);
    assert.deepEqual(events, ["sentinel"]);
  });

  test("a bubble that fails drops its pending timers; the next one that completes hands its own off", async () => {
    const events: string[] = [];
    await assert.rejects(
      synctest.run(() => {
        setTimeout(() => events.push("pending at the failure"), 1);
        throw new Error("boom");
      }),
      /boom/,
    );
    await synctest.run(() => {
      setTimeout(() => events.push("sentinel"), 20);
    });
    await until(() => events.length > 0, "the sentinel");
    assert.deepEqual(events, ["sentinel"]);
  });
});

describe("strictTimers", () => {
  test("lists unref'd timers too (but AbortSignal.timeout's, which nothing can clear), and still hands them off", async () => {
    let fired = 0;
    await assert.rejects(
      synctest.run(
        () => {
          setTimeout(() => fired++, 5).unref();
          AbortSignal.timeout(5);
        },
        { strictTimers: true, sites: false },
      ),
      (e: Error) => {
        assert.equal(
          e.message,
          "synctest: timers still armed when the bubble ended (strictTimers; stop them, or pass allowPendingTimers):\n\tsetTimeout(5ms) (unref'd), next at 5.000ms",
        );
        return true;
      },
    );
    await until(() => fired === 1, "the handed-off timer");
  });
});

describe("a refed timer handed off for long keeps the process alive: a warning names it", () => {
  test("a bubble leaving a refed 60 s setTimeout warns (GORT_TIMERS_HANDED_OFF); a short or unref'd one does not", async () => {
    const warnings: (Error & { code?: string })[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    const left: ReturnType<typeof setTimeout>[] = [];
    try {
      await synctest.run(() => {
        left.push(setTimeout(() => {}, 60_000)); // refed, a minute: named
        left.push(setTimeout(() => {}, 500)); // refed, half a second: not named
        left.push(setTimeout(() => {}, 120_000).unref()); // unref'd: keeps nothing alive
      });
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      const w = warnings.filter((x) => x.code === "GORT_TIMERS_HANDED_OFF");
      assert.equal(w.length, 1);
      assert.equal(w[0].name, "GortWarning");
      assert.match(w[0].message, /^synctest: the bubble ended with 1 refed timer\(s\) pending/);
      assert.match(w[0].message, /\tsetTimeout\(60000ms\), next at 60000\.000ms/);
      assert.doesNotMatch(w[0].message, /setTimeout\(500ms\)|120000ms/);
      // Under strictTimers the bubble fails listing them: no warning besides.
      await assert.rejects(
        synctest.run(
          () => {
            left.push(setTimeout(() => {}, 60_000));
          },
          { strictTimers: true },
        ),
        /timers still armed when the bubble ended \(strictTimers/,
      );
      await new Promise((r) => setImmediate(r));
      assert.equal(warnings.filter((x) => x.code === "GORT_TIMERS_HANDED_OFF").length, 1);
    } finally {
      process.off("warning", onWarning);
      for (const t of left) clearTimeout(t);
    }
  });
});
