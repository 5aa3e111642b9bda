// Twin of test/conformance/go/chan_unbuffered_handoff: unbuffered rendezvous, sender first and receiver first.
import { chan, go, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ch = chan<number>();
  const done = chan<time.Duration[]>();
  go(async () => {
    const sent: time.Duration[] = [];
    for (let i = 1; i <= 3; i++) {
      println("send", i, "starts at", since(start));
      await ch.send(i);
      sent.push(time.since(start));
      await time.sleep(5 * time.Millisecond);
    }
    await done.send(sent);
  });
  for (let i = 0; i < 3; i++) {
    await time.sleep(10 * time.Millisecond);
    const v = await ch.recv();
    println("received", v, "at", since(start));
  }
  for (const [i, d] of (await done.recv())!.entries()) {
    println("send", i + 1, "completed at", time.durationString(d));
  }
  // Receiver first: it blocks until the sender arrives.
  go(async () => {
    await time.sleep(7 * time.Millisecond);
    await ch.send(99);
  });
  println("receiver waits at", since(start));
  println("received", await ch.recv(), "at", since(start));
}
