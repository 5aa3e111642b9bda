// Twin of test/conformance/go/sleep_zero_negative: Sleep(0) and negative sleeps return at once.
import { time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

const minInt64 = -(1n << 63n);

export async function main(): Promise<void> {
  const start = time.now();
  await time.sleep(0);
  println("Sleep(0) returned at", since(start));
  await time.sleep(-1);
  println("Sleep(-1) returned at", since(start));
  await time.sleep(-time.Hour);
  println("Sleep(-1h) returned at", since(start));
  await time.sleep(minInt64);
  println("Sleep(MinInt64) returned at", since(start));
  await time.sleep(1);
  println("Sleep(1ns) returned at", since(start));
  await time.sleep(time.Microsecond);
  println("Sleep(1us) returned at", since(start));
}
