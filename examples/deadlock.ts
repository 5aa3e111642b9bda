// A deliberate deadlock. The consumer stops after three items, but the producer has five to send and main
// waits for the producer to finish: every goroutine is blocked and no timer can wake any of them. gort
// notices, as Go does, prints Go's report (each goroutine and what it waits on) and exits with status 2.
//
//   gort run --faketime --timestamps examples/deadlock.ts

import { chan, go, time } from "../src/index.ts";

export async function main() {
  const items = chan<number>(0, "items");
  const done = chan<void>(0, "done");

  go(async () => {
    for (let i = 1; i <= 5; i++) {
      await time.sleep(100 * time.Millisecond);
      console.log(`producer: sending ${i}`);
      await items.send(i);
    }
    done.close();
  });

  go(async () => {
    for (let n = 0; n < 3; n++) console.log(`consumer: got ${await items.recv()}`);
    console.log("consumer: that's enough for me");
  });

  await done.recv();
  console.log("unreachable: the producer never finishes");
}
