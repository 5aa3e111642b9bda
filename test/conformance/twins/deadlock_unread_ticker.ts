// Twin of test/conformance/go/deadlock_unread_ticker: unread Ticker and Timer channels keep no timer in
// the heap, so main blocked on a channel is a deadlock once the pending AfterFunc has run.
import { chan, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const tk = time.newTicker(10 * time.Millisecond);
  const t = time.newTimer(time.Hour);
  try {
    time.afterFunc(25 * time.Millisecond, () => println("AfterFunc ran at", since(start)));
    await tk.c.recv();
    println("one tick received at", since(start));
    const c = chan<number>();
    await c.recv();
  } finally {
    t.stop();
    tk.stop();
  }
}
