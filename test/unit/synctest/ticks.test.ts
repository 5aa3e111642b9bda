// process.nextTick inside a bubble's host-style timer callback: the ticks run when the callback's
// synchronous part returns (nested ones too), before any promise job it queued — the same order as Node,
// checked against Node itself in the same process.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as synctest from "../../../src/synctest.ts";

function scenario(log: string[], done: () => void): void {
  setTimeout(() => {
    Promise.resolve().then(() => log.push("p1"));
    process.nextTick(() => {
      log.push("t1");
      process.nextTick(() => log.push("t1.1"));
      Promise.resolve().then(() => log.push("p-from-t1"));
    });
    queueMicrotask(() => log.push("q1"));
    process.nextTick(() => log.push("t2"));
    log.push("cb");
  }, 5);
  setTimeout(() => {
    log.push("second");
    done();
  }, 5);
}

test("ticks, microtasks and the next callback come in Node's order", async () => {
  const node: string[] = [];
  await new Promise<void>((d) => scenario(node, d));
  const bubble: string[] = [];
  await synctest.run(() => new Promise<void>((d) => scenario(bubble, d)));
  assert.deepEqual(node, ["cb", "t1", "t2", "t1.1", "p1", "q1", "p-from-t1", "second"]);
  assert.deepEqual(bubble, node);
});

test("a tick that throws fails the bubble with that error, and the next callback does not run", async () => {
  const log: string[] = [];
  const boom = new Error("tick boom");
  await assert.rejects(
    synctest.run(
      () =>
        new Promise<void>((done) => {
          setTimeout(
            () =>
              process.nextTick(() => {
                throw boom;
              }),
            5,
          );
          setTimeout(() => {
            log.push("second");
            done();
          }, 10);
        }),
    ),
    (e) => e === boom,
  );
  assert.deepEqual(log, []);
});
