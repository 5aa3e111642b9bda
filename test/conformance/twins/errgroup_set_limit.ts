// Twin of test/conformance/go/errgroup_set_limit: go() blocks while the limit is reached.
import { errgroup, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const g = new errgroup.Group();
  g.setLimit(2);
  const log: string[] = [];
  for (const [i, ms] of [30, 10, 20, 10, 5].entries()) {
    await g.go(async () => {
      log.push(`start ${i} at ${since(start)}`);
      await time.sleep(ms * time.Millisecond);
      return null;
    });
    println("Go", i, "returned at", since(start));
  }
  println("wait:", await g.wait(), "at", since(start));
  for (const l of log) println(l);

  const z = new errgroup.Group();
  z.setLimit(-1);
  for (let i = 0; i < 3; i++) {
    await z.go(async () => {
      await time.sleep(10 * time.Millisecond);
      return null;
    });
  }
  const at = since(start);
  println("negative limit: 3 started at", at, "wait:", await z.wait(), "at", since(start));
}
