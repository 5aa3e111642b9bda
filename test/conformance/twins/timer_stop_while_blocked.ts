// Twin of test/conformance/go/timer_stop_while_blocked: Stop and Reset of a timer while a goroutine is
// blocked on its channel.
import { chan, go, recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const t = time.newTimer(10 * ms);
  const got = chan<string>();
  go(async () => {
    const v = await t.c.recv();
    await got.send(`value ${sub(v, start)} received at ${since(start)}`);
  });
  await time.sleep(5 * ms);
  println("Stop while a goroutine waits:", t.stop());
  await time.sleep(20 * ms);
  {
    const r = got.tryRecv();
    if (r !== null) println("unexpected:", r.value);
    else println("still blocked at", since(start));
  }
  println("Reset:", t.reset(5 * ms));
  println(await got.recv());

  const t2 = time.newTimer(time.Hour);
  go(async () => {
    const r = await select([recv(t2.c), recv(time.after(50 * ms))] as const);
    if (r.index === 0) await got.send(`t2 value ${sub(r.value, start)} at ${since(start)}`);
    else await got.send("gave up");
  });
  await time.sleep(ms);
  println("Reset hour timer to 2ms:", t2.reset(2 * ms));
  println(await got.recv());
  println("Stop t2 after its value was taken:", t2.stop());
}
