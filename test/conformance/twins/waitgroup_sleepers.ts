// Twin of test/conformance/go/waitgroup_sleepers: Wait returns when the last sleeping worker is done.
import { go, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const wg = new WaitGroup();
  for (const [i, d] of [30, 10, 20].entries()) {
    wg.add(1);
    go(async () => {
      try {
        await time.sleep(d * time.Millisecond);
        println("worker", i, "done at", since(start));
      } finally {
        wg.done();
      }
    });
  }
  await wg.wait();
  println("wait returned at", since(start));
  await wg.wait();
  println("second wait on zero counter returned at once:", since(start));
  const wg2 = new WaitGroup();
  wg2.add(2);
  go(async () => {
    await time.sleep(5 * time.Millisecond);
    wg2.done();
    await time.sleep(5 * time.Millisecond);
    wg2.done();
  });
  await wg2.wait();
  println("wg2 wait returned at", since(start));
}
