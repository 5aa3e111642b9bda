// Twin of test/conformance/go/sched_gosched_vs_chain: a goroutine yielded to the global queue waits out a
// runnext ping-pong (which counts no schedule ticks).
import { chan, GOMAXPROCS, go, gosched, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const ping = chan<number>();
  const pong = chan<number>();
  let round = 0;
  const seen = chan<number>(1);
  const ready = chan<boolean>();
  go(async () => {
    await ready.send(true);
    await gosched();
    await seen.send(round);
  });
  await ready.recv(); // the goroutine above readies main, then yields to the global queue
  go(async () => {
    for await (const v of ping) await pong.send(v + 1);
  });
  for (round = 0; round < 300; round++) {
    await ping.send(round);
    await pong.recv();
  }
  println("yielded goroutine ran at round", await seen.recv(), "of", round, "at", since(start));
  ping.close();
}
