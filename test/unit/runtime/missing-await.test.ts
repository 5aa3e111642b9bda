// A goroutine that starts a blocking call and goes on without awaiting it panics at its next gort call,
// naming both ("missing await?"), under the fake and the real clock and in bubbles; callbacks a goroutine
// registered and that run while it is parked stay outside code, as before.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, go, gosched, Mutex, Runtime, time, WaitGroup } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";

async function panicOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message.split("\n")[0];
  }
  return "no panic";
}

for (const clock of ["fake", "real"] as const) {
  describe(`missing await, ${clock} clock`, () => {
    test("an un-awaited Mutex.lock, then a sleep: the classic lost update", async () => {
      const rt = new Runtime({ clock, procs: 1 });
      const msg = await panicOf(
        rt.run(async () => {
          const mu = new Mutex();
          // Main holds the lock while the goroutines start, so each one's lock() parks whatever the clock
          // does. (Before, the first goroutine to run took it and slept 1 ms: on the real clock a loaded
          // machine could end that sleep before the next goroutine ran, and its lock() then did not park.)
          await mu.lock();
          let counter = 0;
          const wg = new WaitGroup();
          for (let i = 0; i < 3; i++) {
            wg.add(1);
            go(async () => {
              mu.lock(); // forgot await
              counter++;
              await time.sleep(time.Millisecond);
              mu.unlock();
              wg.done();
            });
          }
          await wg.wait();
          return counter;
        }),
      );
      // The first goroutine to run parks in lock() (main holds it), goes on and sleeps.
      assert.match(
        msg,
        /^panic: goroutine \d called time\.sleep while its sync\.Mutex\.Lock was not awaited — missing await\?$/,
      );
    });

    test("an un-awaited send, then time.now", async () => {
      const rt = new Runtime({ clock, procs: 1 });
      const msg = await panicOf(
        rt.run(async () => {
          const c = chan<number>();
          const done = chan<void>();
          go(async () => {
            c.send(1); // forgot await
            time.now();
            await done.send();
          });
          await done.recv();
        }),
      );
      assert.equal(
        msg,
        "panic: goroutine 2 called time.now while its chan send was not awaited — missing await?",
      );
    });

    test("two blocking calls at once from one goroutine (Promise.all of sends)", async () => {
      const rt = new Runtime({ clock, procs: 1 });
      const msg = await panicOf(
        rt.run(async () => {
          const a = chan<number>();
          const b = chan<number>();
          go(async () => {
            await Promise.all([a.send(1), b.send(2)]);
          });
          // Not a sleep: on the real clock a loaded machine can end a 1 ms sleep before the goroutine runs,
          // and main's receive then meets the first send (no panic). Yielding lets the goroutine run first.
          await gosched(); // neither send finds a receiver
          await a.recv();
          await b.recv();
        }),
      );
      assert.match(
        msg,
        /^panic: goroutine 2 called \S+ while its chan send was not awaited — missing await\?$/,
      );
    });
  });
}

describe("missing await in a bubble, and what is no mistake", () => {
  test("in a bubble: the run rejects with gort's panic", async () => {
    const msg = await panicOf(
      synctest.run(async () => {
        const c = chan<number>();
        go(async () => {
          c.recv(); // forgot await
          await time.sleep(time.Second);
        });
        await time.sleep(time.Minute);
      }),
    );
    assert.match(
      msg,
      /^panic: goroutine 2 called time\.sleep while its chan receive was not awaited — missing await\?/,
    );
  });

  test("a callback registered before parking runs later as outside code, no panic", async () => {
    const got = await synctest.run(async () => {
      const c = chan<number>(1);
      const done = chan<number>();
      go(async () => {
        Promise.resolve().then(() => c.trySend(7)); // runs after the goroutine parked below
        const t = setTimeout(() => c.trySend(8), 10);
        await done.send((await c.recv()) ?? -1);
        // Left pending, it would fire after the bubble, outside it: a send on the bubble's channel panics.
        clearTimeout(t);
      });
      return await done.recv();
    });
    assert.equal(got, 7);
  });
});
