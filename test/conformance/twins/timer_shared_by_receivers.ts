// Twin of test/conformance/go/timer_shared_by_receivers: goroutines sharing a ticker channel and a one-shot
// timer channel.
import { chan, go, recv, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const k = time.newTicker(10 * time.Millisecond);
  const got = chan<time.Duration>();
  for (let i = 0; i < 3; i++) {
    go(async () => {
      for (;;) {
        const v = await k.c.recv();
        await got.send(v!.sub(start));
      }
    });
  }
  for (let i = 0; i < 6; i++) {
    println("tick value", time.durationString((await got.recv())!), "at", since(start));
  }
  k.stop();
  const t = time.newTimer(5 * time.Millisecond);
  const tv = chan<time.Duration>();
  for (let i = 0; i < 2; i++) {
    go(async () => {
      await tv.send((await t.c.recv())!.sub(start));
    });
  }
  println("one-shot timer value", time.durationString((await tv.recv())!), "at", since(start));
  const r = await select([recv(tv), recv(time.after(50 * time.Millisecond))] as const);
  if (r.index === 0) println("second receiver got", time.durationString(r.value!));
  else println("second receiver still blocked at", since(start));
  println("reset with a blocked receiver:", t.reset(time.Millisecond));
  println("second receiver got", time.durationString((await tv.recv())!), "at", since(start));
}
