// Twin of test/conformance/go/signal_notify_context: the program sends itself SIGTERM.
import { context, gosched, numGoroutine, signal, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  await time.sleep(10 * time.Millisecond);
  println("goroutines before:", numGoroutine());
  const [ctx, stop] = signal.notifyContext(context.background(), "SIGINT", "SIGTERM");
  try {
    println("goroutines after NotifyContext:", numGoroutine(), "err:", ctx.err());
    process.kill(process.pid, "SIGTERM");
    await ctx.done()!.recv();
    println("signalled at", since(start), "err:", ctx.err(), "cause:", context.cause(ctx));
    await gosched();
    println("goroutines once cancelled:", numGoroutine());
  } finally {
    stop();
  }
}
