// Twin of test/conformance/go/sync_once_values_pool: onceValues runs f once and every call gets its pair,
// a throwing f rejects every call with the same value; Pool.get calls new when empty (undefined without
// it), returns what put stored, and put(null) stores nothing.
import { go, onceValues, Pool, time, WaitGroup } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  let calls = 0;
  const read = onceValues(async (): Promise<[number, Error]> => {
    calls++;
    await time.sleep(5 * time.Millisecond);
    return [42, new Error("partial read")];
  });
  const wg = new WaitGroup();
  for (let i = 0; i < 3; i++) {
    wg.add(1);
    go(async () => {
      try {
        const [n, err] = await read();
        println("caller got", n, err, "at", since(start));
      } finally {
        wg.done();
      }
    });
  }
  await wg.wait();
  const [n, err] = await read();
  println("later:", n, err, "calls", calls);

  const bad = onceValues((): [string, boolean] => {
    throw "no values"; // Go: panic("no values")
  });
  for (let i = 0; i < 2; i++) {
    let r: unknown = null;
    try {
      println(...(await bad()));
    } catch (e) {
      r = e;
    } finally {
      println("OnceValues call", i, "recovered:", recovered(r));
    }
  }

  const empty = new Pool<string>();
  println("Get from an empty Pool without New:", empty.get());
  let made = 0;
  const p = new Pool<string | null>({
    new: () => {
      made++;
      return `new${made}`;
    },
  });
  println("Get:", p.get(), "made", made);
  p.put("buf");
  println("Get after Put:", p.get(), "made", made);
  p.put(null);
  println("Get after Put(nil):", p.get(), "made", made);
}
