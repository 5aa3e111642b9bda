// Twin of test/conformance/go/gomaxprocs_main_p0: main starts on P0, so GOMAXPROCS(1) first thing keeps
// it on a P that has scheduled once, and the goroutines it starts run before it after a Gosched.
import { GOMAXPROCS, go, gosched } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const order: string[] = [];
  for (const name of ["a", "b", "c"]) {
    go(() => {
      order.push(name);
    });
  }
  await gosched();
  order.push("main");
  await gosched();
  println(order);
}
