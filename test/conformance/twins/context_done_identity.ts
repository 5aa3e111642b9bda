// Twin of test/conformance/go/context_done_identity: Done channel identity (one per context, a shared closed
// channel for contexts cancelled before anyone asked, passed through by WithValue, nil for Background, TODO
// and WithoutCancel).
import { context, recv, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const key = Symbol("key");
  const [a, cancelA] = context.withCancel(context.background());
  const first = a.done();
  println("same channel twice:", first === a.done());
  const [b, cancelB] = context.withCancel(context.background());
  const [c, cancelC] = context.withTimeout(context.background(), time.Hour);
  cancelB();
  cancelC();
  println(
    "cancelled before Done: b and c share a channel:",
    b.done() === c.done(),
    "a's is another:",
    a.done() !== b.done(),
  );
  const d = a.done();
  cancelA();
  println("a's channel kept after cancel:", a.done() === d, "and is not the shared one:", d !== b.done());
  const v = context.withValue(a, key, 1);
  println("WithValue passes Done through:", v.done() === a.done());
  println(
    "nil Done: Background",
    context.background().done() === null,
    "TODO",
    context.todo().done() === null,
    "WithoutCancel",
    context.withoutCancel(a).done() === null,
  );
  const r = await select([
    recv(context.withoutCancel(a).done()),
    recv(time.after(5 * time.Millisecond)),
  ] as const);
  if (r.index === 0) println("nil Done ready?");
  else println("nil Done never ready: timeout at", since(start));
  const [e, cancelE] = context.withCancel(b);
  try {
    println(
      "child of a cancelled context: done at once, shares the closed channel:",
      e.err(),
      e.done() === b.done(),
    );
  } finally {
    cancelE();
  }
}
