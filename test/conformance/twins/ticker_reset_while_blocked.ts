// Twin of test/conformance/go/ticker_reset_while_blocked: Ticker.Reset/Stop while a goroutine selects on
// the ticker, including a Reset at the instant a tick is due (GOMAXPROCS(1)).
import { chan, GOMAXPROCS, go, recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const ms = time.Millisecond;
  const tk = time.newTicker(10 * ms);
  const quit = chan<boolean>();
  const done = chan<string[]>();
  go(async () => {
    const got: string[] = [];
    for (;;) {
      const r = await select([recv(tk.c), recv(quit)] as const);
      if (r.index === 0) got.push(`${sub(r.value, start)}@${since(start)}`);
      else {
        await done.send(got);
        return;
      }
    }
  });
  await time.sleep(25 * ms); // ticks at 10, 20
  tk.reset(3 * ms); // 28, 31, 34
  await time.sleep(10 * ms);
  tk.reset(20 * ms); // 55
  await time.sleep(30 * ms);
  tk.reset(10 * ms); // 75
  await time.sleep(10 * ms);
  tk.reset(5 * ms); // at 75, as a tick is due
  await time.sleep(12 * ms);
  tk.stop();
  await time.sleep(20 * ms);
  tk.reset(ms);
  await time.sleep(ms);
  tk.stop();
  await quit.send(true);
  for (const s of (await done.recv())!) println(s);
  println("done at", since(start));
}
