// Twin of test/conformance/go/select_ticker_vs_context_deadline: a deadline on a tick: the tick is
// delivered first, the next pass sees Done.
import { context, GOMAXPROCS, recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  for (const created of ["ticker first", "context first"]) {
    let tk: time.Ticker;
    let ctx: context.Context;
    let cancel: context.CancelFunc;
    if (created === "ticker first") {
      tk = time.newTicker(10 * time.Millisecond);
      [ctx, cancel] = context.withTimeout(context.background(), 30 * time.Millisecond);
    } else {
      [ctx, cancel] = context.withTimeout(context.background(), 30 * time.Millisecond);
      tk = time.newTicker(10 * time.Millisecond);
    }
    const base = time.now();
    const log: string[] = [];
    for (;;) {
      const r = await select([recv(ctx.done()), recv(tk.c)] as const);
      if (r.index === 0) {
        log.push(`done at ${since(base)} ${ctx.err()?.message}`);
        break;
      }
      log.push(`tick ${sub(r.value, base)} at ${since(base)} err ${ctx.err()?.message ?? "<nil>"}`);
    }
    tk.stop();
    cancel();
    println(created, log);
  }
  println("end at", since(start));
}
