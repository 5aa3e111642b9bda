// @sinonjs/fake-timers (sinon, Jest's and Vitest's fake timers) installed after gort/synctest put its
// load-time wrappers in place (fakes.ts: installEarly): it takes them for the host's functions, a bubble
// run meanwhile keeps its own clock, and uninstalling puts the wrappers back everywhere — the globals,
// node:timers, node:timers/promises and their ES named imports — where a reference taken before still
// follows bubbles. (A file of its own: see sinon.test.ts for sinon installed around a bubble.)
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { setTimeout as esmSleep } from "node:timers/promises";
import * as synctest from "../../../src/synctest.ts";
import { globals, promiseNames, timerNames, timers, tp } from "./timer-modules.ts";

const req = createRequire(import.meta.url);
const FakeTimers = req("@sinonjs/fake-timers") as {
  install(opts?: { now?: number; toFake?: string[] }): { uninstall(): void };
};
const keptSleep = tp.setTimeout as (ms: number) => Promise<void>; // taken at load, as a library would

describe("@sinonjs/fake-timers installed after gort/synctest's load", () => {
  test("sinon installed after gort/synctest's load, a bubble meanwhile, then uninstalled: the wrappers are back everywhere and still follow bubbles", async () => {
    const before = timerNames.map((n) => [globals[n], timers[n]]);
    const tpBefore = promiseNames.map((n) => tp[n]);
    const clock = FakeTimers.install({
      now: 1_000_000,
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
    try {
      assert.notEqual(globals.setTimeout, before[0][0], "sinon's setTimeout while installed");
      assert.equal(Date.now(), 1_000_000);
      const elapsed = await synctest.run(async () => {
        const t0 = Date.now();
        await keptSleep(3_600_000);
        await new Promise((r) => setTimeout(r, 1000));
        await esmSleep(10);
        return Date.now() - t0;
      });
      assert.equal(elapsed, 3_601_010);
    } finally {
      clock.uninstall();
    }
    assert.deepEqual(
      timerNames.map((n) => [globals[n], timers[n]]),
      before,
    );
    assert.deepEqual(
      promiseNames.map((n) => tp[n]),
      tpBefore,
    );
    // The ES named import is the load-time wrapper again (not sinon's uninstalled fake): it resolves.
    assert.equal(esmSleep, tp.setTimeout);
    assert.equal(await esmSleep(1, "real"), "real");
    const after = await synctest.run(async () => {
      const t0 = Date.now();
      await keptSleep(3_600_000);
      await esmSleep(3_600_000);
      return Date.now() - t0;
    });
    assert.equal(after, 7_200_000);
  });
});
