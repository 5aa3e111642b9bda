// The pain points users of sinon/jest/vitest fake timers report (docs/design/bubbles.md §5), one test each,
// showing how a bubble handles them.
import assert from "node:assert/strict";
import http from "node:http";
import { describe, test } from "node:test";
import { chan, go, io, time } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";

const vnow = () => Date.now() - 946684800000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("fake-timer pain points (docs/design/bubbles.md §5)", () => {
  test("§5.1 promises flush: a timer callback that awaits, then schedules, fires on time (no tickAsync)", async () => {
    const log = await synctest.run(async () => {
      const out: string[] = [];
      // Deno PR #7310: "a timer at 10 ms that awaits a resolved promise and then schedules a 10 ms
      // timeout ends up due at 30 ms". Here it is due at 20.
      setTimeout(async () => {
        await Promise.resolve();
        await null;
        setTimeout(() => out.push(`inner@${vnow()}`), 10);
      }, 10);
      // jest#9719 "nested promises": an async loop of awaits between timers.
      const loop = (async () => {
        for (let i = 0; i < 3; i++) {
          await Promise.resolve().then(() => Promise.resolve());
          await sleep(5);
          out.push(`loop ${i}@${vnow()}`);
        }
      })();
      await loop;
      await sleep(100);
      return out;
    });
    assert.deepEqual(log, ["loop 0@5", "loop 1@10", "loop 2@15", "inner@20"]);
  });

  test("§5.2 no ticking: the test never says how far to advance; time moves when everything waits", async () => {
    const got = await synctest.run(async () => {
      const results = chan<string>();
      go(async () => {
        await sleep(1500); // the code under test decides its own delays
        await results.send(`a@${vnow()}`);
      });
      go(async () => {
        await time.sleep(2 * time.Second);
        await results.send(`b@${vnow()}`);
      });
      return [await results.recv(), await results.recv()];
    });
    assert.deepEqual(got, ["a@1500", "b@2000"]);
  });

  test("§5.3 setInterval with more firings than jest's 100,000 loop limit runs to completion", async () => {
    const t0 = performance.now();
    const n = await synctest.run(async () => {
      let count = 0;
      await new Promise<void>((done) => {
        const iv = setInterval(() => {
          if (++count === 120_000) {
            clearInterval(iv);
            done();
          }
        }, 1000);
      });
      assert.equal(vnow(), 120_000_000); // 33 h 20 min of virtual time
      return count;
    });
    assert.equal(n, 120_000);
    console.log(`120,000 setInterval firings: ${Math.round(performance.now() - t0)} ms real`);
  });

  test("§5.3 an interval that never stops fails with a runaway report naming it — no silent loop", async () => {
    await assert.rejects(
      synctest.run(
        async () => {
          setInterval(() => {}, 10);
          await new Promise(() => {});
        },
        { maxClockAdvances: 200 },
      ),
      /runaway: more than 200 clock advances; 2000\.000ms of virtual time passed\n[\s\S]*setInterval every 10ms, next at 2010\.000ms, created at \S*peers\.test\.ts:\d+:\d+/,
    );
  });

  test("§5.4 performance.now, Date and AbortSignal.timeout are faked too, and timers made in the bubble before anything else", async () => {
    await synctest.run(async () => {
      // A client constructed first, with its own interval (vitest#6011: "timers created before install").
      const client = { beats: 0, iv: setInterval(() => client.beats++, 1000) };
      const p0 = performance.now();
      const signal = AbortSignal.timeout(2500);
      await new Promise((r) => signal.addEventListener("abort", r));
      assert.equal(performance.now() - p0, 2500);
      assert.equal(vnow(), 2500);
      assert.equal((signal.reason as Error).name, "TimeoutError");
      assert.equal(client.beats, 2);
      clearInterval(client.iv);
    });
  });

  test("§5.2/§5.6 hangs get an explanation: a deadlock is reported at once, naming who waits on what", async () => {
    // At once: a deadlock report (checkdead's), not the stall watchdog's (a real-time timeout).
    await assert.rejects(
      synctest.run(async () => {
        const done = chan<void>(0, "done");
        go(async () => {
          await sleep(10); // forgot to send on done
        });
        await done.recv();
      }),
      /deadlock: all goroutines in bubble are blocked\n\ngoroutine 1 \[chan receive\]:\n\ton done \(cap 0\)\ncreated by synctest\.run at \S*peers\.test\.ts/,
    );
  });

  test("§5.5 the world outside keeps real time: a real HTTP round trip and the runner's timers, while the bubble runs", async () => {
    const server = http.createServer((req, res) => setTimeout(() => res.end(`hi ${req.url}`), 20));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    try {
      const t0 = performance.now();
      // The server's own setTimeout(20) runs outside the bubble: real time, not the bubble's clock.
      const outside = fetch(`http://127.0.0.1:${port}/outside`).then((r) => r.text());
      const inside = await synctest.run(async () => {
        await time.sleep(48 * time.Hour);
        // Real I/O from inside: io() holds the bubble's time still while it is in flight.
        const body = await io(
          fetch(`http://127.0.0.1:${port}/inside`, { signal: AbortSignal.timeout(5000) }).then((r) =>
            r.text(),
          ),
        );
        return [body, vnow()];
      });
      assert.deepEqual(inside, ["hi /inside", 48 * 3_600_000]);
      assert.equal(await outside, "hi /outside");
      assert.ok(performance.now() - t0 >= 19, "the server's timer took real time");
    } finally {
      server.close();
    }
  });
});
