// Twin of test/conformance/go/sleep_equal_deadlines_heap: wake-up order of Sleep, After, NewTimer and
// AfterFunc waiters with equal deadlines, with a Stop and a Reset (GOMAXPROCS(1)).
import { GOMAXPROCS, go, recv, select, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const ms = time.Millisecond;
  const order: string[] = [];
  const wg = new WaitGroup();
  const delays = [3, 1, 2, 1, 3, 1, 2, 3, 1, 2, 1, 3];
  const timers: (time.Timer | null)[] = delays.map(() => null);
  const record = (i: number) => {
    order.push(`${i}@${since(start)}`);
  };
  for (const [i, d] of delays.entries()) {
    wg.add(1);
    switch (i % 4) {
      case 0:
        go(async () => {
          try {
            await time.sleep(d * ms);
            record(i);
          } finally {
            wg.done();
          }
        });
        break;
      case 1:
        go(async () => {
          try {
            await time.after(d * ms).recv();
            record(i);
          } finally {
            wg.done();
          }
        });
        break;
      case 2: {
        const t = time.newTimer(d * ms);
        timers[i] = t;
        go(async () => {
          try {
            const r = await select([recv(t.c), recv(time.after(10 * ms))] as const);
            if (r.index === 0) record(i);
            else order.push(`${i} gave up@${since(start)}`);
          } finally {
            wg.done();
          }
        });
        break;
      }
      case 3:
        timers[i] = time.afterFunc(d * ms, () => {
          try {
            record(i);
          } finally {
            wg.done();
          }
        });
        break;
    }
  }
  const s6 = timers[6]!.stop();
  println("stop 6:", s6, "reset 2 to 1ms:", timers[2]!.reset(ms));
  if (timers[11]!.stop()) {
    wg.done();
    println("stopped AfterFunc 11");
  }
  await wg.wait();
  println(order);
  println("done at", since(start));
}
