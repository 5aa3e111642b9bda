// Twin of test/conformance/go/timer_stop_reset_states: Stop/Reset results in every timer state and from
// inside an AfterFunc callback.
import { chan, recv, time, trySelect } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const t = time.newTimer(10 * ms);
  println("pending: Stop", t.stop());
  println("stopped: Stop", t.stop());
  println("stopped: Reset", t.reset(10 * ms));
  await time.sleep(15 * ms);
  println("fired, unread: Reset", t.reset(10 * ms), "at", since(start));
  {
    const r = trySelect([recv(t.c)] as const);
    if (r !== null) println("stale value", sub(r.value, start));
    else println("no stale value after Reset");
  }
  const v = await t.c.recv();
  println("received", sub(v, start), "at", since(start));
  let s = t.stop();
  println("fired, read: Stop", s, "Reset", t.reset(5 * ms));
  await time.sleep(5 * ms);
  println("fired, unread: Stop", t.stop(), "at", since(start));
  s = t.stop();
  println("after Stop: Stop", s, "Reset", t.reset(time.Hour));
  const r1 = t.reset(time.Hour);
  println("pending hour: Reset", r1, "Stop", t.stop());

  const results = chan<string>(8);
  let runs = 0;
  const af: time.Timer = time.afterFunc(10 * ms, async () => {
    runs++;
    if (runs === 1) {
      await results.send(`run 1 at ${since(start)}: Stop ${af.stop()}`);
      await results.send(`run 1: Reset ${af.reset(5 * ms)}`);
      return;
    }
    const r = af.reset(time.Hour);
    await results.send(`run 2 at ${since(start)}: Reset ${r} then Stop ${af.stop()}`);
  });
  for (let i = 0; i < 3; i++) println(await results.recv());
  await time.sleep(ms);
  const s2 = af.stop();
  println("after run 2: Stop", s2, "Reset", af.reset(ms));
  await time.sleep(2 * ms);
  println(await results.recv());
  println("runs", runs, "at", since(start));
}
