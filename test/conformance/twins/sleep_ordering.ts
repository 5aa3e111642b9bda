// Twin of test/conformance/go/sleep_ordering: sleepers of different durations wake in order; equal ones at
// the same instant in the timer heap's and scheduler's order.
import { go, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const wg = new WaitGroup();
  const sleep = (name: string, d: time.Duration) => {
    wg.add(1);
    go(async () => {
      try {
        await time.sleep(d);
        println(name, "slept", time.durationString(d), "woke at", since(start));
      } finally {
        wg.done();
      }
    });
  };
  sleep("a", 30 * time.Millisecond);
  sleep("b", 10 * time.Millisecond);
  sleep("c", 20 * time.Millisecond);
  sleep("d", 1 * time.Millisecond);
  await wg.wait();
  println("distinct durations done at", since(start));
  for (const name of ["e0", "e1", "e2", "e3", "e4", "e5"]) {
    sleep(name, 15 * time.Millisecond);
  }
  await wg.wait();
  println("equal durations done at", since(start));
}
