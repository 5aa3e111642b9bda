// Twin of test/conformance/go/select_ready_is_random: select picks uniformly among ready cases.
import { chan, recv, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const a = chan<number>(1);
  const b = chan<number>(1);
  const c = chan<number>(1);
  const counts = new Map<string, number>();
  const inc = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const get = (k: string) => counts.get(k) ?? 0;
  for (let i = 0; i < 1000; i++) {
    await a.send(i);
    await b.send(i);
    await c.send(i);
    const r = await select([recv(a), recv(b), recv(c)] as const);
    switch (r.index) {
      case 0:
        inc("a");
        await b.recv();
        await c.recv();
        break;
      case 1:
        inc("b");
        await a.recv();
        await c.recv();
        break;
      case 2:
        inc("c");
        await a.recv();
        await b.recv();
        break;
    }
  }
  println("each case chosen >= 100 times:", get("a") >= 100 && get("b") >= 100 && get("c") >= 100);
  println("total:", get("a") + get("b") + get("c"));
  const ready = chan<number>(1);
  const idle = chan<number>();
  let only = 0;
  for (let i = 0; i < 100; i++) {
    await ready.send(i);
    const r = await select([recv(ready), recv(idle)] as const);
    if (r.index === 0) only++;
  }
  println("single ready case chosen", only, "of 100 times at", since(start));
}
