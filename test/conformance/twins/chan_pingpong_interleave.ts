// Twin of test/conformance/go/chan_pingpong_interleave: producer/consumer print interleaving on an
// unbuffered and a buffered channel, GOMAXPROCS(1).
import { chan, GOMAXPROCS, go } from "../../../src/index.ts";
import { println } from "./harness.ts";

async function run(size: number): Promise<void> {
  const c = chan<number>(size);
  const done = chan<boolean>();
  go(async () => {
    for (let i = 1; i <= 6; i++) {
      await c.send(i);
      println("  sent", i);
    }
    c.close();
    println("  closed");
    await done.send(true);
  });
  for await (const v of c) println("received", v);
  println("range done");
  await done.recv();
}

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  for (const size of [0, 2]) {
    println("buffer", size);
    await run(size);
  }
}
