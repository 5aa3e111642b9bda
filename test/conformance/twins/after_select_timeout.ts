// Twin of test/conformance/go/after_select_timeout: time.After as a select timeout.
import { chan, go, recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ch = chan<string>();
  go(async () => {
    await time.sleep(30 * time.Millisecond);
    await ch.send("late");
  });
  {
    const r = await select([recv(ch), recv(time.after(20 * time.Millisecond))] as const);
    if (r.index === 0) println("received", r.value);
    else println("timeout, value", sub(r.value, start), "at", since(start));
  }
  println("then received", await ch.recv(), "at", since(start));
  go(async () => {
    await time.sleep(10 * time.Millisecond);
    await ch.send("early");
  });
  {
    const r = await select([recv(ch), recv(time.after(50 * time.Millisecond))] as const);
    if (r.index === 0) println("received", r.value, "at", since(start));
    else println("timeout");
  }
  await time.sleep(100 * time.Millisecond);
  println("done at", since(start));
}
