// A host-style timer callback (setTimeout & co. inside a bubble) that awaits: it waits for what the
// goroutine its timer was charged to waits for (nodetimers.ts f3), so awaiting a timer it set, or work a
// heartbeat setInterval finishes, lets virtual time run instead of holding it like real I/O.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleepP } from "node:timers/promises";
import * as synctest from "../../../src/synctest.ts";

const epochMs = 946684800000;
const vnow = () => Date.now() - epochMs;

/** A limiter in the shape of the common ones: jobs start from a setTimeout(…, 0) and wait for tokens a heartbeat hands out. */
class Limiter {
  private readonly queue: (() => void)[] = [];
  private hb: ReturnType<typeof setInterval> | null = null;
  constructor(
    private readonly perBeat: number,
    private readonly beatMs: number,
    lazy: boolean,
  ) {
    if (!lazy) this.start();
  }
  private start() {
    this.hb = setInterval(() => {
      for (let i = 0; i < this.perBeat && this.queue.length > 0; i++) this.queue.shift()!();
    }, this.beatMs);
  }
  schedule<T>(job: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      setTimeout(async () => {
        if (this.hb === null) this.start(); // created by the callback: charged to its owner
        await new Promise<void>((r) => this.queue.push(r));
        try {
          resolve(await job());
        } catch (e) {
          reject(e);
        }
      }, 0),
    );
  }
  stop() {
    if (this.hb !== null) clearInterval(this.hb);
  }
}

for (const procs of [1, 4]) {
  describe(`callbacks that await, procs ${procs}`, () => {
    test("a setTimeout callback awaiting its own timer finishes at exactly 1100 ms (it stalled at 1000)", async () => {
      const got = await synctest.run(
        async () => {
          await new Promise<void>((done) =>
            setTimeout(async () => {
              await new Promise((r) => setTimeout(r, 100)); // Node: done at 1100 ms
              done();
            }, 1000),
          );
          return vnow();
        },
        { procs },
      );
      assert.equal(got, 1100);
    });

    test("nested: callbacks of callbacks awaiting timers/promises and timers", async () => {
      const log = await synctest.run(
        async () => {
          const out: string[] = [];
          await new Promise<void>((done) =>
            setTimeout(async () => {
              await sleepP(50);
              out.push(`a@${vnow()}`);
              setTimeout(async () => {
                await new Promise((r) => setTimeout(r, 25));
                out.push(`b@${vnow()}`);
                done();
              }, 10);
            }, 100),
          );
          return out;
        },
        { procs },
      );
      assert.deepEqual(log, ["a@150", "b@185"]);
    });

    for (const lazy of [false, true]) {
      test(`a rate limiter: setTimeout(…, 0) jobs waiting for a heartbeat setInterval's tokens${lazy ? " (heartbeat started by a job)" : ""}`, async () => {
        const got = await synctest.run(
          async () => {
            const limiter = new Limiter(2, 100, lazy);
            const done = await Promise.all(
              [1, 2, 3, 4, 5].map((i) => limiter.schedule(async () => `job ${i}@${vnow()}`)),
            );
            limiter.stop();
            return done;
          },
          { procs },
        );
        // a lazy heartbeat starts with the first job, at 1 ms (setTimeout(…, 0) is 1 ms, as in Node)
        const at = lazy ? [101, 101, 201, 201, 301] : [100, 100, 200, 200, 300];
        assert.deepEqual(
          got,
          at.map((t, i) => `job ${i + 1}@${t}`),
        );
      });
    }
  });
}
