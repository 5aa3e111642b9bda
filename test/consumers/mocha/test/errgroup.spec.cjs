// Mocha consumer, CommonJS spec: require() of the root and of subpaths, one runtime between them.
const assert = require("node:assert/strict");
const { context, errgroup, recv, select, time } = require("gort");
const { withContext } = require("gort/errgroup");
const synctest = require("gort/synctest");
const { Mutex } = require("gort/sync");

describe("gort in mocha (CommonJS)", () => {
  it("gort/errgroup is the root's errgroup", () => {
    assert.equal(withContext, errgroup.withContext);
  });

  it(
    "an errgroup cancels its siblings at the first error, in virtual time",
    synctest.bubble(async () => {
      const start = Date.now();
      const [g, ctx] = withContext(context.background());
      const mu = new Mutex();
      const done = [];
      for (const ms of [100, 200, 300]) {
        g.go(async () => {
          if (ms === 200) {
            await time.sleep(ms * time.Millisecond);
            return new Error("fetch 200 failed");
          }
          const t = time.newTimer(ms * time.Millisecond);
          const r = await select([recv(t.c), recv(ctx.done())]);
          t.stop();
          await mu.lock();
          done.push(`${ms} ${r.index === 0 ? "done" : "cancelled"}`);
          mu.unlock();
        });
      }
      const err = await g.wait();
      assert.equal(err?.message, "fetch 200 failed");
      assert.deepEqual(done.sort(), ["100 done", "300 cancelled"]);
      assert.equal(Date.now() - start, 200);
    }),
  );
});
