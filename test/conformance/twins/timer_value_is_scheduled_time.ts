// Twin of test/conformance/go/timer_value_is_scheduled_time: a late receive gets the scheduled firing time.
import { time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const a = time.after(10 * time.Millisecond);
  const t = time.newTimer(20 * time.Millisecond);
  await time.sleep(500 * time.Millisecond);
  let v = await a.recv();
  println("After(10ms) read at", since(start), "value", sub(v, start));
  v = await t.c.recv();
  println("NewTimer(20ms) read at", since(start), "value", sub(v, start));
  const tick = time.newTicker(30 * time.Millisecond);
  await time.sleep(100 * time.Millisecond);
  v = await tick.c.recv();
  println("ticker read at", since(start), "value", sub(v, start));
  tick.stop();
}
