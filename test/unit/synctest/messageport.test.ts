// Work handed to a worker thread through a transferred MessagePort (piscina's and many worker pools'
// pattern: `worker.postMessage({ port: port2 }, [port2])`, then jobs on port1) holds the bubble's time
// from a post on the port until a message comes back on it, or the port closes or is unrefed; an idle
// port holds nothing (iotrack.ts: portBusy, docs/design/bubbles.md §2a). Before, only worker.postMessage
// held time, so a 50 ms guard fired before a reply that takes 150 real ms.
import assert from "node:assert/strict";
import { once } from "node:events";
import { afterEach, test } from "node:test";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { time } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";
import { replyOrGuard } from "./guard.ts";

/** Virtual ms since the bubble's epoch. */
const vms = () => Date.now() - Date.UTC(2000, 0, 1);

/** Every worker started, terminated after each test: a failing bubble leaves its goroutines parked. */
const workers = new Set<Worker>();
afterEach(async () => {
  await Promise.all([...workers].map((w) => w.terminate()));
  workers.clear();
});

/**
 * A worker that takes a port from its first message, says "ready" on parentPort, and answers each job
 * `{ n, ms }` on the port with n * 2 after `ms` real ms (a negative n: no answer; n 0: exits).
 */
async function portWorker(): Promise<{ w: Worker; port: MessagePort }> {
  const w = new Worker(
    `const { parentPort } = require("node:worker_threads");
     parentPort.once("message", ({ port }) => {
       port.on("message", ({ n, ms }) => {
         if (n === 0) process.exit(0);
         if (n > 0) setTimeout(() => port.postMessage(n * 2), ms);
       });
       parentPort.postMessage("ready");
     });`,
    { eval: true },
  );
  workers.add(w);
  const { port1, port2 } = new MessageChannel();
  w.postMessage({ port: port2 }, [port2]);
  await once(w, "message"); // "ready": the worker's own rule no longer holds anything
  return { w, port: port1 };
}

test("a job posted on a transferred MessagePort holds time: its 150 ms reply beats a 50 ms guard, at virtual 0; idle, the port lets a 1 s sleep pass", async () => {
  const got = await synctest.run(
    async () => {
      const out: unknown[] = [];
      const { w, port } = await portWorker();
      port.on("message", () => {}); // a listener keeps the port refed while it idles
      try {
        for (const n of [1, 2]) {
          port.postMessage({ n, ms: 150 });
          out.push(`${await replyOrGuard(port, 50)} at ${vms()}`);
          await time.sleep(time.Second);
          out.push(`idle to ${vms()}`);
        }
      } finally {
        port.close();
        await w.terminate();
      }
      return out;
    },
    { stallTimeout: 30_000 }, // a hang guard only: a worker can take seconds to start on a loaded machine
  );
  assert.deepEqual(got, ["2 at 0", "idle to 1000", "4 at 1000", "idle to 2000"]);
});

test("a port never posted to holds nothing: a 1 s sleep beside it ends at virtual 1000 while another port's job holds", async () => {
  const got = await synctest.run(
    async () => {
      const a = await portWorker();
      const b = await portWorker();
      try {
        a.port.on("message", () => {}); // refed, never posted to
        b.port.postMessage({ n: 21, ms: 150 });
        const reply = `${await replyOrGuard(b.port, 50)} at ${vms()}`;
        const t0 = performance.now();
        await new Promise((r) => setTimeout(r, 1000));
        return [reply, `slept to ${vms()}`, performance.now() - t0];
      } finally {
        a.port.close();
        b.port.close();
        await Promise.all([a.w.terminate(), b.w.terminate()]);
      }
    },
    { stallTimeout: 30_000 }, // a hang guard only: a worker can take seconds to start on a loaded machine
  );
  assert.deepEqual(got, ["42 at 0", "slept to 1000", 1000]);
});

test("a posted job whose port is then closed, or unrefed, or whose worker exits, releases time", async () => {
  const got = await synctest.run(
    async () => {
      const out: unknown[] = [];
      const { w, port } = await portWorker();
      try {
        port.postMessage({ n: 5, ms: 150 });
        out.push(`${await replyOrGuard(port, 50)} at ${vms()}`);
        // Closed with a job unanswered (the worker never answers a negative n).
        port.on("message", () => {});
        port.postMessage({ n: -1, ms: 0 });
        port.close();
        await time.sleep(time.Second);
        out.push(`closed, slept to ${vms()}`);
        // Unrefed with a job unanswered.
        const p2 = await portWorker();
        p2.port.on("message", () => {});
        p2.port.postMessage({ n: -1, ms: 0 });
        p2.port.unref();
        await time.sleep(time.Second);
        out.push(`unrefed, slept to ${vms()}`);
        p2.port.close();
        await p2.w.terminate();
        // The worker exits with the job unanswered: its end of the channel closes, and so does ours.
        const p3 = await portWorker();
        const closed = once(p3.port, "close");
        p3.port.on("message", () => {});
        p3.port.postMessage({ n: 0, ms: 0 });
        await time.sleep(time.Second);
        await closed;
        out.push(`worker exited, slept to ${vms()}`);
      } finally {
        await w.terminate();
      }
      return out;
    },
    { stallTimeout: 30_000 }, // a hang guard only: a worker can take seconds to start on a loaded machine
  );
  assert.deepEqual(got, [
    "10 at 0",
    "closed, slept to 1000",
    "unrefed, slept to 2000",
    "worker exited, slept to 3000",
  ]);
});

test("two bubbles at once, each with its own port: each job's reply beats its guard, and an idle bubble's sleep is not held by the other's job", async () => {
  const bubble = (n: number, ms: number) =>
    synctest.run(async () => {
      const { w, port } = await portWorker();
      try {
        port.postMessage({ n, ms });
        const reply = `${await replyOrGuard(port, 50)} at ${vms()}`;
        port.postMessage({ n, ms: 300 }); // in flight while the idle bubble sleeps: holds only this bubble
        const second = replyOrGuard(port, 5000);
        return [reply, `${await second} at ${vms()}`];
      } finally {
        port.close();
        await w.terminate();
      }
    });
  const idle = synctest.run(async () => {
    const { w, port } = await portWorker();
    try {
      port.on("message", () => {});
      await time.sleep(time.Second);
      return vms();
    } finally {
      port.close();
      await w.terminate();
    }
  });
  const got = await Promise.all([bubble(1, 100), bubble(2, 200), idle]);
  assert.deepEqual(got, [["2 at 0", "2 at 0"], ["4 at 0", "4 at 0"], 1000]);
});

test("a job the other end never answers holds time: the stall report names the port and what it waits for", async () => {
  const err = await synctest
    .run(
      async () => {
        const { port } = await portWorker();
        port.on("message", () => {});
        port.postMessage({ n: -1, ms: 0 });
        await time.sleep(time.Second);
      },
      { stallTimeout: 300 },
    )
    .then(
      () => null,
      (e: Error) => e,
    );
  assert.match(String(err?.message), /MESSAGEPORT \(message port: 1 message posted on it unanswered\)/);
});
