// The README's Go-style example, run by test/readme/readme.test.ts.
import { chan, context, go, Runtime, recv, select, time } from "../../src/index.ts";

export async function main(log: (...a: unknown[]) => void = console.log): Promise<void> {
  await new Runtime({ clock: "fake" }).run(async () => {
    const start = time.now();
    const [ctx, cancel] = context.withTimeout(context.background(), 350 * time.Millisecond);
    const ticker = time.newTicker(100 * time.Millisecond);
    const results = chan<string>();
    go(async () => {
      await time.sleep(250 * time.Millisecond);
      await results.send("work done");
    });
    for (let done = false; !done; ) {
      const r = await select([recv(ticker.c), recv(results), recv(ctx.done())] as const);
      const at = time.durationString(time.since(start));
      if (r.index === 0) log(at, "tick");
      else if (r.index === 1) log(at, r.value);
      else {
        log(at, ctx.err()?.message);
        done = true;
      }
    }
    ticker.stop();
    cancel();
  });
}
