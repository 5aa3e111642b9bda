// `gort run --faketime prog.ts`: top-level await, so this only runs as an ES module, whatever the
// package's "type".
import { chan, go, time } from "gort";

const c = chan<string>();
go(async () => {
  await time.sleep(1500 * time.Millisecond);
  await c.send("pong");
});
const start = time.now();
const got: string | undefined = await c.recv();
console.log(`${got} after ${time.durationString(time.since(start))}`);
