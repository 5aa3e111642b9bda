// Twin of test/conformance/go/select_default: select with default.
import { chan, recv, send, time, trySelect } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ch = chan<number>(1);
  {
    const r = trySelect([recv(ch)] as const);
    if (r !== null) println("received", r.value);
    else println("empty buffered channel: default");
  }
  await ch.send(7);
  {
    const r = trySelect([recv(ch)] as const);
    if (r !== null) println("ready buffered channel: received", r.value);
    else println("default");
  }
  const unbuf = chan<number>();
  {
    const r = trySelect([send(unbuf, 1)] as const);
    if (r !== null) println("sent");
    else println("unbuffered send without receiver: default");
  }
  const t = time.newTimer(10 * time.Millisecond);
  {
    const r = trySelect([recv(t.c)] as const);
    if (r !== null) println("timer value");
    else println("pending timer: default at", since(start));
  }
  await time.sleep(10 * time.Millisecond);
  {
    const r = trySelect([recv(t.c)] as const);
    if (r !== null) println("expired timer: received value", sub(r.value, start));
    else println("default");
  }
}
