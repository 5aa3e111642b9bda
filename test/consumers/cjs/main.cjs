// CommonJS consumer: every public entry point through require (require(esm): Node 20.19+, 22.12+).
const assert = require("node:assert/strict");
const { chan, context, go, Runtime, recv, select, time } = require("gort");
const ctx = require("gort/context");
const { Mutex, WaitGroup } = require("gort/sync");
const synctest = require("gort/synctest");
const t = require("gort/time");
const { startTrace, stringSink, subscribeTrace } = require("gort/trace");

assert.equal(t.newTimer, time.newTimer);
assert.equal(ctx.background, context.background);
// Node's require takes the "module-sync" condition: the same ES modules import gets, one runtime.
assert.match(require.resolve("gort"), /dist[\\/]index\.js$/);

async function main() {
  assert.equal((await import("gort/time")).newTimer, t.newTimer);
  const sink = stringSink();
  const rt = new Runtime({ clock: "fake", seed: 1 });
  const trace = startTrace(sink, { runtime: rt.id, format: "text" });
  let events = 0;
  const off = subscribeTrace(() => events++);
  const lines = await rt.run(async () => {
    const out = [];
    const start = time.now();
    const ticker = time.newTicker(100 * time.Millisecond);
    const done = chan();
    const wg = new WaitGroup();
    const mu = new Mutex();
    wg.add(1);
    go(async () => {
      await time.sleep(250 * time.Millisecond);
      await mu.lock();
      mu.unlock();
      await done.send("done");
      wg.done();
    });
    for (;;) {
      const r = await select([recv(ticker.c), recv(done)]);
      out.push(`${time.durationString(time.since(start))} ${r.index === 0 ? "tick" : r.value}`);
      if (r.index === 1) break;
    }
    ticker.stop();
    await wg.wait();
    return out;
  });
  off();
  trace.stop();
  assert.deepEqual(lines, ["100ms tick", "200ms tick", "250ms done"]);
  assert.ok(events > 10, `${events} trace events`);
  assert.match(sink.text(), /^# gort trace/);

  await synctest.run(async () => {
    const start = Date.now();
    await new Promise((r) => setTimeout(r, 5000));
    assert.equal(Date.now() - start, 5000);
  });
  console.log("cjs: ok");
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
