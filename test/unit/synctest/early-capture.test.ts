// Timer functions taken before any bubble started, after gort/synctest was imported: importing it puts
// pass-through wrappers in place at once (fakes.ts: installEarly), so a reference code keeps from then on
// (a CommonJS destructure, a Babel-style namespace copy, util.promisify(setTimeout), a library's copy of
// globalThis.setTimeout) follows bubbles; outside bubbles each wrapper is the host's function in all but
// identity. (Each test file runs in its own process: the wrappers stay for this file only.)
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { promisify } from "node:util";
import { time } from "../../../src/index.ts";
import { hostFunction, hostSetTimeout, hostTimerFunctions } from "../../../src/internal/host.ts";
import * as synctest from "../../../src/synctest.ts";

const require = createRequire(import.meta.url);
// Taken at load, after gort/synctest's import, as a library or a compiled test file would.
const {
  setTimeout: cjsSetTimeout,
  setInterval: cjsSetInterval,
  setImmediate: cjsSetImmediate,
  clearInterval: cjsClearInterval,
} = require("node:timers") as typeof import("node:timers");
const {
  setTimeout: sleep,
  setImmediate: immediateP,
  setInterval: everyP,
  scheduler,
} = require("node:timers/promises") as typeof import("node:timers/promises");
const wait = scheduler.wait.bind(scheduler);
const promisifiedSleep = promisify(setTimeout);
const capturedSetTimeout = globalThis.setTimeout;
// Babel's interop for `import * as timers from "node:timers"` (babel-jest): the exports copied once.
const namespaceCopy = { ...(require("node:timers") as typeof import("node:timers")) };

const H = 3_600_000; // an hour of virtual time: on real timers the bubble would stall instead

/** The virtual ms fn takes in a bubble. */
function virtualMs(fn: () => Promise<unknown>): Promise<number> {
  return synctest.run(async () => {
    const t0 = Date.now();
    await fn();
    return Date.now() - t0;
  });
}

describe("timer functions captured after gort/synctest's import, before any bubble", () => {
  test("node:timers destructured (CommonJS): setTimeout, setImmediate, setInterval and its clear follow the bubble's clock", async () => {
    assert.equal(await virtualMs(() => new Promise((r) => cjsSetTimeout(r, H))), H);
    assert.equal(await virtualMs(() => new Promise((r) => cjsSetImmediate(r))), 0);
    const twice = () =>
      new Promise<void>((r) => {
        let n = 0;
        const iv = cjsSetInterval(() => {
          if (++n < 2) return;
          cjsClearInterval(iv);
          r();
        }, H);
      });
    assert.equal(await virtualMs(twice), 2 * H);
  });

  test("node:timers/promises destructured (CommonJS): setTimeout, setImmediate, setInterval, scheduler.wait follow the bubble's clock", async () => {
    assert.equal(await virtualMs(async () => assert.equal(await sleep(H, "v"), "v")), H);
    assert.equal(await virtualMs(async () => assert.equal(await immediateP("i"), "i")), 0);
    const twice = async () => {
      let n = 0;
      for await (const v of everyP(H, "tick")) {
        assert.equal(v, "tick");
        if (++n === 2) break;
      }
    };
    assert.equal(await virtualMs(twice), 2 * H);
    assert.equal(await virtualMs(() => wait(H)), H);
  });

  test("util.promisify(setTimeout) taken at load follows the bubble's clock", async () => {
    assert.equal(await virtualMs(() => promisifiedSleep(H)), H);
  });

  test("globalThis.setTimeout kept in a variable at load follows the bubble's clock", async () => {
    assert.equal(await virtualMs(() => new Promise((r) => capturedSetTimeout(r, H))), H);
  });

  test("a namespace copy of node:timers taken at load (Babel's interop) follows the bubble's clock", async () => {
    assert.equal(await virtualMs(() => new Promise((r) => namespaceCopy.setTimeout(r, H))), H);
  });

  test("fakeGlobals: false: a captured function stays the host's inside that bubble", async () => {
    let real = false;
    await synctest.run(
      async () => {
        const t = cjsSetTimeout(() => {}, 10);
        real = !("site" in t); // a host Timeout, not the bubble's
        clearTimeout(t);
        await time.sleep(time.Second);
      },
      { fakeGlobals: false },
    );
    assert.ok(real);
  });
});

/** The host's node:timers/promises functions' names and lengths, and its Timeout's, from a plain Node. */
const hostShapes = JSON.parse(
  execFileSync(
    process.execPath,
    [
      "-e",
      `const t = require("node:timers"), tp = require("node:timers/promises");
       const f = (o, ns) => ns.map((n) => [n, o[n].name, o[n].length]);
       console.log(JSON.stringify({
         timers: f(t, ["setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate"]),
         promises: f(tp, ["setTimeout", "setImmediate", "setInterval"]),
         wait: [tp.scheduler.wait.name, tp.scheduler.wait.length],
       }));`,
    ],
    { encoding: "utf8" },
  ),
) as { timers: [string, string, number][]; promises: [string, string, number][]; wait: [string, number] };

