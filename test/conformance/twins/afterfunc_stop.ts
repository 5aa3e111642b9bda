// Twin of test/conformance/go/afterfunc_stop: AfterFunc's Stop before and after f ran.
import { chan, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const t = time.afterFunc(20 * time.Millisecond, () => println("f1 ran (unexpected)"));
  await time.sleep(10 * time.Millisecond);
  println("stop pending:", t.stop(), "at", since(start));
  println("stop again:", t.stop());
  const ran = chan<boolean>();
  const t2 = time.afterFunc(5 * time.Millisecond, async () => {
    println("f2 ran at", since(start));
    await ran.send(true);
  });
  await ran.recv();
  println("stop after it ran:", t2.stop());
  await time.sleep(30 * time.Millisecond);
  println("done at", since(start));
}
