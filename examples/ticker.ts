// Tickers (Go by Example: "Tickers"). A ticker delivers the time on its channel every 500ms; a goroutine
// prints the ticks until main stops the ticker and tells it to quit. Written at top level: the module's
// top-level code is goroutine 1.
//
//   gort run --faketime examples/ticker.ts

import { chan, go, recv, select, time } from "../src/index.ts";

const ticker = time.newTicker(500 * time.Millisecond);
const done = chan<boolean>();

go(async () => {
  for (;;) {
    const r = await select([recv(done), recv(ticker.c)] as const);
    if (r.index === 0) return;
    console.log("Tick at", String(r.value));
  }
});

await time.sleep(1600 * time.Millisecond);
ticker.stop();
await done.send(true);
console.log("Ticker stopped");
