// A small service bundled with esbuild (`--bundle --platform=node`, ESM or CommonJS output) and deployed
// without node_modules, as to a serverless function: the root entry and subpaths, a fake-clock Runtime, a
// synctest bubble, the real clock, and Go's deadlock report.
import { chan, context, GoFatalError, go, Runtime, recv, select, time } from "gort";
import type { Context } from "gort/context";
import * as synctest from "gort/synctest";
import { durationString, newTicker, sleep } from "gort/time";

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bundle: ${what}`);
}

/** Polls an upstream every 100ms until ctx ends; returns how many polls it made. */
async function poller(ctx: Context): Promise<number> {
  const ticker = newTicker(100 * time.Millisecond);
  let polls = 0;
  for (;;) {
    const r = await select([recv(ticker.c), recv(ctx.done())] as const);
    if (r.index === 1) break;
    polls++;
  }
  ticker.stop();
  return polls;
}

export async function handler(): Promise<string> {
  // A fake-clock Runtime: 5 virtual seconds of polling, no waiting.
  const rt = new Runtime({ clock: "fake", seed: 1 });
  const polls = await rt.run(async () => {
    const [ctx, cancel] = context.withTimeout(context.background(), 5 * time.Second);
    const out = chan<number>(1);
    go(async () => out.send(await poller(ctx)));
    const n = (await out.recv()) ?? -1;
    cancel();
    return n;
  });
  check(polls === 50, `${polls} polls in 5s`);

  // A synctest bubble: setTimeout, setInterval, AbortSignal.timeout and Date on the bubble's clock.
  await synctest.run(async () => {
    const start = Date.now();
    let ticks = 0;
    const id = setInterval(() => ticks++, 1000);
    const signal = AbortSignal.timeout(60_500);
    await new Promise((r) => signal.addEventListener("abort", r));
    clearInterval(id);
    await new Promise((r) => setTimeout(r, 500));
    check(ticks === 60 && Date.now() - start === 61_000, `${ticks} ticks in ${Date.now() - start}ms`);
  });

  // The real clock, outside any runtime or bubble.
  const t0 = performance.now();
  await sleep(20 * time.Millisecond);
  check(performance.now() - t0 >= 15, "real sleep");

  // Go's report of a deadlock.
  let report = "";
  try {
    await synctest.run(async () => {
      await chan<number>().recv();
    });
  } catch (e) {
    if (e instanceof GoFatalError) report = e.message;
  }
  check(/^deadlock: all goroutines in bubble are blocked\n/.test(report), `deadlock report: ${report}`);
  check(/\[chan receive\]/.test(report), `goroutine's wait reason: ${report}`);

  return `bundle: ok (${polls} polls, ${durationString(5 * time.Second)})`;
}

handler().then(
  (msg) => console.log(msg),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
