// A bare timer engine for tests: a fake clock, several heaps ("Ps"), and a switch for which heap is
import { lockState } from "../../src/internal/debug.ts";
// current. No scheduler: the test plays the scheduler's part by calling check().
import type { Nanos } from "../../src/internal/runtime/nanotime.ts";
import {
  env as currentEnv,
  FullTimer,
  setTimerEnv,
  Timer,
  type TimerChan,
  type TimerEnv,
} from "../../src/internal/runtime/timer.ts";
import { type CheckResult, Timers } from "../../src/internal/runtime/timers.ts";

export class EngineHarness implements TimerEnv {
  now: Nanos = 1;
  heaps: Timers[];
  cur = 0;
  wakes: Nanos[] = [];
  private prevEnv: TimerEnv | null = null;
  private readonly out: CheckResult = { now: 0, pollUntil: 0, ran: false, fired: 0 };

  constructor(nheaps = 1) {
    lockState.locks = 0;
    this.heaps = Array.from({ length: nheaps }, (_, i) => new Timers(i));
    this.prevEnv = currentEnv;
    setTimerEnv(this);
  }

  currentTimers(): Timers {
    return this.heaps[this.cur];
  }

  nanotime(): Nanos {
    return this.now;
  }

  wakeNetPoller(when: Nanos): void {
    this.wakes.push(when);
  }

  /** Runs the due timers of heap i (default: current) at the current time; returns what check() said. */
  check(i = this.cur, local = i === this.cur): CheckResult {
    return this.heaps[i].check(this.now, () => this.now, local, this.out);
  }

  /** Runs due timers on every heap. */
  checkAll(): void {
    for (let i = 0; i < this.heaps.length; i++) this.check(i);
  }

  /** The earliest wakeTime over all heaps, 0 if none. */
  wakeTime(): Nanos {
    let w = 0;
    for (const ts of this.heaps) {
      const x = ts.wakeTime();
      if (x !== 0 && (w === 0 || x < w)) w = x;
    }
    return w;
  }

  dispose(): void {
    setTimerEnv(this.prevEnv); // the scheduler's environment, if a runtime was loaded
  }
}

/** A func timer that records its firings as [name, now, delay]; `periodic` makes it a FullTimer (tickers). */
export function funcTimer(
  h: EngineHarness,
  log: [string, Nanos, Nanos][],
  name: string,
  periodic = false,
): Timer {
  const f = (_arg: unknown, _seq: number, delay: Nanos) => log.push([name, h.now, delay]);
  return periodic ? new FullTimer(f, null) : new Timer(f, null);
}

/** A minimal stand-in for a timer channel: a one-slot buffer. */
export class FakeTimerChan implements TimerChan {
  buf: Nanos[] = [];
  timerchandrain(): boolean {
    if (this.buf.length === 0) return false;
    this.buf.length = 0;
    return true;
  }
}

/** A channel timer feeding `c` with the scheduled firing time (Go's sendTime). */
export function chanTimer(h: EngineHarness, c: FakeTimerChan): FullTimer {
  return new FullTimer(
    (arg: FakeTimerChan, _seq, delay) => {
      if (arg.buf.length === 0) arg.buf.push(h.now - delay);
    },
    c,
    true,
  );
}
