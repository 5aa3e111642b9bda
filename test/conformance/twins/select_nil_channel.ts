// Twin of test/conformance/go/select_nil_channel: nil-channel cases are never chosen.
import { type Chan, chan, recv, select, send, time, trySelect } from "../../../src/index.ts";
import { println, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const nilc: Chan<number> | null = null;
  const ready = chan<number>(1);
  await ready.send(1);
  for (let i = 0; i < 3; i++) {
    const r = await select([recv(nilc), send(nilc, 2), recv(ready)] as const);
    switch (r.index) {
      case 0:
        println("nil receive chosen", r.value);
        break;
      case 1:
        println("nil send chosen");
        break;
      case 2:
        println("ready channel chosen", r.value);
        await ready.send(r.value! + 1);
        break;
    }
  }
  {
    const r = await select([recv(nilc), send(nilc, 1), recv(time.after(10 * time.Millisecond))] as const);
    switch (r.index) {
      case 0:
        println("nil receive chosen");
        break;
      case 1:
        println("nil send chosen");
        break;
      case 2:
        println("only the timer can fire: value", sub(r.value, start));
        break;
    }
  }
  {
    const r = trySelect([recv(nilc)] as const);
    if (r !== null) println("nil receive chosen");
    else println("nil channel with default: default");
  }
}
