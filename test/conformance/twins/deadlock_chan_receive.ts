// Twin of test/conformance/go/deadlock_chan_receive: main blocks on a channel nobody sends to.
import { chan, go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ch = chan<number>();
  go(async () => {
    await time.sleep(10 * time.Millisecond);
    println("helper finished at", since(start));
  });
  println("main waits");
  await ch.recv();
  println("not reached");
}
