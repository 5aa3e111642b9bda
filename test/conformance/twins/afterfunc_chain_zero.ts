// Twin of test/conformance/go/afterfunc_chain_zero: a chain of AfterFunc(0) callbacks.
import { chan, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const done = chan<boolean>();
  const step = async (i: number): Promise<void> => {
    println("step", i, "at", since(start));
    if (i === 10) {
      await done.send(true);
      return;
    }
    time.afterFunc(0, () => step(i + 1));
    await time.sleep(time.Second);
    println("step", i, "woke at", since(start));
  };
  time.afterFunc(0, () => step(0));
  await done.recv();
  println("chain done at", since(start));
}
