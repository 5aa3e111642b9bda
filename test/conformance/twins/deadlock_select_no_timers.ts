// Twin of test/conformance/go/deadlock_select_no_timers: a goroutine in a select with no timers, main in
// WaitGroup.Wait: deadlock.
import { chan, go, recv, select, send, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const a = chan<number>();
  const b = chan<string>();
  const wg = new WaitGroup();
  wg.add(1);
  go(async () => {
    try {
      await time.sleep(10 * time.Millisecond);
      println("worker selects at", since(start));
      await select([recv(a), send(b, "x")] as const);
    } finally {
      wg.done();
    }
  });
  await wg.wait();
  println("not reached");
}
