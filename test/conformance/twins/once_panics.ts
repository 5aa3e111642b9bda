// Twin of test/conformance/go/once_panics: a panicking Once.Do f counts as done; nested Onces; OnceFunc
// and OnceValue panic again with the same value on every call; concurrent OnceValue callers wait.
import { go, Once, onceFunc, onceValue, time, WaitGroup } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const once = new Once();
  let calls = 0;
  for (let i = 0; i < 3; i++) {
    let r: unknown = null;
    try {
      await once.do(() => {
        calls++;
        throw new Error(`init failed (call ${calls})`); // Go: panic(fmt.Sprintf(...))
      });
    } catch (e) {
      r = e;
    } finally {
      println("Do", i, "recovered:", recovered(r));
    }
  }
  println("f calls:", calls);

  const a = new Once();
  const b = new Once();
  await a.do(async () => {
    await b.do(() => println("inner Do ran"));
    println("outer Do ran");
  });
  await b.do(() => println("not printed"));
  await a.do(() => println("not printed"));

  let n = 0;
  const f = onceFunc(() => {
    n++;
    throw new Error("OnceFunc boom");
  });
  for (let i = 0; i < 2; i++) {
    let r: unknown = null;
    try {
      await f();
    } catch (e) {
      r = e;
    } finally {
      println("OnceFunc call", i, "recovered:", recovered(r));
    }
  }
  println("OnceFunc's f ran", n, "time(s)");

  const pv = onceValue((): number => {
    throw new Error("no value"); // Go: panic(errors.New("no value"))
  });
  for (let i = 0; i < 2; i++) {
    let r: unknown = null;
    try {
      println("value", await pv());
    } catch (e) {
      r = e;
    } finally {
      println("OnceValue call", i, "recovered:", recovered(r));
    }
  }

  let computed = 0;
  const v = onceValue(async () => {
    computed++;
    await time.sleep(10 * time.Millisecond);
    return 42;
  });
  const results: string[] = ["", "", ""];
  const wg = new WaitGroup();
  for (let i = 0; i < 3; i++) {
    wg.add(1);
    go(async () => {
      try {
        await time.sleep(i * time.Millisecond);
        const x = await v();
        results[i] = `caller ${i} got ${x} at ${since(start)}`;
      } finally {
        wg.done();
      }
    });
  }
  await wg.wait();
  for (const r of results) println(r);
  println("computed", computed, "time(s); later call:", await v(), "at", since(start));
}
