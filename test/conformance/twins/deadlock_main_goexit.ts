// Twin of test/conformance/go/deadlock_main_goexit: main calls runtime.Goexit while a worker sleeps.
//
// goexit() unwinds main through its `finally` (Go's deferred call); the program goes on until the worker
// is done, then fails with Go's "no goroutines (main called runtime.Goexit) - deadlock!".
import { go, goexit, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  go(async () => {
    await time.sleep(20 * time.Millisecond);
    println("worker done at", since(start));
  });
  try {
    goexit();
  } finally {
    println("main's deferred call runs at", since(start));
  }
}
