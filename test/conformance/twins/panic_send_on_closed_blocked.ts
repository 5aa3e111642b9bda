// Twin of test/conformance/go/panic_send_on_closed_blocked: the blocked sender panics, not the closer.
import { chan, go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const c = chan<number>();
  go(async () => {
    println("sender blocks at", since(start));
    await c.send(1);
    println("not reached");
  });
  await time.sleep(10 * time.Millisecond);
  println("main closes at", since(start));
  c.close();
  await time.sleep(time.Second);
  println("not reached either");
}
