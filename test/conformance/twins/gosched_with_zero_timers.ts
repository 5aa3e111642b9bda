// Twin of test/conformance/go/gosched_with_zero_timers: where AfterFunc(0) callbacks and new goroutines run
// among goroutines yielding with Gosched (GOMAXPROCS(1)).
import { GOMAXPROCS, go, gosched, time, WaitGroup } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  await time.sleep(time.Millisecond);
  const order: string[] = [];
  const wg = new WaitGroup();
  const note = (s: string) => {
    order.push(s);
  };
  for (const name of ["A", "B"]) {
    wg.add(1);
    go(async () => {
      try {
        for (let i = 0; i < 4; i++) {
          note(`${name}${i}`);
          if (i === 1) {
            wg.add(1);
            time.afterFunc(0, () => {
              note(`f of ${name}`);
              wg.done();
            });
          } else if (i === 2) {
            wg.add(1);
            go(() => {
              note(`g of ${name}`);
              wg.done();
            });
          }
          await gosched();
        }
      } finally {
        wg.done();
      }
    });
  }
  await wg.wait();
  println(order);
}
