// A goroutine starts in the async context of the code that started it, as a Node callback does: the
// creator's AsyncLocalStorage values reach it (go(), and a bubble's setTimeout/setInterval/setImmediate
// callbacks, which Node runs in the context of the call that armed them), and it is still itself.
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { describe, test } from "node:test";
import { chan, go, Runtime } from "../../../src/index.ts";
import { getg } from "../../../src/internal/runtime/getg.ts";
import { startStats } from "../../../src/internal/runtime/newproc.ts";
import * as synctest from "../../../src/synctest.ts";
import * as time from "../../../src/time.ts";

const als = new AsyncLocalStorage<string>();

describe("go() carries the creator's AsyncLocalStorage context", () => {
  for (const procs of [1, 4]) {
    test(`each goroutine sees the value current at its go() call, after blocking too (procs ${procs})`, async () => {
      const got = await new Runtime({ procs, clock: "fake", seed: 7 }).run(async () => {
        const out = chan<string>();
        for (const req of ["r1", "r2", "r3"])
          als.run(req, () =>
            go(async () => {
              const before = als.getStore();
              await time.sleep(time.Millisecond); // parks: resumes as itself, in its own context
              await out.send(`${before}/${als.getStore()}`);
            }),
          );
        const seen: string[] = [];
        for (let i = 0; i < 3; i++) seen.push((await out.recv())!);
        return seen.sort();
      });
      assert.deepEqual(got, ["r1/r1", "r2/r2", "r3/r3"]);
    });
  }

  test("a goroutine started outside any als.run sees no value, even if started while another runs in one", async () => {
    // The goroutine starts when its parent parks, inside als.run("parent"): it must not see that.
    const seen = await new Runtime({}).run(async () => {
      const out = chan<string>();
      go(async () => void (await out.send(String(als.getStore()))));
      return als.run("parent", () => out.recv());
    });
    assert.equal(seen, "undefined");
  });

  test("time.afterFunc's goroutine sees the context of the afterFunc call, then of the reset that re-arms it", async () => {
    const got = await new Runtime({ clock: "fake" }).run(async () => {
      const out = chan<string>(1);
      const t = als.run("armed", () =>
        time.afterFunc(time.Second, () => out.trySend(String(als.getStore()))),
      );
      const first = await out.recv();
      als.run("reset", () => t.reset(time.Second));
      return [first, await out.recv()];
    });
    assert.deepEqual(got, ["armed", "reset"]);
  });

  test("a goroutine's child starts from the empty context when its creator's holds only the goroutine (Node 24+), else from the creator's", async () => {
    // Node 24+: the child's frame is made from nothing instead of copying the creator's (newproc.ts:
    // onlyGoroutine); what every child sees must not change: itself, and its creator's other values.
    const before = startStats.fromEmpty;
    const got = await new Runtime({ procs: 2 }).run(async () => {
      const out = chan<string>();
      const plain = 50;
      for (let i = 0; i < plain; i++)
        go(async (k: number) => {
          const me = getg();
          await time.sleep(time.Microsecond);
          await out.send(`${k}:${als.getStore()}:${getg() === me && me !== null}`);
        }, i);
      als.run("kept", () =>
        go(async () => {
          await time.sleep(time.Microsecond);
          await out.send(`kept:${als.getStore()}`);
        }),
      );
      als.enterWith("entered"); // the main goroutine's own context now holds a value of the program's
      go(async () => void (await out.send(`entered:${als.getStore()}`)));
      const seen: string[] = [];
      for (let i = 0; i < plain + 2; i++) seen.push((await out.recv())!);
      return seen.sort();
    });
    const want = [
      ...Array.from({ length: 50 }, (_, k) => `${k}:undefined:true`),
      "entered:entered",
      "kept:kept",
    ];
    assert.deepEqual(got, want.sort());
    const fromEmpty = startStats.fromEmpty - before;
    // The 50 plain children, and main too if the test's own context holds no value; never "kept"/"entered".
    if (Number(process.versions.node.split(".")[0]) >= 24) assert.ok(startStats.possible);
    if (startStats.possible)
      assert.ok(fromEmpty === 50 || fromEmpty === 51, `${fromEmpty} starts from the empty context`);
    else assert.equal(fromEmpty, 0);
  });

  test("a pending afterFunc keeps the shared empty context when its caller's holds only a goroutine (Node 24+)", async () => {
    const got = await new Runtime({ clock: "fake" }).run(async () => {
      const out = chan<string>(20);
      const before = startStats.shared;
      for (let i = 0; i < 10; i++) time.afterFunc(time.Second, () => out.trySend(`plain:${als.getStore()}`));
      const plainShared = startStats.shared - before;
      als.run("ctx", () => {
        for (let i = 0; i < 10; i++) time.afterFunc(time.Second, () => out.trySend(`ctx:${als.getStore()}`));
      });
      const ctxShared = startStats.shared - before - plainShared;
      const seen: string[] = [];
      for (let i = 0; i < 20; i++) seen.push((await out.recv())!);
      return { plainShared, ctxShared, seen: seen.sort() };
    });
    assert.deepEqual(got.seen, [...Array(10).fill("ctx:ctx"), ...Array(10).fill("plain:undefined")]);
    assert.equal(got.plainShared, startStats.possible ? 10 : 0);
    assert.equal(got.ctxShared, 0);
  });

  test("the main goroutine sees the context of Runtime.run's caller", async () => {
    const v = await als.run("caller", () => new Runtime({}).run(async () => als.getStore()));
    assert.equal(v, "caller");
  });
});

describe("a bubble's host-style timer callbacks run in the context of the call that armed them (as Node)", () => {
  function scenario(out: string[], done: () => void): void {
    als.run("timeout", () => setTimeout(() => out.push(`timeout:${als.getStore()}`), 10));
    als.run("immediate", () => setImmediate(() => out.push(`immediate:${als.getStore()}`)));
    let n = 0;
    als.run("interval", () => {
      const h = setInterval(() => {
        out.push(`interval:${als.getStore()}`);
        als.enterWith("changed by the callback"); // Node 24+: not seen by the next firing; Node 20: seen
        if (++n === 3) {
          clearInterval(h);
          done();
        }
      }, 20);
    });
  }

  test("setTimeout, setImmediate and each firing of setInterval: the same values as Node's own timers", async () => {
    const node: string[] = [];
    await new Promise<void>((done) => scenario(node, done));
    const bubble: string[] = [];
    await synctest.run(() => new Promise<void>((done) => scenario(bubble, done)));
    // Each callback's values (the order of the immediate against the timers is not the point here).
    assert.ok(node.includes("immediate:immediate") && node.includes("timeout:timeout"), node.join());
    assert.equal(node.filter((x) => x.startsWith("interval:")).length, 3);
    assert.deepEqual([...bubble].sort(), [...node].sort());
  });

  test("a timeout refreshed after it fired runs again in the context of the refresh (as Node)", async () => {
    const run = async (wait: (ms: number) => Promise<unknown>) => {
      const out: string[] = [];
      const t = als.run("armed", () => setTimeout(() => out.push(String(als.getStore())), 5));
      await wait(10);
      als.run("refreshed", () => t.refresh());
      await wait(10);
      return out;
    };
    const node = await run((ms) => new Promise((r) => setTimeout(r, ms)));
    let bubble: string[] = [];
    await synctest.run(async () => {
      bubble = await run((ms) => new Promise((r) => setTimeout(r, ms)));
    });
    assert.deepEqual(node, ["armed", "refreshed"]);
    assert.deepEqual(bubble, node);
  });
});
