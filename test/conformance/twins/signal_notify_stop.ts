// Twin of test/conformance/go/signal_notify_stop: stop cancels; a registered signal does not end the
// program; a cancelled parent's NotifyContext is done at once; a parent's cancellation reaches it.
import { context, signal } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const [ctx, stop] = signal.notifyContext(context.background(), "SIGINT");
  println("before stop:", ctx.err());
  stop();
  println("after stop:", ctx.err(), "cause:", context.cause(ctx));
  stop();

  const [ctx2, stop2] = signal.notifyContext(context.background(), "SIGINT");
  process.kill(process.pid, "SIGINT");
  await ctx2.done()!.recv();
  println("first SIGINT cancelled:", ctx2.err());
  process.kill(process.pid, "SIGINT");
  println("second SIGINT while registered: still running");
  stop2();

  const [parent, cancel] = context.withCancel(context.background());
  cancel();
  const [ctx3, stop3] = signal.notifyContext(parent, "SIGTERM");
  println("cancelled parent:", ctx3.err());
  stop3();

  const [parent4, cancel4] = context.withCancelCause(context.background());
  const [ctx4, stop4] = signal.notifyContext(parent4, "SIGTERM");
  cancel4(new Error("shutdown requested"));
  await ctx4.done()!.recv();
  println("parent cancelled later:", ctx4.err(), "cause:", context.cause(ctx4));
  stop4();
}
