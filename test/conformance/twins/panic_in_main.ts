// Twin of test/conformance/go/panic_in_main: an uncaught panic with an error value in main; deferred calls
// run first (LIFO).
import { time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  try {
    try {
      await time.sleep(15 * time.Millisecond);
      // Go: panic(fmt.Errorf("wrapped: %w", errors.New("disk full")))
      throw new Error("wrapped: disk full", { cause: new Error("disk full") });
    } finally {
      println("second deferred call runs at", since(start));
    }
  } finally {
    println("first deferred call (registered first, runs last)");
  }
}
