// Twin of test/conformance/go/timer_zombie_len_at_unlock: after running timers, check() compares the
// zombie count with the heap length at Go's last ts.unlock, not the current one; the zombie it keeps
// decides which of two AfterFuncs at the same instant fires first (fuzz wide seed 20572).
import { GOMAXPROCS, gosched, time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  await gosched();
  const ms = time.Millisecond;
  const f = (name: string) => () => println(name, "ran");
  const a0 = time.afterFunc(10 * ms, f("a0"));
  const a1 = time.afterFunc(20 * ms, f("a1"));
  time.afterFunc(30 * ms, f("a2"));
  time.afterFunc(20 * ms, f("a3"));
  println("stop a0", a0.stop(), "stop a1", a1.stop());
  await gosched();
  time.afterFunc(30 * ms, f("b0"));
  await time.sleep(50 * ms);
  println("main done");
}
