// Twin of test/conformance/go/deadlock_select_empty: `select {}` in main, a send on a nil channel.
import { type Chan, go, select, send, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const nilc: Chan<number> | null = null;
  go(async () => {
    await select([send(nilc, 1)] as const);
  });
  go(async () => {
    await time.sleep(25 * time.Millisecond);
    println("sleeper done at", since(start));
  });
  await select([]);
}
