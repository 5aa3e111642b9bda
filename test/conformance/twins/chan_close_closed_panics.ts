// Twin of test/conformance/go/chan_close_closed_panics: close of a closed channel panics; values still drain.
import { type Chan, chan, time } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

function closeTwice(ch: Chan<number>): void {
  let r: unknown = null;
  try {
    ch.close();
    println("first close ok, len", ch.len);
    ch.close();
    println("not reached");
  } catch (e) {
    r = e;
  } finally {
    println("second close recovered:", recovered(r));
  }
}

export async function main(): Promise<void> {
  const start = time.now();
  closeTwice(chan<number>());
  const b = chan<number>(2);
  await b.send(1);
  await b.send(2);
  closeTwice(b);
  for (let i = 0; i < 3; i++) {
    const { value, ok } = await b.recvOk();
    println("receive after failed close:", value ?? 0, ok, "at", since(start));
  }
}
