// Twin of test/conformance/go/deadlock_after_context_timer: a pending deadline moves the clock, its
// callback goroutine runs and uses an id, and only then is the deadlock reported.
import { chan, context, go, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const [ctx, cancel] = context.withTimeout(context.background(), time.Hour);
  const stop = context.afterFunc(ctx, () => {
    println("AfterFunc at", since(start), ctx.err());
    go(() => select([]));
  });
  try {
    const block = chan<number>();
    go(() => block.send(1));
    await time.sleep(time.Millisecond);
    await block.recv();
    println("received at", since(start));
    await block.recv();
  } finally {
    stop();
    cancel();
  }
}
