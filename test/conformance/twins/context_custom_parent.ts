// Twin of test/conformance/go/context_custom_parent: contexts derived from a Context implementation with a
// Done channel of its own (a goroutine links them) and from one that only wraps a standard context.
import { type Chan, chan, context, numGoroutine, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

const errStopped = new Error("custom parent stopped");

/** Go's `custom`: embeds Background, has a Done channel of its own and reports errStopped once closed. */
class Custom implements context.Context {
  readonly doneCh: Chan<void> = chan<void>();
  private readonly ac = new AbortController();
  deadline() {
    return context.background().deadline();
  }
  done(): Chan<void> {
    return this.doneCh;
  }
  err(): Error | null {
    return this.doneCh.tryRecv() !== null ? errStopped : null;
  }
  value(key: unknown): unknown {
    return context.background().value(key);
  }
  get signal(): AbortSignal {
    return this.ac.signal;
  }
  stop(): void {
    this.doneCh.close();
    this.ac.abort(errStopped);
  }
}

/** Go's `wrapper`: only embeds a context, so every method is the embedded one's. */
class Wrapper implements context.Context {
  private readonly c: context.Context;
  constructor(c: context.Context) {
    this.c = c;
  }
  deadline() {
    return this.c.deadline();
  }
  done() {
    return this.c.done();
  }
  err() {
    return this.c.err();
  }
  value(key: unknown): unknown {
    return this.c.value(key);
  }
  get signal(): AbortSignal {
    return this.c.signal;
  }
}

export async function main(): Promise<void> {
  const start = time.now();
  println("goroutines at start:", numGoroutine());
  const p = new Custom();
  const [child, cancelChild] = context.withCancel(p);
  const [grand, cancelGrand] = context.withTimeout(child, time.Hour);
  let cancelWC = () => {};
  try {
    println("after WithCancel(custom):", numGoroutine());
    const [other, cancelOther] = context.withCancel(p);
    println("after a second WithCancel(custom):", numGoroutine());
    cancelOther();
    await time.sleep(time.Millisecond);
    println("after cancelling it:", numGoroutine(), "err:", other.err(), "cause:", context.cause(other));
    time.afterFunc(0, async () => {
      await time.sleep(10 * time.Millisecond);
      p.stop();
    });
    await grand.done()!.recv();
    println("grandchild done at", since(start), "err:", grand.err(), "cause:", context.cause(grand));
    println(
      "child err:",
      child.err(),
      "cause:",
      context.cause(child),
      "is errStopped:",
      child.err() === errStopped,
    );
    await time.sleep(time.Millisecond);
    println("goroutines after:", numGoroutine());

    const [base, cancelBase] = context.withCancelCause(context.background());
    const w = new Wrapper(base);
    const [wc, cwc] = context.withCancel(w);
    cancelWC = cwc;
    println("after WithCancel(wrapper):", numGoroutine());
    cancelBase(new Error("base gone"));
    println(
      "wrapper's child err:",
      wc.err(),
      "cause:",
      context.cause(wc),
      "wrapper cause:",
      context.cause(w),
    );
    const af = context.afterFunc(p, () => println("AfterFunc on a done custom parent"));
    await time.sleep(time.Millisecond);
    println("stop:", af(), "goroutines:", numGoroutine());
  } finally {
    cancelWC();
    cancelGrand();
    cancelChild();
  }
}
