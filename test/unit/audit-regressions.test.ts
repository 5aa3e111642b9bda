// Regressions for the contract violations an audit of the public API found (2026-12-04): each test
// failed before its fix. A hang is a bug (something must report), a function that returns a promise
// never throws synchronously, and a stopped runtime's objects refuse to work rather than work wrongly.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  chan,
  errgroup,
  go,
  io,
  Mutex,
  numGoroutine,
  Once,
  Runtime,
  RWMutex,
  recv,
  select,
  time,
  WaitGroup,
} from "../../src/index.ts";

describe("audit regressions", () => {
  test("Runtime.stop while main runs: run() rejects instead of staying pending", async () => {
    for (const clock of ["fake", "real"] as const) {
      const rt = new Runtime({ clock });
      const p = rt.run(async () => {
        rt.stop();
        await time.sleep(1);
        return "after";
      });
      await assert.rejects(p, { message: "gort: Runtime.stop called before main returned" });
      assert.equal(rt.stopped, true);
    }
  });

  test("Runtime.stop from outside, main asleep: run() rejects; a stop after main returned changes nothing", async () => {
    const rt = new Runtime({ clock: "fake" });
    const p = rt.run(() => time.sleep(time.Hour));
    rt.stop();
    await assert.rejects(p, /Runtime\.stop called before main returned/);
    const done = new Runtime({ clock: "fake" });
    assert.equal(await done.run(() => 7), 7);
    done.stop();
    assert.equal(done.stopped, true);
  });
});

describe("audit regressions: promises never throw synchronously", () => {
  test("a goroutine function returning a thenable whose then throws panics the goroutine", async () => {
    const badThen = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable whose then throws, on purpose
      then() {
        throw new Error("then threw");
      },
    };
    const r = await new Runtime({ clock: "fake" })
      .run(async () => {
        go(() => badThen as unknown as Promise<void>);
        await time.sleep(1);
        return "ok";
      })
      .catch((e: Error) => e.message.split("\n")[0]);
    assert.equal(r, "panic: then threw");
    // A thenable calling back twice ends the goroutine once.
    const twice = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable calling back twice, on purpose
      then(ok: (v: unknown) => void) {
        ok(1);
        ok(2);
      },
    };
    const n = await new Runtime({ clock: "fake" }).run(async () => {
      go(() => twice as unknown as Promise<void>);
      await time.sleep(1);
      return numGoroutine();
    });
    assert.equal(n, 1);
  });

  test("io(thenable whose then throws) rejects, in a goroutine as outside", async () => {
    const badThen = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable whose then throws, on purpose
      then() {
        throw new Error("then threw");
      },
    } as unknown as PromiseLike<never>;
    await assert.rejects(io(badThen), /then threw/);
    const r = await new Runtime({ clock: "fake" }).run(async () => {
      const p = io(badThen);
      return p.then(
        () => "resolved",
        (e: Error) => e.message,
      );
    });
    assert.equal(r, "then threw");
  });

  test("promise-returning methods taken off their object reject with a TypeError", async () => {
    const c = chan<number>(1);
    const calls: [string, () => Promise<unknown>][] = [
      ["Chan.send", () => Reflect.apply(c.send, undefined, [1])],
      ["Chan.recv", () => Reflect.apply(c.recv, undefined, [])],
      ["Chan.recvOk", () => Reflect.apply(c.recvOk, undefined, [])],
      ["Once.do", () => Reflect.apply(new Once().do, undefined, [() => {}])],
      ["errgroup.Group.go", () => Reflect.apply(new errgroup.Group().go, undefined, [() => null])],
      ["Runtime.run", () => Reflect.apply(new Runtime().run, undefined, [() => 1])],
      ["Mutex.lock", () => Reflect.apply(new Mutex().lock, undefined, [])],
      ["RWMutex.rlock", () => Reflect.apply(new RWMutex().rlock, undefined, [])],
      ["WaitGroup.wait", () => Reflect.apply(new WaitGroup().wait, undefined, [])],
    ];
    for (const [who, call] of calls) {
      let p: Promise<unknown> | undefined;
      assert.doesNotThrow(() => {
        p = call();
      }, who);
      await assert.rejects(
        p!,
        (e: Error) => e instanceof TypeError && e.message.startsWith(`${who}: called on`),
      );
    }
    // The channel lost nothing: the send above never happened.
    assert.equal(c.len, 0);
  });
});

describe("audit regressions: a stopped runtime's timer channels", () => {
  test("receiving from a timer's channel after its runtime stopped rejects; select and tryRecv throw", async () => {
    const [t, tk] = await new Runtime({ clock: "fake" }).run(
      () => [time.newTimer(time.Second), time.newTicker(time.Second)] as const,
    );
    const stopped = /runtime used after it stopped/;
    await assert.rejects(t.c.recv(), stopped);
    await assert.rejects(tk.c.recvOk(), stopped);
    await assert.rejects(select([recv(t.c), recv(tk.c)] as const), stopped);
    assert.throws(() => t.c.tryRecv(), stopped);
  });
});

describe("audit regressions: a forgotten await", () => {
  test("a goroutine returning while parked on a send it did not await panics with a missing-await report", async () => {
    for (const variant of ["lock", "sleep0"]) {
      const r = await new Runtime({ clock: "fake" })
        .run(async () => {
          const c = chan<number>();
          const mu = new Mutex();
          const done = chan<void>();
          go(async () => {
            void c.send(1); // forgotten await: parked on the send
            if (variant === "lock")
              await mu.lock(); // completes at once: no check on the way
            else await time.sleep(0);
            done.close();
          });
          await done.recv();
          await time.sleep(time.Millisecond); // the goroutine's function returns meanwhile
          return await c.recv();
        })
        .then(
          () => "resolved",
          (e: Error) => e.message.split("\n")[0],
        );
      const what = variant === "gosched" ? "blocking call" : "chan send";
      assert.equal(
        r,
        `panic: goroutine 2 returned while its ${what} was not awaited — missing await?`,
        variant,
      );
    }
  });
});

describe("audit regressions: timers at the end of time (docs/deviations.md)", () => {
  test("under the fake clock, a sleep that can never end with nothing else to run is Go's deadlock report", async () => {
    for (const d of [2 ** 63, Number.POSITIVE_INFINITY]) {
      const err = await new Runtime({ clock: "fake" })
        .run(() => time.sleep(d))
        .then(
          () => null,
          (e: Error & { report?: string }) => e,
        );
      assert.ok(err !== null, `sleep(${d}) returned`);
      assert.match(
        err.report ?? "",
        /^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \[sleep\]:/,
      );
    }
  });
});
