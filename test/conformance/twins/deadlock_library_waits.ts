// Twin of test/conformance/go/deadlock_library_waits: goroutines blocked inside semaphore.acquire,
// errgroup's go and wait, a context's done channel, Once.do and a stopped Ticker, as a deadlock lists them.
import { chan, context, errgroup, go, Once, semaphore, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const sem = semaphore.newWeighted(2);
  await sem.acquire(context.background(), 2);
  go(() => sem.acquire(context.background(), 1));
  go(() => sem.acquire(context.background(), 3));
  const g = new errgroup.Group();
  g.setLimit(1);
  const block = chan<number>();
  await g.go(async () => {
    await block.recv();
    return null;
  });
  go(() => g.go(() => null));
  go(() => g.wait());
  const [ctx, cancel] = context.withCancel(context.background());
  try {
    go(() => ctx.done()!.recv());
    const once = new Once();
    go(() => once.do(() => block.recv()));
    go(() => once.do(() => {}));
    const tk = time.newTicker(time.Millisecond);
    tk.stop();
    go(() => tk.c.recv());
    const wg = new WaitGroup();
    wg.add(1);
    await time.sleep(time.Millisecond);
    println("main waits at", since(start));
    await wg.wait();
  } finally {
    cancel();
  }
}
