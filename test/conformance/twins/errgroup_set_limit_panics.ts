// Twin of test/conformance/go/errgroup_set_limit_panics: setLimit while goroutines are active panics.
import { errgroup, time } from "../../../src/index.ts";
import { println, recovered } from "./harness.ts";

export async function main(): Promise<void> {
  const g = new errgroup.Group();
  g.setLimit(3);
  await g.go(() => time.sleep(10 * time.Millisecond));
  await g.go(() => time.sleep(20 * time.Millisecond));
  try {
    g.setLimit(5);
  } catch (e) {
    println("recovered:", recovered(e));
  }
  await time.sleep(15 * time.Millisecond);
  g.setLimit(1);
}
