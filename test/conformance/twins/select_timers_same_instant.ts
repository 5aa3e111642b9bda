// Twin of test/conformance/go/select_timers_same_instant: timers due at the same instant, received in one
// select whose cases are written in another order than the timers were made.
import { chan, go, recv, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const second = time.newTimer(ms); // made first
  const first = time.newTimer(ms);
  const r = await select([recv(first.c), recv(second.c)] as const);
  println(r.index === 0 ? "first fired" : "second fired", since(start));
  println("stopped:", first.stop(), second.stop());

  const x = time.newTimer(2 * ms);
  const y = time.newTimer(2 * ms);
  const z = time.newTimer(2 * ms);
  const s = await select([recv(z.c), recv(x.c), recv(y.c)] as const);
  println(["z", "x", "y"][s.index], since(start));
  println("stopped:", x.stop(), y.stop(), z.stop());

  const tk = time.newTicker(3 * ms);
  const t = time.newTimer(3 * ms);
  const done = chan<boolean>();
  go(async () => {
    await time.sleep(3 * ms);
    println("sleeper woke", since(start));
    await done.send(true);
  });
  for (let k = 0; k < 2; k++) {
    const s = await select([recv(t.c), recv(tk.c)] as const);
    println(s.index === 0 ? "timer" : "tick", since(start));
  }
  tk.stop();
  await done.recv();
  println("end", since(start));
}
