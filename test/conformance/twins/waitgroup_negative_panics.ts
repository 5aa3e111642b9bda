// Twin of test/conformance/go/waitgroup_negative_panics: a negative WaitGroup counter panics.
import { WaitGroup } from "../../../src/index.ts";
import { println, recovered } from "./harness.ts";

export async function main(): Promise<void> {
  const wg = new WaitGroup();
  wg.add(1);
  wg.done();
  {
    let r: unknown = null;
    try {
      wg.done();
    } catch (e) {
      r = e;
    } finally {
      println("Done below zero recovered:", recovered(r));
    }
  }
  const wg2 = new WaitGroup();
  {
    let r: unknown = null;
    try {
      wg2.add(-1);
    } catch (e) {
      r = e;
    } finally {
      println("Add(-1) recovered:", recovered(r));
    }
  }
}
