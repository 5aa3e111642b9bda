// Twin of test/conformance/go/errgroup_context_cause: the first error cancels the derived context with
// itself as the cause; Wait cancels it too.
import { context, errgroup, recv, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const [g, ctx] = errgroup.withContext(context.background());
  for (let i = 0; i < 2; i++) {
    await g.go(async () => {
      const r = await select([recv(ctx.done()), recv(time.after(time.Second))] as const);
      if (r.index === 0) return new Error(`worker ${i} stopped: ${ctx.err()?.message}`);
      return null;
    });
  }
  await g.go(async () => {
    await time.sleep(15 * time.Millisecond);
    return new Error("disk full");
  });
  await ctx.done()!.recv();
  println("ctx done at", since(start), "err:", ctx.err(), "cause:", context.cause(ctx));
  println("wait:", await g.wait(), "at", since(start));

  const [g2, ctx2] = errgroup.withContext(context.background());
  await g2.go(async () => {
    await time.sleep(10 * time.Millisecond);
    return null;
  });
  println("before wait:", ctx2.err());
  const err2 = await g2.wait();
  println("wait:", err2, "ctx:", ctx2.err(), "cause:", context.cause(ctx2), "at", since(start));

  const [parent, cancel] = context.withCancelCause(context.background());
  const [g3, ctx3] = errgroup.withContext(parent);
  await g3.go(async () => {
    await ctx3.done()!.recv();
    return context.cause(ctx3) as Error;
  });
  await time.sleep(5 * time.Millisecond);
  cancel(new Error("parent gone"));
  const err3 = await g3.wait();
  println("parent cancelled, wait:", err3, "cause:", context.cause(ctx3), "at", since(start));
}
