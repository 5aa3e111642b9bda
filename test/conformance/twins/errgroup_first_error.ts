// Twin of test/conformance/go/errgroup_first_error: Wait returns the error returned first in time.
import { errgroup, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const g = new errgroup.Group();
  for (const ms of [30, 10, 20, 40]) {
    await g.go(async () => {
      await time.sleep(ms * time.Millisecond);
      if (ms === 40) return null;
      return new Error(`task ${ms}ms failed`);
    });
  }
  println("started all at", since(start));
  const err = await g.wait();
  println("wait returned at", since(start), "err:", err);

  const ok = new errgroup.Group();
  await ok.go(async () => {
    await time.sleep(5 * time.Millisecond);
    return null;
  });
  println("no errors:", await ok.wait(), "at", since(start));

  const empty = new errgroup.Group();
  println("empty group:", await empty.wait());

  const sentinel = new Error("sentinel");
  const g2 = new errgroup.Group();
  await g2.go(() => sentinel);
  const err2 = await g2.wait();
  println("same error value:", err2 === sentinel, "wait again:", await g2.wait());
}
