// Twin of test/conformance/go/panic_custom_error: a thrown error of the program's own class: its message
// only, whatever the class is named.
import { time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

class TimeoutError extends Error {
  constructor(after: string) {
    super(`gave up after ${after}`);
    this.name = "TimeoutError";
  }
}

export async function main(): Promise<void> {
  const start = time.now();
  await time.sleep(3 * time.Millisecond);
  const err = new TimeoutError(since(start));
  println("failing with", err);
  throw err;
}
