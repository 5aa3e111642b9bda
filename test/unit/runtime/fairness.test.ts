// Host fairness (proc.ts hostSliceNs): however busy its goroutines are, a runtime lets the host event loop
// turn at least every ~10 ms of work, so I/O callbacks, outside timers and goroutines woken by outside
// code are served. Bounded by operations, not time: without the rule the loop below would run 4M
// operations (4096 resumptions × 1024-operation preemption slices) before the host's first turn.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan, context, errgroup, go, Runtime, semaphore, time } from "../../../src/index.ts";
import { hostSetImmediate } from "../../../src/internal/host.ts";

const bound = 2_000_000;

for (const clock of ["real", "fake"] as const) {
  describe(`host fairness, ${clock} clock`, () => {
    test("a goroutine that never blocks (a buffered channel loop) lets a host macrotask run", async () => {
      const rt = new Runtime({ clock });
      const seen = await rt.run(async () => {
        const c = chan<number>(1);
        let ops = 0;
        let hostRanAt = -1;
        hostSetImmediate(() => {
          hostRanAt = ops;
        });
        while (hostRanAt < 0 && ops < bound) {
          await c.send(ops);
          await c.recv();
          ops += 2;
        }
        return hostRanAt;
      });
      assert.ok(seen >= 0, `the host loop did not turn during ${bound} channel operations`);
    });

    test("a goroutine woken by outside code runs while two goroutines ping-pong", async () => {
      const rt = new Runtime({ clock, procs: 1 });
      const rounds = await rt.run(async () => {
        const ping = chan<number>();
        const pong = chan<number>();
        const woken = chan<void>(1);
        let n = 0;
        let wokenAt = -1;
        go(async () => {
          for (;;) await pong.send(((await ping.recv()) ?? 0) + 1);
        });
        go(async () => {
          await woken.recv();
          wokenAt = n;
        });
        // Outside code (a host macrotask) wakes a goroutine.
        hostSetImmediate(() => woken.trySend(undefined));
        while (wokenAt < 0 && n < bound / 4) {
          await ping.send(n);
          await pong.recv();
          n++;
        }
        return wokenAt;
      });
      assert.ok(rounds >= 0, `the woken goroutine did not run during ${bound / 4} ping-pong rounds`);
    });
  });
}

describe("host fairness, fake clock, by real time", () => {
  test("resumptions that each take ≥ 1 real ms: the host loop turns within ~10 ms, not after 65,536 of them", async () => {
    // Each resumption busy-waits 1 ms of real time, so 200 of them take ≥ 200 ms: the host loop must turn
    // at least every 32 resumptions (the clock is read every 32nd), ≥ 5 times (3 asserted). Count-only
    // fairness would give it no turn before the 65,536th (proc.ts fakeBurstLimit). A loaded machine only makes each resumption slower: more turns.
    const rt = new Runtime({ clock: "fake", procs: 1 });
    let turns = 0;
    let on = true;
    const spin = () => {
      turns++;
      if (on) hostSetImmediate(spin);
    };
    hostSetImmediate(spin);
    const busy = () => {
      const end = performance.now() + 1;
      while (performance.now() < end) {}
    };
    const seenBy = await rt.run(async () => {
      const ping = chan<number>();
      const pong = chan<number>();
      go(async () => {
        for (;;) {
          const v = (await ping.recv()) ?? 0;
          busy();
          await pong.send(v + 1);
        }
      });
      const before = turns;
      for (let i = 0; i < 100; i++) {
        await ping.send(i);
        busy();
        await pong.recv();
      }
      return turns - before;
    });
    on = false;
    assert.ok(seenBy >= 3, `the host loop turned ${seenBy} times during 200 resumptions of ≥ 1 ms`);
  });
});

// Every call that can complete at once counts as a non-blocking operation for preemption (getg.ts
// maybePreempt), so a loop of them yields to other goroutines and to the host as a channel loop does. A
// time.sleep(0) loop used to return a settled promise forever: no goroutine, host timer, watchdog or runner
// timeout ran again.
describe("loops of calls that complete at once yield", () => {
  const loops: Record<string, () => Promise<unknown>> = {
    "time.sleep(0)": () => time.sleep(0),
    "time.sleep(-1)": () => time.sleep(-1),
    "semaphore acquire + release": (() => {
      const sem = new semaphore.Weighted(1);
      return async () => {
        await sem.acquire(context.background(), 1);
        sem.release(1);
      };
    })(),
    "errgroup.go without a limit": (() => {
      const g = new errgroup.Group();
      return () => g.go(() => {});
    })(),
  };
  for (const clock of ["real", "fake"] as const)
    for (const [name, op] of Object.entries(loops)) {
      // errgroup.go starts a goroutine per call, and the fake clock preempts after 65,536 calls: with
      // invariant checking on (every mutation checks every goroutine), that is quadratic — 40 minutes on a
      // loaded 2-CPU machine. Its preemption count is the same code on both clocks; the real clock covers it.
      if (clock === "fake" && name.startsWith("errgroup")) continue;
      test(`${name}, ${clock} clock: another goroutine and a host macrotask run`, async () => {
        const rt = new Runtime({ clock, procs: 1 });
        const [goroutineAt, hostAt] = await rt.run(async () => {
          let ops = 0;
          let goroutineRanAt = -1;
          let hostRanAt = -1;
          go(async () => {
            goroutineRanAt = ops;
          });
          hostSetImmediate(() => {
            hostRanAt = ops;
          });
          while ((goroutineRanAt < 0 || hostRanAt < 0) && ops < bound) {
            await op();
            ops++;
          }
          return [goroutineRanAt, hostRanAt];
        });
        assert.ok(goroutineAt >= 0, `another goroutine did not run during ${bound} calls`);
        assert.ok(hostAt >= 0, `the host loop did not turn during ${bound} calls`);
      });
    }
});
