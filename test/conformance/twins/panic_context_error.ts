// Twin of test/conformance/go/panic_context_error: throwing ctx.err() after a deadline prints Go's text.
import { context, go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const [ctx, cancel] = context.withTimeout(context.background(), 5 * time.Millisecond);
  try {
    go(async () => {
      await ctx.done()!.recv();
      println("done at", since(start));
      throw ctx.err();
    });
    await time.sleep(time.Second);
  } finally {
    cancel();
  }
}
