// Twin of test/conformance/go/chan_close_nil_panics: close of a nil channel panics.
import { type Chan, chan, close, time } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

function tryClose(name: string, ch: Chan<string> | null): void {
  try {
    close(ch);
    println(name, "closed");
  } catch (e) {
    println(name, "recovered:", recovered(e));
  }
}

export async function main(): Promise<void> {
  const start = time.now();
  const declared: Chan<string> | null = null;
  tryClose("declared nil", declared);
  let made: Chan<string> | null = chan<string>(1);
  tryClose("made", made);
  made = null;
  tryClose("made then set to nil", made);
  println("done at", since(start));
}
