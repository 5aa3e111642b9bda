// Twin of test/conformance/go/ticker_new_zero_panics: NewTicker with a non-positive interval panics.
import { time } from "../../../src/index.ts";
import { println, recovered } from "./harness.ts";

function tryTicker(d: time.Duration): void {
  let r: unknown = null;
  try {
    time.newTicker(d);
  } catch (e) {
    r = e;
  } finally {
    println(`NewTicker(${time.durationString(d)}) recovered: ${recovered(r)}`);
  }
}

export async function main(): Promise<void> {
  tryTicker(0);
  tryTicker(-1);
  tryTicker(-time.Second);
  const k = time.newTicker(1);
  k.stop();
  println("NewTicker(1ns) is fine");
}
