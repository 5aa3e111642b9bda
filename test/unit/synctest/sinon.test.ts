// The bubble keeps working when @sinonjs/fake-timers is installed globally outside it (as jest/vitest
// fake timers do), and leaves sinon's clock in charge outside.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { setTimeout as sleepP } from "node:timers/promises";
import { chan, go, time } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";

interface Clock {
  now: number;
  tick(ms: number): number;
  uninstall(): void;
}
const FakeTimers = createRequire(import.meta.url)("@sinonjs/fake-timers") as {
  install(opts?: { now?: number; toFake?: string[] }): Clock;
};

describe("with @sinonjs/fake-timers installed globally", () => {
  for (const toFake of [
    undefined,
    ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"],
  ]) {
    test(`a bubble runs on its own clock, sinon's clock rules outside (toFake: ${toFake ? "some" : "default: everything"})`, async () => {
      const clock = FakeTimers.install(toFake ? { now: 1_000_000, toFake } : { now: 1_000_000 });
      try {
        assert.equal(Date.now(), 1_000_000, "sinon's Date outside");
        const inside = await synctest.run(async () => {
          const out: string[] = [];
          const perf0 = performance.now();
          const at = (what: string) =>
            out.push(`${what}@${Date.now() - 946684800000}/${performance.now() - perf0}`);
          await new Promise((r) => setTimeout(r, 100));
          at("setTimeout");
          await new Promise((r) => setImmediate(r));
          at("setImmediate");
          await new Promise<void>((r) => queueMicrotask(r));
          await new Promise<void>((r) => process.nextTick(r));
          at("microtasks");
          await sleepP(50);
          at("timers/promises");
          const c = chan<number>();
          go(async () => {
            await time.sleep(time.Second);
            await c.send(1);
          });
          await c.recv();
          at("goroutine");
          const signal = AbortSignal.timeout(10);
          await new Promise((r) => signal.addEventListener("abort", r));
          at("AbortSignal.timeout");
          return out;
        });
        assert.deepEqual(inside, [
          "setTimeout@100/100",
          "setImmediate@100/100",
          "microtasks@100/100",
          "timers/promises@150/150",
          "goroutine@1150/1150",
          "AbortSignal.timeout@1160/1160",
        ]);
        // Outside, sinon's clock is still in charge: its time has not moved, and it still ticks.
        assert.equal(Date.now(), 1_000_000);
        let fired = 0;
        setTimeout(() => fired++, 500);
        clock.tick(499);
        assert.equal(fired, 0);
        clock.tick(1);
        assert.equal(fired, 1);
        assert.equal(Date.now(), 1_000_500);
      } finally {
        clock.uninstall();
      }
      assert.ok(Date.now() > 1_600_000_000_000, "real time again after uninstall");
    });
  }
});
