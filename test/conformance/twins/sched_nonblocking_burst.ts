// Twin of test/conformance/go/sched_nonblocking_burst: thousands of non-blocking channel operations in a
// row keep the P; the goroutines started before run only when the loop blocks.
import { chan, GOMAXPROCS, go, recv, time, trySelect } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const ch = chan<number>(10000);
  const seen = chan<number>(1);
  go(() => seen.send(ch.len));
  for (let i = 0; i < 5000; i++) await ch.send(i);
  println("after the sends, X saw len", seen.len > 0);
  const got = await seen.recv();
  println("X saw len", got, "at", since(start));
  let n = 0;
  const done = chan<boolean>();
  go(async () => {
    for (let i = 0; i < 3000; i++) {
      const r = trySelect([recv(ch)] as const);
      if (r !== null) n++;
    }
    await done.send(true);
  });
  go(() => println("Y ran after", n, "receives"));
  await done.recv();
  println("received", n, "len", ch.len);
}
