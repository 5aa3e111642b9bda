// Twin of test/conformance/go/timer_drain_idiom: the "if !t.Stop() { <-t.C }" idiom under Go 1.23's timer
// channels: a non-blocking drain is harmless, a blocking one after the value was received deadlocks.
import { chan, go, recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const t = time.newTimer(10 * time.Millisecond);
  const events = chan<number>();
  go(async () => {
    for (let i = 1; i <= 3; i++) {
      await time.sleep(4 * i * time.Millisecond);
      await events.send(i);
    }
  });
  for (let n = 0; n < 5; n++) {
    const r = await select([recv(events), recv(t.c)] as const);
    if (r.index === 0) {
      const stopped = t.stop();
      if (!stopped) t.c.tryRecv();
      t.reset(10 * time.Millisecond);
      println("event", r.value, "at", since(start), "Stop:", stopped);
    } else {
      println("timeout value", sub(r.value, start), "at", since(start));
      t.reset(10 * time.Millisecond);
    }
  }
  await time.sleep(15 * time.Millisecond);
  println("fired, unread: Stop", t.stop(), "at", since(start));
  t.reset(time.Millisecond);
  const v = await t.c.recv();
  println("received", sub(v, start));
  if (!t.stop()) {
    println("Stop false after the receive: blocking drain at", since(start));
    await t.c.recv();
  }
  println("not reached");
}
