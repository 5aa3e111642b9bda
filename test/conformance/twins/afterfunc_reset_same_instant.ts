// Twin of test/conformance/go/afterfunc_reset_same_instant: a callback resets other timers to 0 at the
// instant it fires while sleepers wake; the order of everything that runs then, GOMAXPROCS(1).
import { GOMAXPROCS, go, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const order: string[] = [];
  const note = (s: string) => {
    order.push(`${s}@${since(start)}`);
  };
  const ms = time.Millisecond;
  const later = time.afterFunc(20 * ms, () => note("later"));
  const ct = time.newTimer(30 * ms);
  go(async () => {
    const v = await ct.c.recv();
    note(`ct value ${sub(v, start)}`);
  });
  go(async () => {
    await time.sleep(10 * ms);
    note("sleeper");
  });
  time.afterFunc(10 * ms, () => {
    note("first");
    note(`reset later ${later.reset(0)}`);
    note(`reset ct ${ct.reset(0)}`);
    time.afterFunc(0, () => note("nested zero"));
  });
  await time.sleep(10 * ms);
  note("main");
  await time.sleep(ms);
  println(order);
}
