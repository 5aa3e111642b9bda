// Node's timer API in a bubble, detail by detail as the host has it: the errors for bad arguments, the
// warnings for delays Node sets to 1 ms, clearing by id, the Timeout and Immediate objects, the functions'
// names — each compared with what the same code gets outside any bubble.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as tp from "node:timers/promises";
import * as synctest from "../../../src/synctest.ts";

/** What f did: its return value's kind, or the code, class and message of what it threw or rejected with. */
async function outcome(f: () => unknown): Promise<string> {
  try {
    const v = await f();
    return `ok ${typeof v}`;
  } catch (e) {
    const err = e as { code?: string; name?: string; message?: string };
    return `${err.code ?? "-"} ${err.name} ${err.message}`;
  }
}

describe("Node's timer API in a bubble", () => {
  test("bad arguments get the host's own errors (code and message), and the bubble goes on", async () => {
    const cases: Record<string, () => unknown> = {
      "setTimeout(string)": () => setTimeout("1+1" as never, 10),
      "setInterval(null)": () => setInterval(null as never, 10),
      "setImmediate()": () => (setImmediate as (cb?: unknown) => unknown)(),
      "tp.setTimeout('abc')": () => tp.setTimeout("abc" as never),
      "tp.setTimeout with signal {}": () => tp.setTimeout(10, null, { signal: {} as AbortSignal }),
      "tp.setTimeout with ref 'x'": () => tp.setTimeout(10, null, { ref: "x" as never }),
      "tp.setTimeout with options 'opts'": () => tp.setTimeout(10, null, "opts" as never),
      "tp.setImmediate with signal 1": () => tp.setImmediate(null, { signal: 1 as never }),
      "tp.setInterval with signal {}": () => tp.setInterval(10, null, { signal: {} as AbortSignal }).next(),
      "AbortSignal.timeout('x')": () => AbortSignal.timeout("x" as never),
      "AbortSignal.timeout(-1)": () => AbortSignal.timeout(-1),
      "AbortSignal.timeout(1.5)": () => AbortSignal.timeout(1.5),
    };
    const host: string[] = [];
    for (const f of Object.values(cases)) host.push(await outcome(f));
    for (const h of host) assert.match(h, /^ERR_/); // each case is one Node refuses
    const inBubble = await synctest.run(async () => {
      const got: string[] = [];
      for (const f of Object.values(cases)) got.push(await outcome(f));
      await new Promise((r) => setTimeout(r, 20)); // no timer of a refused call fires meanwhile
      return got;
    });
    assert.deepEqual(inBubble, host);
  });

  test("a delay Node sets to 1 ms warns as on the host (TimeoutOverflowWarning)", async () => {
    const seen: string[] = [];
    const onWarning = (w: Error) => seen.push(`${w.name}: ${w.message.split("\n")[0]}`);
    process.on("warning", onWarning);
    try {
      const fired = await synctest.run(async () => {
        const t0 = Date.now();
        await new Promise((r) => setTimeout(r, 2 ** 31));
        await tp.setTimeout(Number.POSITIVE_INFINITY);
        return Date.now() - t0;
      });
      await new Promise((r) => setImmediate(r)); // warnings are emitted from a tick
      assert.equal(fired, 2); // each became 1 ms
      assert.deepEqual(seen, [
        "TimeoutOverflowWarning: 2147483648 does not fit into a 32-bit signed integer.",
        "TimeoutOverflowWarning: Infinity does not fit into a 32-bit signed integer.",
      ]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  test("clearTimeout and clearInterval take the id as a number or as its string", async () => {
    const fired = await synctest.run(async () => {
      const out: string[] = [];
      const t = setTimeout(() => out.push("timeout"), 10);
      const iv = setInterval(() => out.push("interval"), 10);
      const keep = setTimeout(() => out.push("kept"), 10);
      clearTimeout(String(+t) as never);
      clearInterval(`${+iv}` as never);
      clearTimeout(`0${+keep}` as never); // not a key Node's id table has: clears nothing
      await new Promise((r) => setTimeout(r, 50));
      return out;
    });
    assert.deepEqual(fired, ["kept"]);
  });

  test("clearTimeout and clearInterval leave an Immediate alone, and an Immediate has no id, as on the host", async () => {
    // In a bubble they cleared it, and `+immediate` was a timer id.
    const probe = async () => {
      const out: string[] = [];
      const im = setImmediate(() => out.push("immediate"));
      clearTimeout(im as never);
      clearInterval(im as never);
      out.push(`immediate id ${typeof (im as unknown as Record<symbol, unknown>)[Symbol.toPrimitive]}`);
      await new Promise((r) => setImmediate(r)); // runs after im (immediates run in order)
      return out;
    };
    const host = await probe();
    assert.deepEqual(host, ["immediate id undefined", "immediate"]);
    assert.deepEqual(await synctest.run(probe), host);
  });

  test("a fractional delay fires at the next whole ms, as Node's loop clock has it (1000 / 60 is 17 ms)", async () => {
    // Node keeps the fraction and fires a timer once its whole-ms loop clock is at least that far past
    // the whole ms it was armed at (lib/internal/timers.js listOnTimeout re-arms it while diff < msecs):
    // 16.67 ms fires at 17, never at 16, before the delay. The bubble truncated it to 16.
    const got = await synctest.run(async () => {
      const t0 = Date.now();
      const out: number[] = [];
      let n = 0;
      await new Promise<void>((resolve) => {
        const frame = () => (++n === 60 ? resolve() : setTimeout(frame, 1000 / 60));
        setTimeout(frame, 1000 / 60);
      });
      out.push(Date.now() - t0);
      for (const d of [1.5, 2.5, 10.2, 0.5]) {
        const t1 = performance.now();
        await new Promise((r) => setTimeout(r, d));
        out.push(performance.now() - t1);
      }
      const t2 = Date.now();
      await tp.setTimeout(2.5);
      out.push(Date.now() - t2);
      const t3 = Date.now();
      let k = 0;
      for await (const _ of tp.setInterval(2.5)) if (++k === 4) break;
      out.push(Date.now() - t3);
      return out;
    });
    assert.deepEqual(got, [1020, 2, 3, 11, 1, 3, 12]);
  });

  test("Timeout and Immediate objects: names, Symbol.dispose, _idleTimeout, _repeat, hasRef after running", async () => {
    const probe = async () => {
      const t = setTimeout(() => {}, 1234);
      const iv = setInterval(() => {}, 5);
      const im = setImmediate(() => {});
      const r = {
        timeout: t.constructor.name,
        immediate: im.constructor.name,
        idle: (t as unknown as { _idleTimeout: number })._idleTimeout,
        repeat: [
          (iv as unknown as { _repeat: unknown })._repeat,
          (t as unknown as { _repeat: unknown })._repeat,
        ],
        imRefBefore: im.hasRef(),
        names: [setTimeout.name, setInterval.name, setImmediate.name, clearTimeout.name],
        lengths: [setTimeout.length, setInterval.length, setImmediate.length],
        imRefAfter: false,
        disposed: "",
      };
      clearInterval(iv);
      clearTimeout(t);
      await new Promise((res) => setImmediate(res));
      r.imRefAfter = im.hasRef();
      let fired = false;
      const d = setTimeout(() => (fired = true), 5) as unknown as { [Symbol.dispose](): void };
      d[Symbol.dispose]();
      await new Promise((res) => setTimeout(res, 20));
      r.disposed = fired ? "fired" : "cleared";
      return r;
    };
    const host = await probe();
    assert.equal(host.disposed, "cleared");
    assert.deepEqual(await synctest.run(probe), host);
  });

  test("a timers/promises interval left running is reported at the user's line, not gort's", async () => {
    const e = await synctest
      .run(async () => {
        const it = tp.setInterval(100)[Symbol.asyncIterator]();
        await it.next(); // the interval is made here, inside the generator gort runs
      })
      .then(
        () => null,
        (err: Error) => err,
      );
    assert.ok(e !== null, "the bubble should fail on a running interval");
    assert.match(e.message, /setInterval every 100ms/);
    assert.match(e.message, /created at .*node-api\.test\.ts:\d+:\d+/);
    assert.doesNotMatch(e.message, /created at .*(fakes|nodetimers)\.(ts|js)/);
  });
});
