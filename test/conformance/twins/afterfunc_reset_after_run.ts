// Twin of test/conformance/go/afterfunc_reset_after_run: AfterFunc's Reset after f ran, while pending, after Stop.
import { chan, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ran = chan<number>();
  let n = 0;
  const t = time.afterFunc(10 * time.Millisecond, async () => {
    n++;
    println("f run", n, "at", since(start));
    await ran.send(n);
  });
  await ran.recv();
  println("reset after run:", t.reset(15 * time.Millisecond));
  await ran.recv();
  println("reset after second run:", t.reset(20 * time.Millisecond));
  await time.sleep(5 * time.Millisecond);
  println("reset pending:", t.reset(20 * time.Millisecond), "at", since(start));
  await ran.recv();
  println("stop after third run:", t.stop());
  println("reset after stop:", t.reset(time.Millisecond));
  await ran.recv();
  println("done at", since(start));
}
