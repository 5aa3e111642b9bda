// Twin of test/conformance/go/waitgroup_reused_before_wait_returned: Add after the last Done but before the
// released waiter's Wait has returned makes that Wait panic.
import { chan, go, time, WaitGroup } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const wg = new WaitGroup();
  const res = chan<string>();
  const waiter = async (before: () => void) => {
    let r: unknown = null;
    try {
      before();
      await wg.wait();
    } catch (e) {
      r = e;
    } finally {
      await res.send(`waiter recovered: ${recovered(r)} at ${since(start)}`);
    }
  };
  wg.add(1);
  go(waiter, () => {});
  await time.sleep(10 * time.Millisecond);
  wg.done();
  wg.add(1); // the waiter has been released but has not returned from Wait yet
  println(await res.recv());
  wg.done();

  go(waiter, () => {
    wg.add(1);
    go(async () => {
      await time.sleep(5 * time.Millisecond);
      wg.done();
    });
  });
  println(await res.recv());
  wg.add(1); // Wait has returned: reuse is fine
  wg.done();
  await wg.wait();
  println("proper reuse at", since(start));

  wg.add(1);
  go(async () => {
    await wg.wait();
    println("not reached");
  });
  await time.sleep(5 * time.Millisecond);
  wg.done();
  wg.add(1);
  await time.sleep(time.Second);
  println("not reached either");
}
