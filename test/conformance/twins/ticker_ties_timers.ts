// Twin of test/conformance/go/ticker_ties_timers: a ticker's ticks at the same instants as another
// goroutine's sleeps.
import { go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  go(async () => {
    const tk = time.newTicker(3 * ms);
    for (let k = 0; k < 3; k++) {
      const v = await tk.c.recv();
      println("tick", time.durationString(v.sub(start)), "received at", since(start));
    }
    tk.stop();
  });
  go(async () => {
    for (let k = 0; k < 3; k++) {
      await time.sleep(3 * ms);
      println("slept", since(start));
    }
  });
  await time.sleep(ms);
  await time.sleep(20 * ms);
  println("end", since(start));
}
