// Twin of test/conformance/go/context_cause_through_values: Cause through withValue and withoutCancel,
// a child's own cause, cancel(null), a second cancel, a zero timeout with a cause.
import { context } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  const k = Symbol("k");
  const [root, cancelRoot] = context.withCancelCause(context.background());
  const v = context.withValue(root, k, "v");
  const wo = context.withoutCancel(v);
  const [child, cancelChild] = context.withCancelCause(v);
  const [nilCause, cancelNil] = context.withCancelCause(v);
  cancelNil(null);
  println("cancel(nil):", nilCause.err(), "/", context.cause(nilCause));
  cancelChild(new Error("child's own"));
  cancelRoot(new Error("root's"));
  cancelRoot(new Error("again"));
  println("root:", root.err(), "/", context.cause(root));
  println("value ctx:", v.err(), "/", context.cause(v), "value:", v.value(k));
  println("child:", child.err(), "/", context.cause(child));
  println(
    "WithoutCancel:",
    wo.err(),
    "/",
    context.cause(wo),
    "value:",
    wo.value(k),
    "done nil:",
    wo.done() === null,
  );
  println("Background:", context.cause(context.background()));
  const [late, cancelLate] = context.withCancelCause(v);
  try {
    println("created after:", late.err(), "/", context.cause(late));
    const [tctx, cancelT] = context.withTimeoutCause(context.background(), 0, new Error("no time"));
    println("timeout 0 with cause:", tctx.err(), "/", context.cause(tctx));
    cancelT();
  } finally {
    cancelLate(null);
  }
}
