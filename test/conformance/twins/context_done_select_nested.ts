// Twin of test/conformance/go/context_done_select_nested: workers select on Done and a ticker over a tree
// of contexts cancelled leaf first, then by a deadline, then at the root.
import { context, go, Mutex, recv, select, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const [root, cancelRoot] = context.withCancel(context.background());
  const [mid, cancelMid] = context.withTimeout(root, 30 * time.Millisecond);
  const [leaf, cancelLeaf] = context.withCancel(mid);
  const [midLeaf, cancelMidLeaf] = context.withCancel(mid);
  const [other, cancelOther] = context.withCancel(root);
  try {
    const mu = new Mutex();
    const report: string[] = [];
    const wg = new WaitGroup();
    const work = async (name: string, ctx: context.Context) => {
      const tk = time.newTicker(7 * time.Millisecond);
      try {
        let ticks = 0;
        for (;;) {
          const r = await select([recv(ctx.done()), recv(tk.c)] as const);
          if (r.index === 0) {
            await mu.lock();
            report.push(`${name} stopped at ${since(start)} after ${ticks} ticks: ${ctx.err()?.message}`);
            mu.unlock();
            return;
          }
          ticks++;
        }
      } finally {
        tk.stop();
        wg.done();
      }
    };
    for (const [name, ctx] of [
      ["root", root],
      ["mid", mid],
      ["leaf", leaf],
      ["midLeaf", midLeaf],
      ["other", other],
    ] as const) {
      wg.add(1);
      go(work, name, ctx);
    }
    await time.sleep(15 * time.Millisecond);
    cancelLeaf();
    println("leaf cancelled at", since(start), "mid err:", mid.err());
    await time.sleep(25 * time.Millisecond);
    println(
      "at",
      since(start),
      "mid err:",
      mid.err(),
      "midLeaf err:",
      midLeaf.err(),
      "root err:",
      root.err(),
    );
    cancelRoot();
    await wg.wait();
    report.sort();
    for (const r of report) println(r);
    println("all stopped at", since(start));
  } finally {
    cancelOther();
    cancelMidLeaf();
    cancelMid();
  }
}
