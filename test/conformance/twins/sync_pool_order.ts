// Twin of test/conformance/go/sync_pool_order: Pool's order at GOMAXPROCS=1 (a private value, then the
// shared list LIFO, then new); put(null) stores nothing; a goroutine on the same P shares the local pool.
import { chan, go, Pool, time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  let made = 0;
  const p = new Pool<string>({ new: () => `new${++made}` });
  p.put("a");
  p.put("b");
  p.put("c");
  println("put a b c, get:", p.get(), p.get(), p.get(), p.get());
  p.put("x");
  p.put("y");
  println("put x y, get:", p.get());
  p.put("z");
  println("put z, get:", p.get(), p.get(), p.get());
  const n = p as Pool<string | null>;
  n.put(null);
  n.put("d");
  n.put(null);
  n.put("e");
  println("put nil d nil e, get:", p.get(), p.get(), p.get());

  const done = chan<boolean>();
  go(async () => {
    p.put("g1");
    p.put("g2");
    p.put("g3");
    await done.send(true);
  });
  await done.recv();
  p.put("m");
  println("goroutine put g1 g2 g3, main put m, get:", p.get(), p.get(), p.get(), p.get(), p.get());

  const q = new Pool<number>();
  println("no New, empty:", q.get());
  for (let i = 1; i <= 5; i++) q.put(i);
  const got: number[] = [];
  for (let v = q.get(); v !== undefined; v = q.get()) got.push(v);
  println("put 1..5, get until empty:", got);
  await time.sleep(time.Millisecond);
  q.put(6);
  q.put(7);
  println("after a sleep, put 6 7, get:", q.get(), q.get(), q.get());
}
