// Twin of test/conformance/go/goexit_main_then_deadlock: main calls runtime.Goexit (its deferred calls run,
// recover returns nil); the worker later blocks for good: an ordinary deadlock listing only the worker.
import { chan, go, goexit, time } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const c = chan<number>();
  go(async () => {
    try {
      await time.sleep(10 * time.Millisecond);
      println("worker blocks at", since(start));
      await c.recv();
    } finally {
      println("worker's deferred call: not reached");
    }
  });
  try {
    try {
      goexit();
    } finally {
      // Go: recover() during a Goexit returns nil (a GoexitSignal is no panic).
      println("recover() in main's deferred call:", recovered(null));
    }
  } finally {
    println("main's first deferred call at", since(start));
  }
}
