// Twin of test/conformance/go/sync_map_ops: SyncMap's methods and their results; range stopping early and
// while f stores and deletes keys; === comparisons (NaN never equal, 0 equals -0).
import { SyncMap } from "../../../src/index.ts";
import { println } from "./harness.ts";

function contents(m: SyncMap<unknown, unknown>): string {
  const kv: string[] = [];
  m.range((k, v) => {
    kv.push(`${k}=${v ?? "<nil>"}`);
    return true;
  });
  kv.sort();
  return `[${kv.join(" ")}]`;
}

export async function main(): Promise<void> {
  const m = new SyncMap<unknown, unknown>();
  let r: { value: unknown; ok: boolean } = m.load("a");
  println("Load a:", r.value, r.ok);
  m.store("a", 1);
  r = m.load("a");
  println("Load a:", r.value, r.ok);
  let los = m.loadOrStore("a", 2);
  println("LoadOrStore a 2:", los.actual, los.loaded);
  los = m.loadOrStore("b", 2);
  println("LoadOrStore b 2:", los.actual, los.loaded);
  let sw: { previous: unknown; loaded: boolean } = m.swap("b", 3);
  println("Swap b 3:", sw.previous, sw.loaded);
  sw = m.swap("c", 4);
  println("Swap c 4:", sw.previous, sw.loaded);
  println("CompareAndSwap a 2 10:", m.compareAndSwap("a", 2, 10));
  println("CompareAndSwap a 1 10:", m.compareAndSwap("a", 1, 10));
  println("CompareAndSwap missing nil 1:", m.compareAndSwap("missing", null, 1));
  println("CompareAndDelete c 3:", m.compareAndDelete("c", 3));
  println("CompareAndDelete c 4:", m.compareAndDelete("c", 4));
  println("CompareAndDelete c 4 again:", m.compareAndDelete("c", 4));
  let ld: { value: unknown; loaded: boolean } = m.loadAndDelete("b");
  println("LoadAndDelete b:", ld.value, ld.loaded);
  ld = m.loadAndDelete("b");
  println("LoadAndDelete b again:", ld.value, ld.loaded);
  m.delete("nothing");
  m.store("n", null);
  r = m.load("n");
  println("Load n (stored nil):", r.value, r.ok);
  println("CompareAndSwap n nil 5:", m.compareAndSwap("n", null, 5));
  println("contents:", contents(m));

  m.store("nan", Number.NaN);
  println("CompareAndSwap nan NaN 1:", m.compareAndSwap("nan", Number.NaN, 1));
  println("CompareAndDelete nan NaN:", m.compareAndDelete("nan", Number.NaN));
  m.store("zero", 0);
  println("CompareAndSwap zero -0 1:", m.compareAndSwap("zero", -0, 1.5));
  m.delete("nan");
  m.delete("zero");

  m.clear();
  println("after Clear:", contents(m));
  for (let i = 0; i < 10; i++) m.store(i, i * i);
  let visits = 0;
  m.range(() => {
    visits++;
    return visits < 3;
  });
  println("Range stopped after", visits, "calls");

  const seen = new Map<unknown, number>();
  const seenKeys: number[] = [];
  m.range((k, v) => {
    const i = k as number;
    seen.set(k, (seen.get(k) ?? 0) + 1);
    seenKeys.push(i);
    m.delete(k);
    m.store(k, (v as number) + 1000);
    m.store(100 + i, 0);
    return true;
  });
  seenKeys.sort((a, b) => a - b);
  const twice = [...seen.values()].filter((n) => n > 1).length;
  println("Range visited", seenKeys, "keys visited twice:", twice);
  let n = 0;
  m.range(() => {
    n++;
    return true;
  });
  println("now", n, "keys");

  const d = new SyncMap<number, number>();
  for (let i = 0; i < 6; i++) d.store(i, i);
  let calls = 0;
  d.range((k) => {
    calls++;
    for (let i = 0; i < 6; i++) if (i !== k) d.delete(i);
    return true;
  });
  println(
    "Range after deleting the others: f called",
    calls,
    "time(s); after:",
    contents(d as SyncMap<unknown, unknown>).length > 2,
  );

  const u = new SyncMap<number, number>();
  for (let i = 0; i < 6; i++) u.store(i, i);
  let first = -1;
  let updated = 0;
  u.range((k, v) => {
    if (first < 0) {
      first = k;
      for (let i = 0; i < 6; i++) if (i !== first) u.store(i, -1);
      return true;
    }
    if (v === -1) updated++;
    return true;
  });
  println("Range after updating the others: later visits saw", updated, "new values");
}
