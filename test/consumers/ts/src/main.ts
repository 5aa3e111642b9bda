// TypeScript consumer: the public types under tsc's strictest settings (nodenext and bundler
// resolution, skipLibCheck off), then the emitted JavaScript runs.
import assert from "node:assert/strict";
import {
  type Chan,
  chan,
  context,
  GoFatalError,
  go,
  type ReceiveChan,
  Runtime,
  recv,
  select,
  time,
} from "gort";
import type { Context } from "gort/context";
import { WaitGroup } from "gort/sync";
import * as synctest from "gort/synctest";
import { test } from "gort/testing/node";
import type { Duration } from "gort/time";
import { type ActiveTrace, startTrace, stringSink, type TraceEvent } from "gort/trace";

const d: Duration = 250 * time.Millisecond;

async function worker(ctx: Context, jobs: ReceiveChan<number>, out: Chan<string>): Promise<void> {
  for (;;) {
    const r = await select([recv(jobs), recv(ctx.done())] as const);
    if (r.index === 1 || r.value === undefined) return;
    const n: number = r.value;
    await time.sleep(d);
    await out.send(`job ${n}`);
  }
}

const sink = stringSink();
const rt = new Runtime({ clock: "fake", procs: 2, seed: 1 });
const trace: ActiveTrace = startTrace(sink, { runtime: rt.id });
const got = await rt.run(async () => {
  const [ctx, cancel] = context.withCancel(context.background());
  const jobs = chan<number>(3);
  const out = chan<string>(3);
  const wg = new WaitGroup();
  wg.add(1);
  go(async () => {
    await worker(ctx, jobs, out);
    wg.done();
  });
  for (const n of [1, 2, 3]) await jobs.send(n);
  const results: string[] = [];
  for (let i = 0; i < 3; i++) results.push((await out.recv()) ?? "");
  cancel();
  await wg.wait();
  return results;
});
trace.stop();
assert.deepEqual(got, ["job 1", "job 2", "job 3"]);
const first: TraceEvent | undefined = undefined;
assert.equal(first, undefined);
assert.ok(sink.text().includes("traceEvents"));
assert.equal(typeof GoFatalError, "function");

test("a virtual minute", async () => {
  const start = Date.now();
  await new Promise((r) => setTimeout(r, 60_000));
  assert.equal(Date.now() - start, 60_000);
});
test.skip("skipped", () => {});
await synctest.run(() => undefined);
console.log("ts: ok");
