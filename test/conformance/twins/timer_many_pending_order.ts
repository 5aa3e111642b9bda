// Twin of test/conformance/go/timer_many_pending_order: timers created out of order, two reset while
// goroutines are blocked on them, fire in deadline order.
import { chan, go, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const delays = [50, 10, 40, 20, 30];
  const done = chan<string>();
  const timers: time.Timer[] = new Array(delays.length);
  for (const [i, d] of delays.entries()) {
    const t = time.newTimer(d * time.Millisecond);
    timers[i] = t;
    go(async () => {
      const v = await t.c.recv();
      await done.send(`timer ${i} (${d}ms) value ${sub(v, start)}`);
    });
  }
  await time.sleep(5 * time.Millisecond);
  println("reset timer 0 (50ms) to +1ms:", timers[0].reset(time.Millisecond));
  println("reset timer 1 (10ms) to +60ms:", timers[1].reset(60 * time.Millisecond));
  for (const _ of delays) {
    println(await done.recv(), "at", since(start));
  }
}
