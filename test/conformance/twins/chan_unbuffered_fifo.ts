// Twin of test/conformance/go/chan_unbuffered_fifo: blocked senders (plain and select) and blocked
// receivers of an unbuffered channel are served in arrival order; a sender that gives up leaves the queue.
import { chan, go, recv, select, send, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const c = chan<number>();
  for (let i = 0; i < 5; i++) {
    go(async () => {
      await time.sleep((5 - i) * ms);
      if (i % 2 === 0) {
        await c.send(i);
        return;
      }
      await select([send(c, i), recv(time.after((20 + i) * ms))] as const);
    });
  }
  await time.sleep(10 * ms);
  for (let k = 0; k < 5; k++) println("received", await c.recv(), "at", since(start));

  for (let i = 0; i < 4; i++) {
    go(async () => {
      await time.sleep((4 - i) * ms);
      if (i === 2) {
        const r = await select([send(c, 100), recv(time.after(10 * ms))] as const);
        if (r.index === 1) println("sender 2 gave up at", since(start));
        return;
      }
      await c.send(10 + i);
    });
  }
  await time.sleep(15 * ms);
  for (let k = 0; k < 3; k++) println("received", await c.recv(), "at", since(start));

  const r = chan<number>();
  const got = [0, 0, 0, 0];
  const done = chan<boolean>();
  for (let i = 0; i < 4; i++) {
    go(async () => {
      await time.sleep((i + 1) * ms);
      got[i] = (await r.recv())!;
      await done.send(true);
    });
  }
  await time.sleep(10 * ms);
  for (let v = 0; v < 4; v++) await r.send(100 + v);
  for (let i = 0; i < 4; i++) await done.recv();
  println("receivers got", got, "at", since(start));
}
