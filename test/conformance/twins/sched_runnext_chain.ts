// Twin of test/conformance/go/sched_runnext_chain: a 5000-round ping-pong inherits the time slice through
// runnext; the goroutine waiting in the run queue runs only when it stops.
import { chan, GOMAXPROCS, go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const ping = chan<number>();
  const pong = chan<number>();
  let round = 0;
  const seen = chan<number>(1);
  go(() => seen.send(round));
  go(async () => {
    for await (const v of ping) await pong.send(v + 1);
  });
  for (round = 0; round < 5000; round++) {
    await ping.send(round);
    await pong.recv();
  }
  println("X ran at round", await seen.recv(), "of", round, "at", since(start));
  ping.close();
}