describe("outside bubbles the load-time wrappers are the host's functions", () => {
  const timers = require("node:timers") as Record<string, (...a: unknown[]) => unknown>;
  const tp = require("node:timers/promises") as Record<string, (...a: unknown[]) => unknown> & {
    scheduler: { wait: (...a: unknown[]) => unknown };
  };

  test("they are in place, one per function (the global and node:timers' alike), with Node's names and lengths", () => {
    for (const [n, name, length] of hostShapes.timers) {
      const g = (globalThis as unknown as Record<string, (...a: unknown[]) => unknown>)[n];
      assert.notEqual(g, hostTimerFunctions[n], `${n} is wrapped`);
      assert.equal((g as unknown as Record<symbol, unknown>)[hostFunction], hostTimerFunctions[n]);
      assert.equal(timers[n], g, `node:timers' ${n} is the global's`);
      assert.deepEqual([g.name, g.length], [name, length], n);
    }
    for (const [n, name, length] of hostShapes.promises)
      assert.deepEqual([tp[n].name, tp[n].length], [name, length], `timers/promises ${n}`);
    assert.deepEqual([tp.scheduler.wait.name, tp.scheduler.wait.length], hostShapes.wait);
  });

  test("setTimeout, setInterval and setImmediate give the host's Timeout and Immediate, with ref, unref, hasRef, refresh and an id", () => {
    const HostTimeout = hostSetTimeout(() => {}, 1);
    clearTimeout(HostTimeout);
    const t = cjsSetTimeout(() => {}, 1000);
    const iv = setInterval(() => {}, 1000);
    const im = setImmediate(() => {});
    try {
      assert.equal(t.constructor, HostTimeout.constructor);
      assert.equal(iv.constructor, HostTimeout.constructor);
      assert.equal(im.constructor.name, "Immediate");
      assert.equal(t.hasRef(), true);
      assert.equal(t.unref(), t);
      assert.equal(t.hasRef(), false);
      assert.equal(t.ref().hasRef(), true);
      assert.equal(t.refresh(), t);
      assert.equal(typeof t[Symbol.toPrimitive](), "number");
      assert.equal(im.hasRef(), true);
    } finally {
      clearTimeout(t);
      clearInterval(iv);
      clearImmediate(im);
    }
  });

  test("clearTimeout takes a timer or its id; a cleared timer never fires", async () => {
    const fired: string[] = [];
    const a = setTimeout(() => fired.push("a"), 1);
    const b = cjsSetTimeout(() => fired.push("b"), 1);
    const c = setTimeout(() => fired.push("c"), 1);
    clearTimeout(+a);
    timers.clearTimeout(b);
    clearTimeout(`${c[Symbol.toPrimitive]()}` as never);
    // A host timer due later than the three: they would have fired before it.
    await new Promise((r) => hostSetTimeout(r, 5));
    assert.deepEqual(fired, []);
  });

  test("util.promisify(setTimeout) and (setImmediate) are node:timers/promises' functions", async () => {
    assert.equal(promisify(setTimeout), tp.setTimeout);
    assert.equal(promisify(setImmediate), tp.setImmediate);
    assert.equal(promisifiedSleep, tp.setTimeout);
    assert.equal(await promisify(setTimeout)(1, "x"), "x");
  });

  test("node:timers/promises keeps its values, AbortSignal and ref options, and errors", async () => {
    assert.equal(await sleep(1, "v"), "v");
    assert.equal(await immediateP("i"), "i");
    // An aborted signal rejects at once; one aborted while waiting, then.
    const done = new AbortController();
    done.abort();
    await assert.rejects(sleep(1000, null, { signal: done.signal }), {
      name: "AbortError",
      code: "ABORT_ERR",
    });
    const later = new AbortController();
    const p = sleep(60_000, null, { signal: later.signal });
    later.abort();
    await assert.rejects(p, { name: "AbortError", code: "ABORT_ERR" });
    const iter = everyP(1, "t", { signal: later.signal });
    await assert.rejects(iter.next(), { name: "AbortError" });
    // ref: false: the timer keeps nothing alive (Node lists no Timeout for it).
    const timeouts = () => process.getActiveResourcesInfo().filter((k) => k === "Timeout").length;
    const before = timeouts();
    const ac = new AbortController();
    const unrefed = sleep(60_000, null, { ref: false, signal: ac.signal });
    assert.equal(timeouts(), before);
    const refed = sleep(60_000, null, { signal: ac.signal });
    assert.equal(timeouts(), before + 1);
    ac.abort();
    await assert.rejects(unrefed, { name: "AbortError" });
    await assert.rejects(refed, { name: "AbortError" });
    // Bad arguments: Node's own errors.
    await assert.rejects(sleep("x" as never), { code: "ERR_INVALID_ARG_TYPE" });
    await assert.rejects(wait(1, { ref: "x" } as never), { code: "ERR_INVALID_ARG_TYPE" });
    assert.throws(() => setTimeout("1" as never, 1), { code: "ERR_INVALID_ARG_TYPE" });
  });

  test("a host timer set outside is cleared from inside a bubble, by object or id", async () => {
    const fired: string[] = [];
    const a = setTimeout(() => fired.push("a"), 1);
    const b = cjsSetTimeout(() => fired.push("b"), 1);
    await synctest.run(() => {
      clearTimeout(a);
      cjsClearInterval(+b); // Node: any clear function clears any timer
    });
    await new Promise((r) => hostSetTimeout(r, 5));
    assert.deepEqual(fired, []);
  });

  test("a bubble's timer is cleared from outside while the bubble runs, and stays the bubble's", async () => {
    let handOut!: (t: ReturnType<typeof setTimeout>) => void;
    const timer = new Promise<ReturnType<typeof setTimeout>>((r) => (handOut = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const bubble = synctest.run(async () => {
      let fired = false;
      handOut(capturedSetTimeout(() => (fired = true), H));
      await gate; // outside code resolves it
      await time.sleep(2 * time.Hour);
      return fired;
    });
    const t = await timer;
    assert.equal(t.constructor.name, "Timeout");
    clearTimeout(t); // outside any bubble
    release();
    assert.equal(await bubble, false);
  });
});
