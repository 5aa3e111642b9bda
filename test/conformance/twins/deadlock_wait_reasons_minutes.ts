// Twin of test/conformance/go/deadlock_wait_reasons_minutes: headers after five blocked minutes carry
// no ", N minutes".
import { chan, go, Mutex, select, time } from "../../../src/index.ts";
import { chansend } from "../../../src/internal/runtime/chan.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const c = chan<number>();
  const mu = new Mutex();
  await mu.lock();
  go(() => c.recv());
  go(() => mu.lock());
  go(() => chansend(null, 1)); // Go: var nilc chan int; nilc <- 1
  go(() => select([]));
  go(async () => {
    await c.send(1);
    await c.send(2);
  });
  await time.sleep(5 * time.Minute);
  println("slept 5 minutes");
  await c.recv();
  await c.recv();
}
