// Twin of test/conformance/go/runtime_num_goroutine: numGoroutine counts live goroutines.
import { chan, go, numGoroutine, time, WaitGroup } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  println("main only:", numGoroutine());
  const wg = new WaitGroup();
  for (let i = 1; i <= 3; i++) {
    wg.add(1);
    go(async () => {
      try {
        await time.sleep(i * 10 * time.Millisecond);
      } finally {
        wg.done();
      }
    });
  }
  println("three sleepers:", numGoroutine());
  const block = chan<void>();
  go(() => block.recv());
  await time.sleep(15 * time.Millisecond);
  println("at 15ms:", numGoroutine());
  await wg.wait();
  println("after Wait:", numGoroutine());
  block.close();
  await time.sleep(time.Millisecond);
  println("after close:", numGoroutine());
}
