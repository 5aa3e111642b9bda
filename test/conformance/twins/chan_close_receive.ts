// Twin of test/conformance/go/chan_close_receive: receive after close; close wakes every blocked receiver.
import { chan, go, recv, time, trySelect } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ch = chan<number>(2);
  await ch.send(10);
  await ch.send(20);
  ch.close();
  for (let i = 0; i < 4; i++) {
    const { value, ok } = await ch.recvOk();
    println("receive", i, "value", value ?? 0, "ok", ok);
  }
  const s = chan<string>();
  const done = chan<boolean>();
  for (let i = 0; i < 3; i++) {
    go(async () => {
      const { value, ok } = await s.recvOk();
      println(`receiver ${i} woke at ${since(start)}: ${JSON.stringify(value ?? "")} ${ok}`);
      await done.send(true);
    });
  }
  await time.sleep(10 * time.Millisecond);
  s.close();
  for (let i = 0; i < 3; i++) {
    await done.recv();
  }
  const r = trySelect([recv(s)] as const);
  if (r !== null) println(`select on closed channel: ${JSON.stringify(r.value ?? "")} ${r.ok}`);
  else println("default");
}
