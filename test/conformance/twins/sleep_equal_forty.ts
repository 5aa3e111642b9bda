// Twin of test/conformance/go/sleep_equal_forty: the wake order of forty equal Sleep(1ms) calls, then of a
// second round of 1ms and 2ms sleeps (timer heap order and run queue, GOMAXPROCS(1)).
import { GOMAXPROCS, go, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const n = 40;
  const first: number[] = [];
  const second: number[] = [];
  const wg = new WaitGroup();
  for (let i = 0; i < n; i++) {
    wg.add(1);
    go(async () => {
      try {
        await time.sleep(time.Millisecond);
        first.push(i);
        if (i % 3 === 0) return;
        await time.sleep((1 + (i % 2)) * time.Millisecond);
        second.push(i);
      } finally {
        wg.done();
      }
    });
  }
  await wg.wait();
  println("done at", since(start));
  println(first);
  println(second);
}
