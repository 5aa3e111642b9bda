// Twin of test/conformance/go/ticker_reset_zero_panics: Ticker.Reset(<= 0) panics; the ticker keeps ticking.
import { time } from "../../../src/index.ts";
import { println, recovered, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const k = time.newTicker(10 * time.Millisecond);
  for (const d of [0, -5 * time.Millisecond]) {
    let r: unknown = null;
    try {
      k.reset(d);
    } catch (e) {
      r = e;
    } finally {
      println(`Reset(${time.durationString(d)}) recovered: ${recovered(r)}`);
    }
  }
  const v = await k.c.recv();
  println("ticker still ticks: value", sub(v, start));
  k.stop();
}
