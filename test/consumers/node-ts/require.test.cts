// node:test on a CommonJS TypeScript file (.cts), types stripped by Node: require() of the root and a
// subpath, one runtime between them.
const assert: typeof import("node:assert/strict") = require("node:assert/strict");
const nodeTest: typeof import("node:test") = require("node:test");
const { chan, GoFatalError, time } = require("gort") as typeof import("gort");
const synctest = require("gort/synctest") as typeof import("gort/synctest");
const { test } = require("gort/testing/node") as typeof import("gort/testing/node");

test("a virtual hour of ticks", async () => {
  const ticker = time.newTicker(10 * time.Minute);
  let n = 0;
  for await (const _ of ticker.c) if (++n === 6) break;
  ticker.stop();
  assert.equal(performance.now() % 1, 0);
  assert.equal(n, 6);
});

nodeTest.test("a deadlock in a bubble is Go's report, naming this file", async () => {
  await assert.rejects(
    synctest.run(async () => {
      await time.sleep(time.Second);
      await chan<number>().recv();
    }),
    (e: Error) =>
      e instanceof GoFatalError &&
      /^deadlock: all goroutines in bubble are blocked\n/.test(e.message) &&
      /\[chan receive\]/.test(e.message) &&
      /require\.test\.cts:\d+/.test(e.message),
  );
});
