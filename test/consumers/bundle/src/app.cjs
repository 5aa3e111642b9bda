// The same service written as CommonJS (require), bundled with esbuild --format=cjs: require() takes the
// package's "require" condition, dist/cjs.
const { chan, context, go, Runtime, recv, select, time } = require("gort");
const synctest = require("gort/synctest");
const { durationString, newTicker } = require("gort/time");

async function poller(ctx) {
  const ticker = newTicker(100 * time.Millisecond);
  let polls = 0;
  for (;;) {
    const r = await select([recv(ticker.c), recv(ctx.done())]);
    if (r.index === 1) break;
    polls++;
  }
  ticker.stop();
  return polls;
}

async function handler() {
  const rt = new Runtime({ clock: "fake", seed: 1 });
  const polls = await rt.run(async () => {
    const [ctx, cancel] = context.withTimeout(context.background(), 5 * time.Second);
    const out = chan(1);
    go(async () => out.send(await poller(ctx)));
    const n = await out.recv();
    cancel();
    return n;
  });
  if (polls !== 50) throw new Error(`bundle: ${polls} polls in 5s`);
  await synctest.run(async () => {
    const start = Date.now();
    await new Promise((r) => setTimeout(r, 60_000));
    if (Date.now() - start !== 60_000) throw new Error("bundle: a virtual minute");
  });
  return `bundle: ok (${polls} polls, ${durationString(5 * time.Second)})`;
}

handler().then(
  (msg) => console.log(msg),
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
