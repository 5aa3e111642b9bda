// Twin of test/conformance/go/context_cause_tree: context.Cause across a tree of contexts.
import { context, time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const errP = new Error("parent cause");
  const errC = new Error("child cause");
  const [root, rootCancel] = context.withCancelCause(context.background());
  const [a, aCancel] = context.withCancelCause(root);
  const [b, bCancel] = context.withCancel(root);
  const v = context.withValue(a, "k", "v");
  const [t, tCancel] = context.withTimeoutCause(v, time.Hour, new Error("an hour passed"));
  const wc = context.withoutCancel(a);
  const show = (name: string, c: context.Context) => {
    println(name, "err:", c.err(), "cause:", context.cause(c));
  };
  show("root", root);
  show("a", a);
  aCancel(errC);
  aCancel(new Error("second cause ignored"));
  println("after aCancel(child cause):");
  show("a", a);
  show("v", v);
  show("t", t);
  show("wc", wc);
  show("root", root);
  show("b", b);
  rootCancel(errP);
  println("after rootCancel(parent cause):");
  show("root", root);
  show("a", a);
  show("b", b);
  bCancel();
  tCancel();
  show("b", b);
  show("t", t);
  const [late, lateCancel] = context.withTimeout(root, time.Hour);
  show("late", late);
  lateCancel();
  const lv = context.withValue(late, "x", 1);
  show("value of late", lv);
  println(
    "Is(cause(t), Canceled):",
    context.cause(t) === context.Canceled,
    "t.Err() == Canceled:",
    t.err() === context.Canceled,
  );

  const [n, nCancel] = context.withCancelCause(context.background());
  nCancel(null);
  println("cancel(nil): cause == Canceled:", context.cause(n) === context.Canceled);
  show("background", context.background());

  const [d, dCancel] = context.withTimeout(context.background(), 5 * time.Millisecond);
  const [dd, ddCancel] = context.withCancelCause(d);
  await dd.done()!.recv();
  println("at", time.durationString(time.since(start)));
  show("d", d);
  show("dd", dd);
  ddCancel(new Error("too late"));
  dCancel();
  show("dd", dd);
}
