// Twin of test/conformance/go/chan_range_closed_by_timer: for range over channels closed by AfterFunc
// callbacks; range over time.Tick with a break.
import { chan, go, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const c = chan<number>();
  go(async () => {
    for (let i = 0; i < 4; i++) {
      await c.send(i);
      await time.sleep(10 * ms);
    }
  });
  time.afterFunc(35 * ms, () => c.close());
  for await (const v of c) println("got", v, "at", since(start));
  println("range ended at", since(start));

  let n = 0;
  for await (const v of time.tick(4 * ms)) {
    n++;
    println("tick", n, "value", sub(v, start), "at", since(start));
    if (n === 3) break;
    await time.sleep(5 * ms);
  }

  const b = chan<string>(3);
  await b.send("x");
  await b.send("y");
  time.afterFunc(5 * ms, async () => {
    await b.send("z");
    b.close();
  });
  await time.sleep(10 * ms);
  for await (const v of b) println("buffered", v, "len", b.len, "at", since(start));
  println("done at", since(start));
}
