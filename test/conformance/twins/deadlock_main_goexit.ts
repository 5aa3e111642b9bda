// Twin of test/conformance/go/deadlock_main_goexit: main calls runtime.Goexit while a worker sleeps.
//
// gort has no runtime.Goexit. The closest expression: main runs its deferred call, then its goroutine
// never continues (it blocks forever in `select {}`), so the program ends when the last other goroutine
// is done. See deviations/deadlock_main_goexit.txt.
import { go, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  go(async () => {
    await time.sleep(20 * time.Millisecond);
    println("worker done at", since(start));
  });
  try {
    // runtime.Goexit(): unwinds main, running its deferred calls.
  } finally {
    println("main's deferred call runs at", since(start));
  }
  await select([]);
}
