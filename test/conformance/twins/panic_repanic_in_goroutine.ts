// Twin of test/conformance/go/panic_repanic_in_goroutine: a goroutine recovers a panic and panics again
// with the same value (Go: recover() in a deferred call, then panic(r); here: catch, then rethrow).
import { go, time } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  go(async () => {
    try {
      await time.sleep(5 * time.Millisecond);
      throw new Error("worker failed"); // Go: panic("worker failed")
    } catch (r) {
      println("worker recovered", recovered(r), "at", since(start), "- panicking again");
      throw r;
    }
  });
  await time.sleep(time.Second);
}
