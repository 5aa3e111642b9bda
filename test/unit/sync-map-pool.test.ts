// SyncMap (Go's sync.Map), Pool (sync.Pool) and onceValues (sync.OnceValues) beyond their Go oracle twins
// (sync_map_ops, sync_once_values_pool, sync_pool_order): result shapes, range's visiting rules, Pool's
// bound, order and per-P lists, and bad input.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { onceValues, Pool, Runtime, SyncMap, time, WaitGroup } from "../../src/index.ts";
import { getg } from "../../src/internal/runtime/getg.ts";

describe("SyncMap", () => {
  test("results are Go's pairs as objects, discriminated by the boolean", () => {
    const m = new SyncMap<string, number>();
    assert.deepEqual(m.load("a"), { value: undefined, ok: false });
    m.store("a", 1);
    const r = m.load("a");
    if (!r.ok) assert.fail("a is stored");
    const n: number = r.value; // narrowed by ok
    assert.equal(n, 1);
    assert.deepEqual(m.loadOrStore("b", 2), { actual: 2, loaded: false });
    assert.deepEqual(m.loadOrStore("b", 3), { actual: 2, loaded: true });
    assert.deepEqual(m.swap("b", 4), { previous: 2, loaded: true });
    assert.deepEqual(m.swap("c", 5), { previous: undefined, loaded: false });
    assert.deepEqual(m.loadAndDelete("c"), { value: 5, loaded: true });
    assert.deepEqual(m.loadAndDelete("c"), { value: undefined, loaded: false });
  });

  test("compareAndSwap and compareAndDelete compare with ===: objects by identity, NaN never", () => {
    const o = { x: 1 };
    const m = new SyncMap<string, unknown>();
    m.store("o", o);
    assert.equal(m.compareAndSwap("o", { x: 1 }, 2), false);
    assert.equal(m.compareAndSwap("o", o, 2), true);
    assert.equal(m.load("o").value, 2);
    m.store("nan", Number.NaN);
    assert.equal(m.compareAndDelete("nan", Number.NaN), false);
    assert.equal(m.load("nan").ok, true);
    m.store("u", undefined);
    assert.equal(m.compareAndDelete("missing", undefined), false, "a missing key is not undefined");
    assert.equal(m.compareAndDelete("u", undefined), true);
    assert.equal(m.load("u").ok, false);
  });

  test("range: insertion order, keys deleted before their turn skipped, new keys not visited", () => {
    const m = new SyncMap<number, string>();
    for (let i = 0; i < 5; i++) m.store(i, `v${i}`);
    const seen: string[] = [];
    m.range((k, v) => {
      seen.push(`${k}=${v}`);
      if (k === 0) {
        m.delete(2);
        m.store(3, "new3");
        m.delete(4);
        m.store(4, "again4"); // deleted and stored again: visited once, with its new value
        m.store(9, "v9");
      }
      return true;
    });
    assert.deepEqual(seen, ["0=v0", "1=v1", "3=new3", "4=again4"]);
    let calls = 0;
    m.range(() => {
      calls++;
      return false;
    });
    assert.equal(calls, 1, "false stops the range");
    m.clear();
    m.range(() => assert.fail("cleared"));
    assert.throws(() => m.range(null as unknown as () => boolean), TypeError);
  });

  test("no internals on the instance", () => {
    const m = new SyncMap<string, number>();
    m.store("a", 1);
    assert.deepEqual(Object.keys(m), []);
    assert.deepEqual(Object.getOwnPropertySymbols(m), []);
  });
});

