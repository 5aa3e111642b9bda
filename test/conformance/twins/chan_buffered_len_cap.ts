// Twin of test/conformance/go/chan_buffered_len_cap: len/cap of a buffered channel; a send on a full buffer blocks.
import { type Chan, chan, go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ch = chan<number>(3);
  println("empty: len", ch.len, "cap", ch.cap);
  for (let i = 1; i <= 3; i++) {
    await ch.send(i);
    println("sent", i, "len", ch.len);
  }
  const took = chan<number>(1);
  go(async () => {
    await time.sleep(10 * time.Millisecond);
    await took.send((await ch.recv())!);
  });
  await ch.send(4);
  println("4th send completed at", since(start), "len", ch.len);
  println("the receiver took", await took.recv());
  while (ch.len > 0) {
    println("drain", await ch.recv(), "len", ch.len);
  }
  const nilc = null as Chan<number> | null;
  println("nil channel: len", nilc?.len ?? 0, "cap", nilc?.cap ?? 0);
  const u = chan<number>();
  println("unbuffered: len", u.len, "cap", u.cap);
}
