// Twin of test/conformance/go/afterfunc_panic_goroutine_id: an AfterFunc callback's goroutine is numbered
// after the 20 goroutines started before it; its uncaught panic names it.
import { chan, GOMAXPROCS, go, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const wg = new WaitGroup();
  for (let i = 0; i < 20; i++) {
    wg.add(1);
    go(() => wg.done());
  }
  await wg.wait();
  time.afterFunc(5 * time.Millisecond, () => {
    println("callback at", since(start));
    throw new Error(`callback failed at ${since(start)}`); // Go: panic(fmt.Sprintf(...))
  });
  const block = chan<number>();
  go(() => block.recv());
  await time.sleep(time.Second);
}