describe("Pool", () => {
  test("get takes the private value (the first put into an empty pool), then the last put, then calls new; without new, undefined", () => {
    let made = 0;
    const p = new Pool({ new: () => ({ id: `new${++made}` }) });
    const a = { id: "a" };
    const b = { id: "b" };
    const c = { id: "c" };
    p.put(a);
    p.put(b);
    p.put(c);
    assert.equal(p.get(), a, "Go's order: the private slot first");
    assert.equal(p.get(), c);
    assert.equal(p.get(), b);
    assert.deepEqual(p.get(), { id: "new1" });
    assert.equal(made, 1);
    const q = new Pool<number>();
    assert.equal(q.get(), undefined);
    q.put(0);
    assert.equal(q.get(), 0, "0 is a value, not Go's nil");
  });

  test("put drops null, undefined and values beyond max", () => {
    const p = new Pool<string | null | undefined>({ max: 2 });
    p.put(null);
    p.put(undefined);
    assert.equal(p.get(), undefined);
    p.put("x");
    p.put("y");
    p.put("z"); // full: dropped
    assert.equal(p.get(), "x");
    assert.equal(p.get(), "y");
    assert.equal(p.get(), undefined);
    const none = new Pool<string>({ max: 0 });
    none.put("x");
    assert.equal(none.get(), undefined);
    const big = new Pool<number>({ max: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 2000; i++) big.put(i);
    let n = 0;
    while (big.get() !== undefined) n++;
    assert.equal(n, 2000);
    const dflt = new Pool<number>();
    for (let i = 0; i < 2000; i++) dflt.put(i);
    n = 0;
    while (dflt.get() !== undefined) n++;
    assert.equal(n, 1024, "the default bound");
  });

  test("values put on one P are got on others (their shared lists): nothing twice (4 Ps)", async () => {
    const p = new Pool<number>();
    const got: number[] = [];
    const ps = new Set<number | undefined>();
    await new Runtime({ clock: "fake", procs: 4, seed: 7 }).run(async () => {
      const wg = new WaitGroup();
      for (let g = 0; g < 8; g++)
        wg.go(async () => {
          for (let i = 0; i < 5; i++) {
            ps.add(getg()?.rt.curP?.id);
            p.put(g * 10 + i);
            await time.sleep(time.Millisecond);
          }
        });
      await wg.wait();
      const done = new WaitGroup();
      for (let g = 0; g < 4; g++)
        done.go(async () => {
          for (let v = p.get(); v !== undefined; v = p.get()) {
            got.push(v);
            await time.sleep(time.Millisecond);
          }
        });
      await done.wait();
    });
    assert.ok(ps.size > 1, "the goroutines ran on more than one P");
    // Every value got was put, none twice; only a P's private value is invisible to the others (Go's
    // getSlow steals shared lists only), so at most one value per P is left behind.
    const put = new Set(Array.from({ length: 40 }, (_, k) => Math.floor(k / 5) * 10 + (k % 5)));
    assert.equal(new Set(got).size, got.length, "no value got twice");
    for (const v of got) assert.ok(put.has(v), `${v} was put`);
    assert.ok(got.length >= 40 - 4, `got ${got.length} of 40`);
  });

  test("bad options: TypeError and RangeError", () => {
    assert.throws(() => new Pool({ new: 5 as unknown as () => number }), TypeError);
    assert.throws(() => new Pool({ max: -1 }), RangeError);
    assert.throws(() => new Pool({ max: 1.5 }), RangeError);
    assert.throws(() => new Pool({ max: Number.NaN }), RangeError);
    assert.deepEqual(Object.keys(new Pool()), []);
  });
});

describe("onceValues", () => {
  test("every call gets its own pair; f runs once", async () => {
    let calls = 0;
    const o = { n: 1 };
    const g = onceValues(() => {
      calls++;
      return [o, "x"] as [typeof o, string];
    });
    const r1 = await g();
    const r2 = await g();
    assert.deepEqual(r1, [o, "x"]);
    assert.notEqual(r1, r2, "a new array per call");
    assert.equal(r1[0], r2[0]);
    r1[1] = "changed";
    assert.equal((await g())[1], "x");
    assert.equal(calls, 1);
  });

  test("a throwing or rejecting f rejects every call with the same error", async () => {
    const boom = new Error("boom");
    let calls = 0;
    const g = onceValues(async (): Promise<[number, number]> => {
      calls++;
      throw boom;
    });
    await assert.rejects(g(), (e) => e === boom);
    await assert.rejects(g(), (e) => e === boom);
    assert.equal(calls, 1);
  });

  test("bad input", async () => {
    assert.throws(() => onceValues(null as unknown as () => [number, number]), TypeError);
    const g = onceValues(() => 5 as unknown as [number, number]);
    await assert.rejects(g(), TypeError);
    await assert.rejects(g(), TypeError);
  });
});
