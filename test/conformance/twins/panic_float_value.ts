// Twin of test/conformance/go/panic_float_value: an uncaught panic with a float64 value.
import { time } from "../../../src/index.ts";

export async function main(): Promise<void> {
  await time.sleep(time.Millisecond);
  throw 1.5;
}
