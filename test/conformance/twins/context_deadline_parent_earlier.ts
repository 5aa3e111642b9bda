// Twin of test/conformance/go/context_deadline_parent_earlier: deadlines later than the parent's make a
// plain cancel context (WithCancel in its String), ending with the parent, without the given cause.
import { context, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const defers: (() => void)[] = [];
  try {
    const [parent, cancelParent] = context.withTimeout(context.background(), 10 * time.Millisecond);
    defers.push(cancelParent);
    const [later, cancelLater] = context.withTimeout(parent, time.Hour);
    defers.push(cancelLater);
    const [laterCause, cancelLaterCause] = context.withTimeoutCause(parent, time.Hour, new Error("too slow"));
    defers.push(cancelLaterCause);
    const [dl, cancelDl] = context.withDeadlineCause(parent, start.add(time.Minute), new Error("missed"));
    defers.push(cancelDl);
    const [same, cancelSame] = context.withDeadline(parent, start.add(10 * time.Millisecond));
    defers.push(cancelSame);
    const [earlier, cancelEarlier] = context.withTimeoutCause(
      parent,
      5 * time.Millisecond,
      new Error("child first"),
    );
    defers.push(cancelEarlier);
    for (const c of [later, laterCause, dl, same, earlier]) {
      const { deadline, ok } = c.deadline();
      println(String(c), "deadline", sub(deadline, start), ok);
    }
    await earlier.done()!.recv();
    println("earlier done at", since(start), earlier.err(), context.cause(earlier), "parent", parent.err());
    await later.done()!.recv();
    println("later done at", since(start));
    for (const c of [later, laterCause, dl, same]) println(c.err(), "/", context.cause(c));
    const [past, cancelPast] = context.withDeadlineCause(parent, start, new Error("already past"));
    defers.push(cancelPast);
    println(String(past), past.err(), context.cause(past));
    const [bg, cancelBg] = context.withDeadlineCause(context.background(), start, new Error("already past"));
    defers.push(cancelBg);
    println(bg.err(), context.cause(bg));
  } finally {
    for (const f of defers.reverse()) f();
  }
}
