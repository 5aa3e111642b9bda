// Twin of test/conformance/go/context_cause: context.Cause with WithCancelCause and WithTimeoutCause;
// context.AfterFunc's stop results.
import { chan, context, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const [ctx, cancel] = context.withCancelCause(context.background());
  const ranAt = chan<time.Duration>(1);
  const stop = context.afterFunc(ctx, async () => {
    await ranAt.send(time.since(start));
  });
  await time.sleep(10 * time.Millisecond);
  cancel(new Error("shutting down"));
  println("err:", ctx.err(), "cause:", context.cause(ctx));
  println("AfterFunc ran at", time.durationString((await ranAt.recv())!));
  await time.sleep(time.Millisecond);
  println("stop after AfterFunc ran:", stop());

  const [tctx, tcancel] = context.withTimeoutCause(
    context.background(),
    15 * time.Millisecond,
    new Error("too slow"),
  );
  try {
    await tctx.done()!.recv();
    println("timeout at", since(start), "err:", tctx.err(), "cause:", context.cause(tctx));

    const [c2, cancel2] = context.withCancel(context.background());
    const stop2 = context.afterFunc(c2, () => println("not reached"));
    println("stop before cancel:", stop2());
    cancel2();
    println("cause of plain cancel:", context.cause(c2));
    await time.sleep(time.Millisecond);
  } finally {
    tcancel();
  }
}
