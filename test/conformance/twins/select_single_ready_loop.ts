// Twin of test/conformance/go/select_single_ready_loop: a select loop over channels ready one at a time.
import { type Chan, chan, go, recv, select, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const a = chan<string>();
  const b = chan<string>();
  const quit = chan<boolean>();
  const sendLater = (c: Chan<string>, name: string, d: time.Duration) => {
    go(async () => {
      await time.sleep(d);
      await c.send(name);
    });
  };
  sendLater(a, "a@30", 30 * time.Millisecond);
  sendLater(b, "b@10", 10 * time.Millisecond);
  sendLater(a, "a@20", 20 * time.Millisecond);
  sendLater(b, "b@40", 40 * time.Millisecond);
  go(async () => {
    await time.sleep(50 * time.Millisecond);
    quit.close();
  });
  for (;;) {
    const r = await select([recv(a), recv(b), recv(quit)] as const);
    switch (r.index) {
      case 0:
        println("a:", r.value, "at", since(start));
        break;
      case 1:
        println("b:", r.value, "at", since(start));
        break;
      case 2:
        println("quit at", since(start));
        return;
    }
  }
}
