// Twin of test/conformance/go/context_deadline_vs_sleep_same_instant: a deadline and a sleep ending at the
// same instant; the deadline's callback goroutine runs after the sleeper woken by its own timer.
import { type Chan, chan, context, GOMAXPROCS, go, gosched, recv, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const defers: (() => void)[] = [];
  try {
    const [ctx, cancel] = context.withTimeout(context.background(), 10 * time.Millisecond);
    defers.push(cancel);
    await time.sleep(10 * time.Millisecond);
    println("main after Sleep(10ms) at", since(start), "err:", ctx.err());
    await gosched();
    println("after Gosched:", ctx.err());

    const res: Chan<string> = chan<string>(1);
    let c2: context.Context | null = null;
    go(async () => {
      await time.sleep(10 * time.Millisecond);
      await res.send(`goroutine slept first, err: ${c2!.err()?.message ?? "<nil>"}`);
    });
    await gosched();
    const [ctx2, cancel2] = context.withTimeout(context.background(), 10 * time.Millisecond);
    defers.push(cancel2);
    c2 = ctx2;
    println(await res.recv(), "at", since(start));

    const [ctx3, cancel3] = context.withTimeout(context.background(), 10 * time.Millisecond);
    defers.push(cancel3);
    time.afterFunc(10 * time.Millisecond, () =>
      res.send(`AfterFunc sees err: ${ctx3.err()?.message ?? "<nil>"}`),
    );
    await ctx3.done()!.recv();
    println("ctx3 done at", since(start));
    println(await res.recv());

    const tm = time.newTimer(10 * time.Millisecond);
    const [ctx4, cancel4] = context.withTimeout(context.background(), 10 * time.Millisecond);
    defers.push(cancel4);
    const r = await select([recv(tm.c), recv(ctx4.done())] as const);
    if (r.index === 0) println("timer first at", since(start), "err:", ctx4.err());
    else println("ctx4 first at", since(start));
  } finally {
    for (const f of defers.reverse()) f();
  }
}
