// Twin of test/conformance/go/panic_nil_in_goroutine: panic(nil) uncaught in a goroutine. The JavaScript
// form of Go's panic(nil) is `throw null`.
import { go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  go(async () => {
    await time.sleep(5 * time.Millisecond);
    println("goroutine panics with nil at", since(start));
    throw null; // Go: panic(nil)
  });
  await time.sleep(time.Second);
}
