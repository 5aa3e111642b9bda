// Twin of test/conformance/go/errgroup_zero_group: the zero Group cancels nothing on error.
import { chan, errgroup, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const g = new errgroup.Group();
  const finished = chan<time.Duration>(1);
  await g.go(async () => {
    await time.sleep(5 * time.Millisecond);
    return new Error("early failure");
  });
  await g.go(async () => {
    await time.sleep(25 * time.Millisecond);
    await finished.send(time.since(start));
    return new Error("late failure");
  });
  const err = await g.wait();
  const at = since(start);
  println("wait:", err, "at", at, "slow one finished at", time.durationString((await finished.recv())!));

  await g.go(() => new Error("after wait"));
  println("reused group keeps its first error:", await g.wait());
}
