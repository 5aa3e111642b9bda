// Twin of test/conformance/go/context_deadline_past: a deadline in the past, WithTimeout(0) and negative.
import { context, recv, time, trySelect } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  await time.sleep(10 * time.Millisecond);
  const [ctx, cancel] = context.withDeadline(context.background(), start);
  try {
    const r = trySelect([recv(ctx.done())] as const);
    if (r !== null) println("past deadline: done immediately at", since(start), "err:", ctx.err());
    else println("past deadline: not done");
    const [ctx2, cancel2] = context.withTimeout(context.background(), 0);
    try {
      println("WithTimeout(0) err:", ctx2.err());
      const [ctx3, cancel3] = context.withTimeout(context.background(), -time.Second);
      try {
        await ctx3.done()!.recv();
        println("WithTimeout(-1s) done at", since(start), "err:", ctx3.err());
      } finally {
        cancel3();
      }
    } finally {
      cancel2();
    }
  } finally {
    cancel();
  }
}
