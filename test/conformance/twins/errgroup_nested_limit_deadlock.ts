// Twin of test/conformance/go/errgroup_nested_limit_deadlock: a limited group's function calls go on the
// same group and waits for the slot it holds: a deadlock.
import { errgroup, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const g = new errgroup.Group();
  g.setLimit(1);
  await g.go(async () => {
    println(
      "outer starts at",
      since(start),
      "TryGo:",
      g.tryGo(() => null),
    );
    await time.sleep(time.Millisecond);
    await g.go(() => null);
    return null;
  });
  println("Wait:", await g.wait());
}
