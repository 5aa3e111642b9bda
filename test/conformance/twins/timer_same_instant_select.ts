// Twin of test/conformance/go/timer_same_instant_select: timers due at the same instant in selects.
import { chan, go, recv, select, time, trySelect } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const t1 = time.newTimer(10 * ms);
  const t2 = time.newTimer(10 * ms);
  const a = time.after(10 * ms);
  await time.sleep(20 * ms);
  const seen = new Map<string, string>();
  for (let i = 0; i < 3; i++) {
    const r = await select([recv(t1.c), recv(t2.c), recv(a)] as const);
    seen.set(["t1", "t2", "a"][r.index], sub(r.value, start));
  }
  const d = (k: string) => seen.get(k) ?? "0s";
  println("distinct timers received:", seen.size, "values:", d("t1"), d("t2"), d("a"), "at", since(start));
  {
    const r = trySelect([recv(t1.c), recv(t2.c), recv(a)] as const);
    if (r === null) println("nothing left: default");
    else println(["t1", "t2", "a"][r.index], "again");
  }

  t1.reset(5 * ms);
  t2.reset(5 * ms);
  const got = chan<string>();
  go(async () => {
    const r = await select([recv(t1.c), recv(t2.c)] as const);
    await got.send(sub(r.value, start));
  });
  println("blocked select got", await got.recv(), "at", since(start));
  let n = 0;
  for (const c of [t1.c, t2.c]) {
    const r = c.tryRecv();
    if (r !== null) {
      n++;
      println("the other timer still has", sub(r.value, start));
    }
  }
  println("left over:", n);
  const s1 = t1.stop();
  println("Stop both:", s1, t2.stop());
}
