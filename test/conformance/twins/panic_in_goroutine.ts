// Twin of test/conformance/go/panic_in_goroutine: an uncaught panic in a goroutine while main sleeps.
import { go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  go(async () => {
    await time.sleep(10 * time.Millisecond);
    println("about to panic at", since(start));
    throw new Error("boom from goroutine"); // Go: panic("boom from goroutine")
  });
  await time.sleep(time.Second);
  println("not reached");
}
