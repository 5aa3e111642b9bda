// Twin of test/conformance/go/afterfunc_many_same_instant: the order in which 300 same-deadline AfterFunc
// callbacks run, then 300 more with Stops and Resets, GOMAXPROCS(1).
import { GOMAXPROCS, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";
import { printRows } from "./rows.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const n = 300;
  let order: number[] = [];
  const wg = new WaitGroup();
  for (let i = 0; i < n; i++) {
    wg.add(1);
    time.afterFunc(time.Millisecond, () => {
      order.push(i);
      wg.done();
    });
  }
  await wg.wait();
  println("first batch done at", since(start));
  printRows(order);

  order = [];
  const timers: time.Timer[] = [];
  for (let i = 0; i < n; i++) {
    wg.add(1);
    timers.push(
      time.afterFunc((1 + (i % 3)) * time.Millisecond, () => {
        order.push(i);
        wg.done();
      }),
    );
  }
  let stopped = 0;
  for (let i = 0; i < n; i += 3) {
    if (timers[i].stop()) {
      stopped++;
      wg.done();
    }
  }
  for (let i = 0; i < n; i += 5) {
    if (timers[i].reset(2 * time.Millisecond)) println("reset pending", i);
    else wg.add(1);
  }
  await wg.wait();
  println("second batch done at", since(start), "stopped", stopped, "ran", order.length);
  printRows(order);
}
