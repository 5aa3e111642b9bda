// Twin of test/conformance/go/context_cancel_wake_order: the order in which Done waiters, a child's waiter
// and an AfterFunc run when a context is cancelled (GOMAXPROCS(1)).
import { chan, context, GOMAXPROCS, go, recv, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const [root, cancel] = context.withCancel(context.background());
  const [mid, cancelMid] = context.withCancel(root);
  try {
    const order: string[] = [];
    const never = chan<number>();
    go(async () => {
      await root.done()!.recv();
      order.push(`recv root ${root.err()!.message}`);
    });
    go(async () => {
      const r = await select([recv(root.done()), recv(never)] as const);
      if (r.index === 0) order.push(`select root ${root.err()!.message}`);
    });
    go(async () => {
      await mid.done()!.recv();
      order.push(`recv mid ${mid.err()!.message}`);
    });
    context.afterFunc(mid, () => {
      order.push(`afterfunc mid ${mid.err()!.message}`);
    });
    go(async () => {
      await time.sleep(5 * time.Millisecond);
      order.push("canceller before cancel");
      cancel();
      order.push("canceller after cancel");
    });
    await time.sleep(5 * time.Millisecond);
    order.push("main at 5ms");
    await time.sleep(time.Millisecond);
    for (const [i, s] of order.entries()) println(i, s);
    println("at", since(start));
  } finally {
    cancelMid();
  }
}
