// Twin of test/conformance/go/sched_global_queue_phase: where a goroutine on the global run queue comes
// out among 150 local ones (the every-61-ticks look at the global queue, and its phase at main's start).
import { chan, GOMAXPROCS, go, gosched, WaitGroup } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  for (let round = 0; round < 3; round++) {
    const order: number[] = [];
    const wg = new WaitGroup();
    wg.add(1);
    const ready = chan<boolean>();
    go(async () => {
      await ready.send(true);
      await gosched();
      order.push(-1);
      wg.done();
    });
    await ready.recv(); // the goroutine above readies main, then yields to the global queue
    for (let i = 0; i < 150; i++) {
      wg.add(1);
      go(() => {
        order.push(i);
        wg.done();
      });
    }
    await wg.wait();
    order.forEach((v, i) => {
      if (v === -1)
        println(
          "round",
          round,
          "global goroutine ran after",
          i,
          "local ones; first",
          order[0],
          "last",
          order.at(-1),
        );
    });
  }
}
