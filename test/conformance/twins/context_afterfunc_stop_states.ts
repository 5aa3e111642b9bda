// Twin of test/conformance/go/context_afterfunc_stop_states: context.AfterFunc's stop results in every state.
import { chan, context, Mutex, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ran = chan<string>(10);

  const [ctx1, cancel1] = context.withCancel(context.background());
  const stop1 = context.afterFunc(ctx1, () => ran.send("f1 ran"));
  const s1 = stop1();
  println("stop1 before cancel:", s1, "again:", stop1());
  cancel1();

  const stop2 = context.afterFunc(ctx1, () =>
    ran.send(`f2 ran at ${since(start)} err ${ctx1.err()?.message}`),
  );
  println("stop2 on a done context:", stop2());
  println(await ran.recv());

  const [parent, pcancel] = context.withTimeout(context.background(), 10 * time.Millisecond);
  const [child, ccancel] = context.withCancel(parent);
  const mu = new Mutex();
  let count = 0;
  const stop3 = context.afterFunc(child, async () => {
    await mu.lock();
    count++;
    mu.unlock();
    await ran.send(`f3 ran at ${since(start)} err ${child.err()?.message}`);
  });
  await child.done()!.recv();
  println("child done at", since(start), "err", child.err());
  ccancel();
  pcancel();
  println(await ran.recv());
  await time.sleep(time.Millisecond);
  await mu.lock();
  println("stop3 after f ran:", stop3(), "count:", count);
  mu.unlock();

  const stop4 = context.afterFunc(context.withoutCancel(child), () => ran.send("f4 ran"));
  await time.sleep(time.Millisecond);
  println("stop4 on WithoutCancel of a done context:", stop4());
  const stop5 = context.afterFunc(context.background(), () => ran.send("f5 ran"));
  const s5 = stop5();
  println("stop5 on Background:", s5, "again:", stop5());

  const [ctx6, cancel6] = context.withCancel(context.background());
  const stop6 = context.afterFunc(ctx6, async () => {
    await time.sleep(5 * time.Millisecond);
    await ran.send(`f6 finished at ${since(start)}`);
  });
  await time.sleep(2 * time.Millisecond);
  cancel6();
  cancel6();
  await time.sleep(time.Millisecond);
  println("stop6 while f runs:", stop6(), "at", since(start));
  println(await ran.recv());

  const [ctx7, cancel7] = context.withCancelCause(context.background());
  context.afterFunc(ctx7, () => ran.send(`f7 sees cause: ${(context.cause(ctx7) as Error).message}`));
  cancel7(new Error("why not"));
  println(await ran.recv());
  await time.sleep(time.Millisecond);
  println("left in ran:", ran.len, "at", since(start));
}
