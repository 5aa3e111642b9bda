// Twin of test/conformance/go/timer_chan_len_cap: len/cap of timer, ticker and After channels are 0.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const t = time.newTimer(time.Hour);
  println("timer pending: len", t.c.len, "cap", t.c.cap);
  const k = time.newTicker(time.Hour);
  println("ticker pending: len", k.c.len, "cap", k.c.cap);
  const a = time.after(time.Hour);
  println("After: len", a.len, "cap", a.cap);
  const f = time.newTimer(time.Millisecond);
  const k2 = time.newTicker(time.Millisecond);
  await time.sleep(10 * time.Millisecond);
  println("timer fired, unread: len", f.c.len, "cap", f.c.cap);
  println("ticker ticked, unread: len", k2.c.len, "cap", k2.c.cap);
  await f.c.recv();
  await k2.c.recv();
  println("after receive: len", f.c.len, k2.c.len);
  const af = time.afterFunc(time.Hour, () => {});
  println("AfterFunc timer C is nil:", af.c === null);
  t.stop();
  k.stop();
  k2.stop();
  af.stop();
}
