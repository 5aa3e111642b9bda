// Twin of test/conformance/go/waitgroup_wait_takes_released_permit: a Wait that takes the permit released
// for a waiter that has not run yet panics (reuse); that waiter waits on for the next release. The
// counter is an int32.
import { chan, go, time, WaitGroup } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const wg = new WaitGroup();
  const done = chan<boolean>();
  wg.add(1);
  go(async () => {
    let r: unknown = null;
    try {
      await wg.wait();
      println("old waiter returned at", since(start));
    } catch (e) {
      r = e;
    }
    println("old waiter recovered:", recovered(r), "at", since(start));
    await done.send(true);
  });
  await time.sleep(10 * time.Millisecond);
  wg.done();
  wg.add(1);
  let r: unknown = null;
  try {
    await wg.wait();
    println("main's Wait returned");
  } catch (e) {
    r = e;
  }
  println("main recovered:", recovered(r));
  await time.sleep(5 * time.Millisecond);
  println("at 15ms the old waiter still waits");
  wg.done();
  await done.recv();

  r = null;
  try {
    new WaitGroup().add(2 ** 31);
  } catch (e) {
    r = e;
  }
  println("Add(1<<31) recovered:", recovered(r));
  const w = new WaitGroup();
  w.add(2 ** 32);
  await w.wait();
  println("Add(1<<32) added nothing: Wait returned");
  w.add(2 ** 32 + 1);
  w.done();
  await w.wait();
  println("Add(1<<32+1) added 1");
  w.add(-(2 ** 32));
  await w.wait();
  println("Add(-1<<32) added nothing");
}
