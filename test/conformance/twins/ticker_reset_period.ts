// Twin of test/conformance/go/ticker_reset_period: Ticker.Reset changes the period, discards an unread tick.
import { time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const k = time.newTicker(10 * time.Millisecond);
  for (let i = 0; i < 2; i++) {
    const v = await k.c.recv();
    println("10ms tick value", sub(v, start));
  }
  await time.sleep(5 * time.Millisecond);
  k.reset(25 * time.Millisecond);
  println("reset to 25ms at", since(start));
  for (let i = 0; i < 2; i++) {
    const v = await k.c.recv();
    println("25ms tick value", sub(v, start));
  }
  // Reset discards a tick that is due but not yet received.
  await time.sleep(30 * time.Millisecond);
  k.reset(5 * time.Millisecond);
  println("reset to 5ms at", since(start), "with an unread tick pending");
  const v = await k.c.recv();
  println("first tick after reset value", sub(v, start));
  k.stop();
}
