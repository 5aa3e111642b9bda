// Twin of test/conformance/go/deadlock_context_helpers: the goroutines the context package starts (deadline
// callback, AfterFunc's f, the link to a parent with its own Done channel) use ids and appear in a
// deadlock report.
import { type Chan, chan, context, GOMAXPROCS, go, numGoroutine, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

/** Go's `custom`: embeds Background, with a Done channel of its own. */
class Custom implements context.Context {
  readonly doneCh: Chan<void> = chan<void>();
  deadline() {
    return context.background().deadline();
  }
  done(): Chan<void> {
    return this.doneCh;
  }
  err(): Error | null {
    return context.background().err();
  }
  value(key: unknown): unknown {
    return context.background().value(key);
  }
  get signal(): AbortSignal {
    return context.background().signal;
  }
}

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const defers: (() => void)[] = []; // Go's deferred cancels
  try {
    const [t, cancelT] = context.withTimeout(context.background(), 5 * time.Millisecond);
    defers.push(cancelT);
    const ran = chan<boolean>();
    context.afterFunc(t, () => ran.send(true));
    await t.done()!.recv();
    await ran.recv();
    println("deadline and AfterFunc ran at", since(start));
    const p = new Custom();
    const [child, cancelChild] = context.withCancel(p);
    defers.push(cancelChild);
    const block = chan<number>();
    go(() => child.done()!.recv());
    go(() => block.send(1));
    await time.sleep(time.Millisecond);
    println("goroutines:", numGoroutine());
    await p.doneCh.recv();
  } finally {
    for (const f of defers.reverse()) f();
  }
}
