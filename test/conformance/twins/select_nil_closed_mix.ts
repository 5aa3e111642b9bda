// Twin of test/conformance/go/select_nil_closed_mix: nil and closed channels in selects; merging two
// channels by setting each to nil once it is closed.
import { type Chan, chan, go, recv, select, send, time, trySelect } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const closed = chan<number>();
  closed.close();
  for (let i = 0; i < 3; i++) {
    const r = await select([recv<number>(null), send<number>(null, 1), recv(closed)] as const);
    if (r.index === 2) println("closed receive:", r.value ?? 0, r.ok);
    else println("nil case?");
  }
  {
    const r = await select([recv<number>(null), send<number>(null, 1), recv(time.after(10 * ms))] as const);
    if (r.index === 2) println("nil channels and a timeout: timeout at", since(start));
  }

  let a: Chan<number> | null = chan<number>();
  let b: Chan<number> | null = chan<number>();
  const ac = a;
  const bc = b;
  go(async () => {
    for (let i = 0; i < 3; i++) {
      await time.sleep(i === 0 ? ms : 3 * ms);
      await ac.send(i);
    }
    await time.sleep(3 * ms);
    ac.close();
  });
  go(async () => {
    await time.sleep(2 * ms);
    await bc.send(10);
    await time.sleep(6 * ms);
    await bc.send(11);
    await time.sleep(5 * ms);
    bc.close();
  });
  const base = time.since(start);
  const rel = () => time.durationString(time.since(start) - base);
  for (;;) {
    const cs = [a, b];
    if (cs[0] === null && cs[1] === null) break;
    const r = await select([recv(cs[0]), recv(cs[1])] as const);
    const name = ["a", "b"][r.index];
    if (r.ok) {
      println(`${name}:`, r.value, "at", rel());
      continue;
    }
    println(name, "closed at", rel());
    if (r.index === 0) a = null;
    else b = null;
  }
  println("both nil: select with only nil cases and a default:");
  if (trySelect([recv(a), send(b, 1)] as const) === null) println("default at", since(start));
}
