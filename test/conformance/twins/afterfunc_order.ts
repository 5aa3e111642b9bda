// Twin of test/conformance/go/afterfunc_order: AfterFunc callbacks with different and equal delays.
import { Mutex, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const delays = [30, 10, 20, 10, 10, 0, 20, 10];
  const wg = new WaitGroup();
  const mu = new Mutex();
  const order: number[] = [];
  for (const [i, d] of delays.entries()) {
    wg.add(1);
    time.afterFunc(d * time.Millisecond, async () => {
      try {
        await mu.lock();
        order.push(i);
        mu.unlock();
        println(`f${i} (${d}ms) ran at ${since(start)}`);
      } finally {
        wg.done();
      }
    });
  }
  await wg.wait();
  println("order:", order);
}
