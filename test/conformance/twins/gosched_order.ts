// Twin of test/conformance/go/gosched_order: goroutines and main yielding with runtime.Gosched,
// GOMAXPROCS(1). main sleeps first (see the Go program).
import { GOMAXPROCS, go, gosched, time, WaitGroup } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  await time.sleep(time.Millisecond);
  const order: string[] = [];
  const wg = new WaitGroup();
  for (const name of ["a", "b", "c"]) {
    wg.add(1);
    go(async () => {
      try {
        for (let i = 0; i < 3; i++) {
          order.push(`${name}${i}`);
          await gosched();
        }
      } finally {
        wg.done();
      }
    });
  }
  for (let i = 0; i < 4; i++) {
    order.push(`main${i}`);
    await gosched();
  }
  go(() => {
    order.push("late");
  });
  order.push("main before wait");
  await wg.wait();
  order.push("main after wait");
  await gosched();
  println(order);
}
