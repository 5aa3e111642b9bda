// ESM consumer: every public entry point through import, run with bare node.
import assert from "node:assert/strict";
import { chan, context, go, Runtime, recv, select, time } from "gort";
import * as ctx from "gort/context";
import { Mutex, WaitGroup } from "gort/sync";
import * as synctest from "gort/synctest";
import * as t from "gort/time";
import { startTrace, stringSink, subscribeTrace } from "gort/trace";

assert.equal(t.newTimer, time.newTimer);
assert.equal(ctx.background, context.background);

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
console.log("esm: ok");
