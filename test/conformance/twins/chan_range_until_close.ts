// Twin of test/conformance/go/chan_range_until_close: for-range over a channel until it is closed.
import { chan, go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ch = chan<number>();
  go(async () => {
    for (let i = 1; i <= 4; i++) {
      await time.sleep(i * time.Millisecond);
      await ch.send(i * i);
    }
    await time.sleep(10 * time.Millisecond);
    ch.close();
  });
  let sum = 0;
  for await (const v of ch) {
    sum += v;
    println("got", v, "at", since(start));
  }
  println("range ended at", since(start), "sum", sum);
  const b = chan<string>(3);
  await b.send("x");
  await b.send("y");
  b.close();
  for await (const s of b) {
    println("buffered after close:", s);
  }
}
