// `gort run --faketime prog.js`: top-level await, so this only runs as an ES module, whatever the
// package's "type".
import { chan, go, time } from "gort";

const c = chan();
go(async () => {
  await time.sleep(1500 * time.Millisecond);
  await c.send("pong");
});
const start = time.now();
const got = await c.recv();
console.log(`${got} after ${time.durationString(time.since(start))}`);
