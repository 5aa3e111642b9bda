// Twin of test/conformance/go/go_spawn_many_order: the first-run order of 300 goroutines started without
// blocking (runnext, local run queue overflow into the global queue), GOMAXPROCS(1).
import { GOMAXPROCS, go, WaitGroup } from "../../../src/index.ts";
import { printRows } from "./rows.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const n = 300;
  const order: number[] = [];
  const wg = new WaitGroup();
  for (let i = 0; i < n; i++) {
    wg.add(1);
    go(() => {
      order.push(i);
      wg.done();
    });
  }
  await wg.wait();
  printRows(order);
}
