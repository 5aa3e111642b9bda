// Twin of test/conformance/go/waitgroup_multiple_waiters: several waiters released by the last Done, Add
// while waiters wait, reuse after Wait, Wait on zero.
import { chan, go, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const wg = new WaitGroup();
  wg.add(2);
  const results = chan<string>(8);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await time.sleep(i * ms);
      await wg.wait();
      await results.send(`waiter ${i} released at ${since(start)}`);
    });
  }
  go(async () => {
    await time.sleep(10 * ms);
    wg.done();
    wg.add(1); // counter still positive: waiters keep waiting
    await time.sleep(5 * ms);
    wg.done();
    await time.sleep(5 * ms);
    wg.done();
  });
  const rs: string[] = [];
  for (let i = 0; i < 3; i++) rs.push((await results.recv())!);
  rs.sort();
  for (const r of rs) println(r);
  await wg.wait();
  println("zero counter: Wait returns at once at", since(start));
  wg.add(1);
  go(async () => {
    await time.sleep(7 * ms);
    wg.done();
  });
  await wg.wait();
  println("reused WaitGroup released at", since(start));
  wg.add(0);
  await wg.wait();
  println("done at", since(start));
}
