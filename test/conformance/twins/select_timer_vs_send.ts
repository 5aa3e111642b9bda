// Twin of test/conformance/go/select_timer_vs_send: NewTimer timeouts against a goroutine sending every 20ms.
import { type Chan, chan, go, recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

async function wait(start: time.Time, ch: Chan<number>, timeout: time.Duration): Promise<void> {
  const t = time.newTimer(timeout);
  const r = await select([recv(ch), recv(t.c)] as const);
  if (r.index === 0) println("got", r.value, "at", since(start), "timer stop:", t.stop());
  else println("timeout", time.durationString(timeout), "value", sub(r.value, start), "at", since(start));
}

export async function main(): Promise<void> {
  const start = time.now();
  const ch = chan<number>();
  go(async () => {
    for (let i = 1; i <= 3; i++) {
      await time.sleep(20 * time.Millisecond);
      await ch.send(i);
    }
  });
  await wait(start, ch, 10 * time.Millisecond); // times out at 10ms; the sender is still sleeping
  await wait(start, ch, 30 * time.Millisecond); // value 1 arrives at 20ms
  await wait(start, ch, 5 * time.Millisecond); // times out at 25ms
  await wait(start, ch, 20 * time.Millisecond); // value 2 arrives at 40ms, before the timer (45ms)
  await wait(start, ch, time.Hour); // value 3 arrives at 60ms
}
