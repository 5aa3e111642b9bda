// Twin of test/conformance/go/chan_len_cap_blocked_senders: len/cap of a full channel with blocked senders
// as it drains (FIFO); an unbuffered channel with blocked senders.
import { chan, go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const c = chan<number>(2);
  await c.send(0);
  await c.send(1);
  for (let i = 2; i < 5; i++) {
    go(async () => {
      await time.sleep(i * ms);
      await c.send(i);
      println("sender", i, "unblocked at", since(start));
    });
  }
  await time.sleep(10 * ms);
  println("full with 3 blocked senders: len", c.len, "cap", c.cap);
  for (let k = 0; k < 5; k++) {
    const v = await c.recv();
    println("received", v, "len", c.len, "cap", c.cap);
    await time.sleep(ms);
  }
  const u = chan<number>();
  for (let i = 0; i < 3; i++) go(() => u.send(i));
  await time.sleep(ms);
  println("unbuffered with blocked senders: len", u.len, "cap", u.cap);
  let sum = 0;
  for (let k = 0; k < 3; k++) sum += (await u.recv())!;
  println("sum", sum, "at", since(start));
}
