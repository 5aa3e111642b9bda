// A worker thread the bubble created holds its time only while it is starting up (its script's top level
// has not finished: it has neither sent a message nor waited for events) or while a message the bubble
// posted to it is unanswered; an idle worker between requests holds nothing (iotrack.ts: workerBusy,
// docs/design/bubbles.md §2a).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { time } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";
import { replyOrGuard } from "./guard.ts";

/** Virtual ms since the bubble's epoch. */
const vms = () => Date.now() - Date.UTC(2000, 0, 1);

/** A worker that spins for `startMs` real ms at start, then answers each message after spinning `ms`. */
function echoWorker(startMs: number, ready: boolean): Worker {
  return new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const spin = (ms) => { const t = Date.now(); while (Date.now() - t < ms); };
     spin(workerData.startMs);
     if (workerData.ready) parentPort.postMessage("ready");
     parentPort.on("message", ({ n, ms }) => { spin(ms); parentPort.postMessage(n * 2); });`,
    { eval: true, workerData: { startMs, ready } },
  );
}

test("an idle worker waiting for messages lets a 1 s sleep beside it pass; its answers still beat a 50 ms guard", async () => {
  const got = await synctest.run(
    async () => {
      const out: unknown[] = [];
      const w = echoWorker(0, false);
      try {
        await time.sleep(time.Second); // it started and waits for a message: time moves
        out.push(`slept to ${vms()}`);
        for (const n of [1, 2]) {
          w.postMessage({ n, ms: 200 }); // 200 real ms of work: the guard must not fire first
          out.push(`${await replyOrGuard(w, 50)} at ${vms()}`);
          await new Promise((r) => setTimeout(r, 1000));
          out.push(`idle to ${vms()}`);
        }
      } finally {
        await w.terminate();
      }
      return out;
    },
    { stallTimeout: 30_000 }, // a hang guard only: a worker can take seconds to start on a loaded machine
  );
  assert.deepEqual(got, ["slept to 1000", "2 at 1000", "idle to 2000", "4 at 2000", "idle to 3000"]);
});

test("a worker's start-up (200 real ms before its 'ready') holds time: a 50 ms guard loses", async () => {
  const got = await synctest.run(
    async () => {
      const w = echoWorker(200, true);
      try {
        const first = await replyOrGuard(w, 50);
        return [first, vms()];
      } finally {
        await w.terminate();
      }
    },
    { stallTimeout: 30_000 }, // a hang guard only: a worker can take seconds to start under load
  );
  assert.deepEqual(got, ["ready", 0]);
});

test("a message posted before the worker is up is held for until answered, across a 200 ms start-up", async () => {
  const got = await synctest.run(
    async () => {
      const w = echoWorker(200, false);
      try {
        w.postMessage({ n: 21, ms: 100 });
        const answer = await replyOrGuard(w, 50);
        return [answer, vms()];
      } finally {
        await w.terminate();
      }
    },
    { stallTimeout: 30_000 }, // a hang guard only: a worker can take seconds to start under load
  );
  assert.deepEqual(got, [42, 0]);
});

test("a message the worker never answers holds time: the stall report names the worker and what it waits for", async () => {
  let w: Worker | undefined;
  const err = await synctest
    .run(
      async () => {
        w = new Worker(`require("node:worker_threads").parentPort.on("message", () => {});`, { eval: true });
        w.postMessage("no answer");
        await time.sleep(time.Second);
      },
      { stallTimeout: 300 },
    )
    .then(
      () => null,
      (e: Error) => e,
    );
  await w?.terminate(); // the stalled bubble's goroutine never resumes
  assert.match(String(err?.message), /WORKER \(worker: 1 message posted to it unanswered\)/);
});
