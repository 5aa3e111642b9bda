// Twin of test/conformance/go/errgroup_panic_in_goroutine: a throw in a function run by Group.go is a
// panic that crashes the program from the group's goroutine.
import { errgroup, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const g = new errgroup.Group();
  await g.go(async () => {
    await time.sleep(10 * time.Millisecond);
    return null;
  });
  await g.go(async () => {
    await time.sleep(5 * time.Millisecond);
    println("second task fails at", since(start));
    throw `task failed at ${since(start)}`;
  });
  println("Wait:", await g.wait());
}
