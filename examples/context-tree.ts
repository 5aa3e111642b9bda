// A context cancellation tree. Cancelling a context cancels everything below it; a deadline only cuts
// its own subtree short.
//
//   root (withCancel)                       cancelled by main at 1.1s
//   ├── api (withTimeout 2s)
//   │   ├── db (withTimeout 500ms)          its query needs 800ms: deadline exceeded at 500ms
//   │   └── cache (withCancel)              refreshes every 300ms until cancelled
//   └── jobs (withValue job=nightly)
//       └── report (withCancel)             waits for work until cancelled
//
//   gort run --faketime --timestamps examples/context-tree.ts

import { context, recv, select, time, WaitGroup } from "../src/index.ts";

/** Waits until ctx is done or `work` has elapsed; reports which. */
async function task(name: string, ctx: context.Context, work: time.Duration): Promise<void> {
  const start = time.now();
  const r = await select([recv(ctx.done()), recv(time.after(work))] as const);
  const took = time.durationString(time.since(start));
  if (r.index === 0) console.log(`${name}: stopped after ${took}: ${ctx.err()!.message}`);
  else console.log(`${name}: finished after ${took}`);
}

/** Refreshes every period until ctx is done. */
async function refresher(name: string, ctx: context.Context, period: time.Duration): Promise<void> {
  const ticker = time.newTicker(period);
  let n = 0;
  try {
    for (;;) {
      const r = await select([recv(ctx.done()), recv(ticker.c)] as const);
      if (r.index === 0) {
        console.log(`${name}: stopped after ${n} refreshes: ${ctx.err()!.message}`);
        return;
      }
      n++;
      console.log(`${name}: refresh ${n}`);
    }
  } finally {
    ticker.stop();
  }
}

export async function main() {
  const ms = time.Millisecond;
  const [root, cancelRoot] = context.withCancel(context.background());
  const [api, cancelAPI] = context.withTimeout(root, 2 * time.Second);
  const [db, cancelDB] = context.withTimeout(api, 500 * ms);
  const [cache, cancelCache] = context.withCancel(api);
  const jobs = context.withValue(root, "job", "nightly");
  const [report, cancelReport] = context.withCancel(jobs);

  const wg = new WaitGroup();
  wg.go(() => task("db query", db, 800 * ms));
  wg.go(() => refresher("cache", cache, 300 * ms));
  wg.go(() => task(`report (job=${String(report.value("job"))})`, report, time.Hour));
  wg.go(() => task("api health check", api, 100 * ms));

  await time.sleep(1100 * ms);
  console.log("main: cancelling root");
  cancelRoot();
  await wg.wait();

  for (const [name, c] of [
    ["root", root],
    ["api", api],
    ["db", db],
    ["cache", cache],
    ["jobs", jobs],
    ["report", report],
  ] as const) {
    console.log(`${name.padEnd(6)} err=${c.err()?.message ?? "nil"}`);
  }
  for (const f of [cancelAPI, cancelDB, cancelCache, cancelReport]) f();
}
