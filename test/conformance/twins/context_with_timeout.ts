// Twin of test/conformance/go/context_with_timeout: WithTimeout's Deadline, Done at 50ms, Err, Cause, cancel.
import { context, recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const [ctx, cancel] = context.withTimeout(context.background(), 50 * time.Millisecond);
  try {
    const { deadline: dl, ok } = ctx.deadline();
    println("deadline", sub(dl, start), ok, "err", ctx.err());
    const r = await select([recv(ctx.done()), recv(time.after(20 * time.Millisecond))] as const);
    if (r.index === 0) println("done early");
    else println("still running at", since(start), "err", ctx.err());
    await ctx.done()!.recv();
    println("done at", since(start), "err:", ctx.err());
    println("cause:", context.cause(ctx));
    cancel();
    println("err after cancel:", ctx.err());
  } finally {
    cancel();
  }
}
