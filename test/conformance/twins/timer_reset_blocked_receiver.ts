// Twin of test/conformance/go/timer_reset_blocked_receiver: Reset (earlier, zero, negative, after Stop)
// while a goroutine is blocked receiving from the timer's channel.
import { chan, GOMAXPROCS, go, recv, select, time, trySelect } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const t = time.newTimer(time.Hour);
  const got = chan<string>();
  const recvOnce = async () => {
    const v = await t.c.recv();
    await got.send(`received ${sub(v, start)} at ${since(start)}`);
  };
  go(recvOnce);
  await time.sleep(time.Millisecond);
  println("Reset(10ms) with a receiver blocked:", t.reset(10 * time.Millisecond));
  println(await got.recv());
  go(recvOnce);
  await time.sleep(time.Millisecond);
  println("Reset(0):", t.reset(0), "at", since(start));
  println(await got.recv());
  go(recvOnce);
  await time.sleep(time.Millisecond);
  println("Reset(-1s):", t.reset(-time.Second));
  println(await got.recv());
  go(async () => {
    const r = await select([recv(t.c), recv(time.after(50 * time.Millisecond))] as const);
    if (r.index === 0) await got.send(`select got the timer ${sub(r.value, start)} at ${since(start)}`);
    else await got.send(`select got After ${sub(r.value, start)} at ${since(start)}`);
  });
  await time.sleep(time.Millisecond);
  const r1 = t.reset(20 * time.Millisecond);
  println("Reset(20ms) while selecting:", r1, "Stop:", t.stop(), "at", since(start));
  await time.sleep(5 * time.Millisecond);
  println("Reset(5ms) after Stop:", t.reset(5 * time.Millisecond), "at", since(start));
  println(await got.recv());
  const s = t.stop();
  println("Stop after it fired and was received:", s, "Reset:", t.reset(time.Millisecond));
  await time.sleep(2 * time.Millisecond);
  const r = trySelect([recv(t.c)] as const);
  if (r !== null) println("value waiting", sub(r.value, start), "at", since(start));
  else println("nothing waiting");
}
