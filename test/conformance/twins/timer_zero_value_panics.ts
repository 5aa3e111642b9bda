// Twin of test/conformance/go/timer_zero_value_panics: Stop/Reset on zero Timers and Tickers; a nil *Timer.
import { time } from "../../../src/index.ts";
import { println, recovered } from "./harness.ts";

function tryIt(name: string, f: () => void): void {
  try {
    f();
    println(name, "returned");
  } catch (e) {
    println(name, "panicked:", recovered(e));
  }
}

export async function main(): Promise<void> {
  tryIt("Timer{}.Stop", () => {
    const t = new time.Timer();
    t.stop();
  });
  tryIt("Timer{}.Reset", () => {
    const t = new time.Timer();
    t.reset(time.Second);
  });
  tryIt("Ticker{}.Stop", () => {
    const k = new time.Ticker();
    k.stop();
  });
  tryIt("Ticker{}.Reset", () => {
    const k = new time.Ticker();
    k.reset(time.Second);
  });
  tryIt("(*Timer)(nil).Stop", () => {
    const t = null as time.Timer | null;
    t!.stop();
  });
}
