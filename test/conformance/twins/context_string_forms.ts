// Twin of test/conformance/go/context_string_forms: String(ctx) of every kind of context, before and after
// cancellation, and of signal.notifyContext's.
import { context, signal, time } from "../../../src/index.ts";
import { println } from "./harness.ts";

class Named {
  constructor(readonly n: string) {}
  toString(): string {
    return `named(${this.n})`;
  }
}

export async function main(): Promise<void> {
  const bg = context.background();
  println(bg);
  println(context.todo());
  const [c1, cancel1] = context.withCancel(bg);
  println(c1);
  const [c2, cancel2] = context.withCancelCause(c1);
  println(c2);
  const [d, cancelD] = context.withDeadline(bg, time.date(2030, time.January, 1, 0, 0, 0, 0, time.UTC));
  println(d);
  const [t, cancelT] = context.withTimeout(c1, 1500 * time.Millisecond);
  println(t);
  await time.sleep(500 * time.Millisecond);
  println(t);
  const [tc, cancelTC] = context.withTimeoutCause(bg, time.Second, new Error("slow"));
  println(tc);
  println(context.withValue(bg, "user", "gopher"));
  println(context.withValue(bg, new Named("k"), new Named("v")));
  println(context.withValue(bg, new Named("k"), null));
  const v = context.withValue(c1, "a", "b");
  println(context.withoutCancel(v));
  const [w, cancelW] = context.withCancel(context.withoutCancel(v));
  println(w);
  cancel1();
  cancel2(null);
  cancelD();
  cancelT();
  cancelTC();
  cancelW();
  println(c1, c2, t);
  const [n1, stop1] = signal.notifyContext(bg, "SIGTERM");
  println(n1);
  const [n2, stop2] = signal.notifyContext(context.withValue(bg, "k", "v"), "SIGINT", "SIGTERM", "SIGHUP");
  println(n2);
  const [n3, stop3] = signal.notifyContext(bg, "SIGUSR1", "SIGWINCH", "SIGQUIT");
  println(n3);
  stop1();
  stop2();
  stop3();
  println(n1);
  const [n4, stop4] = signal.notifyContext(n1);
  println(n4);
  println(context.withValue(n2, "x", "y"));
  stop4();
}
