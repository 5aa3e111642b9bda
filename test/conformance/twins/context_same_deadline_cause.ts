// Twin of test/conformance/go/context_same_deadline_cause: which cause a child gets when its deadline and
// its parent's fire at the same instant; later and earlier child deadlines; a deadline in the past.
import { context, GOMAXPROCS, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const cancels: (() => void)[] = [];
  try {
    const [parent, pc] = context.withTimeoutCause(
      context.background(),
      10 * time.Millisecond,
      new Error("parent slow"),
    );
    cancels.push(pc);
    const [same, sc] = context.withTimeoutCause(parent, 10 * time.Millisecond, new Error("same slow"));
    cancels.push(sc);
    const [later, lc] = context.withTimeoutCause(parent, 20 * time.Millisecond, new Error("later slow"));
    cancels.push(lc);
    const [earlier, ec] = context.withTimeout(parent, 5 * time.Millisecond);
    cancels.push(ec);
    println("later's deadline:", sub(later.deadline().deadline, start));
    await earlier.done()!.recv();
    println("earlier done at", since(start), "err:", earlier.err(), "cause:", context.cause(earlier));
    println("parent err at 5ms:", parent.err());
    await same.done()!.recv();
    println("same done at", since(start));
    await time.sleep(time.Millisecond);
    for (const [name, ctx] of [
      ["parent", parent],
      ["same", same],
      ["later", later],
      ["earlier", earlier],
    ] as const) {
      println(name, "err:", ctx.err(), "cause:", context.cause(ctx));
    }
    const [p2, pc2] = context.withDeadlineCause(
      context.background(),
      start.add(30 * time.Millisecond),
      new Error("p2"),
    );
    cancels.push(pc2);
    await time.sleep(4 * time.Millisecond);
    const [c2, cc2] = context.withDeadlineCause(p2, start.add(30 * time.Millisecond), new Error("c2"));
    cancels.push(cc2);
    await c2.done()!.recv();
    println("c2 done at", since(start));
    await time.sleep(time.Millisecond);
    println("p2 cause:", context.cause(p2), "c2 cause:", context.cause(c2));
    const [past, pastCancel] = context.withDeadlineCause(
      context.background(),
      start,
      new Error("already past"),
    );
    println("past deadline: err:", past.err(), "cause:", context.cause(past));
    pastCancel();
    println("after cancel: err:", past.err(), "cause:", context.cause(past));
  } finally {
    for (const c of cancels.reverse()) c(); // Go's deferred cancels, last first
  }
}
