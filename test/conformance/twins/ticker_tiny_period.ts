// Twin of test/conformance/go/ticker_tiny_period: 1ns and 3ms tickers read late, Reset to 1ns, Tick(1ns).
import { time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ds = time.durationString;
  const tk = time.newTicker(1);
  await time.sleep(10 * time.Millisecond);
  for (let i = 0; i < 3; i++) {
    const v = await tk.c.recv();
    println("1ns ticker: value", ds(v.sub(start)), "at", since(start));
  }
  tk.stop();

  const t3 = time.newTicker(3 * time.Millisecond);
  const base = time.since(start);
  const rel = (t: time.Time) => ds(t.sub(start) - base);
  const now = () => ds(time.since(start) - base);
  for (const d of [7, 1, 5, 0, 0, 11]) {
    await time.sleep(d * time.Millisecond);
    const v = await t3.c.recv();
    println("3ms ticker after sleeping", ds(d * time.Millisecond), "value", rel(v), "at", now());
  }
  t3.reset(1);
  let v = await t3.c.recv();
  println("reset to 1ns: value", rel(v), "at", now());
  await time.sleep(time.Microsecond);
  v = await t3.c.recv();
  println("after 1µs: value", rel(v), "at", now());
  t3.stop();

  const tick = time.tick(1);
  await time.sleep(time.Millisecond);
  const a = await tick.recv();
  const b = await tick.recv();
  println("Tick(1ns):", rel(a), rel(b), "at", now());
}
