// Twin of test/conformance/go/timer_zero_and_negative: zero and negative timers fire at once with value now.
import { time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

const minInt64 = -(1n << 63n);

export async function main(): Promise<void> {
  const start = time.now();
  await time.sleep(5 * time.Millisecond);
  const t0 = time.newTimer(0);
  let v = await t0.c.recv();
  println("NewTimer(0) value", sub(v, start), "at", since(start));
  const tn = time.newTimer(-5 * time.Second);
  v = await tn.c.recv();
  println("NewTimer(-5s) value", sub(v, start));
  v = await time.after(-1).recv();
  println("After(-1) value", sub(v, start));
  v = await time.after(minInt64).recv();
  println("After(MinInt64) value", sub(v, start));
  const t1 = time.newTimer(time.Hour);
  println("Reset(hour timer, -1):", t1.reset(-1));
  v = await t1.c.recv();
  println("reset-to-negative value", sub(v, start), "at", since(start));
  const t2 = time.newTimer(0);
  println("Stop(NewTimer(0)) before receive:", t2.stop());
}
