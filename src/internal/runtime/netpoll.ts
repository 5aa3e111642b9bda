// The host event loop as Go's netpoller: the one host timer an idle real-clock runtime sleeps on.
//
// Go's idle M sleeps in netpoll(delay) until the earliest timer of any P; an earlier timer added
// meanwhile interrupts it (wakeNetPoller). Here the sleep is one host timer. By default ("ms" precision)
// it is always a setTimeout of at least the whole milliseconds left, rounded up (it never fires early),
// so a wait costs what a setTimeout costs. With "sub-ms" precision, a deadline less than a millisecond
// away is polled with setImmediate instead — it keeps a core busy for as long as it waits.
//
// Invariants:
//   n1. at most one host wake-up is armed; `until` is its deadline, 0 exactly when none is armed.
//   n2. onWake runs only for the wake-up armed last, and only once its deadline has passed.

import { hostClearTimeout, hostSetImmediate, hostSetTimeout } from "../host.ts";
import { hostDelayMs, type Nanos, nsPerMs } from "./nanotime.ts";

export class Netpoll {
  /** The deadline the host wake-up is armed for (runtime clock, ns), 0 = none (n1). */
  until: Nanos = 0;
  private hostTimer: ReturnType<typeof hostSetTimeout> | null = null;
  private immediateArmed = false;
  private readonly nanotime: () => Nanos;
  private readonly onWake: () => void;
  /** Poll sub-millisecond remainders with setImmediate (busy) instead of rounding up to 1 ms. */
  private readonly subMs: boolean;

  constructor(nanotime: () => Nanos, onWake: () => void, subMs = false) {
    this.nanotime = nanotime;
    this.onWake = onWake;
    this.subMs = subMs;
  }

  /** Arms the host wake-up for `when`, replacing any armed one. */
  arm(when: Nanos): void {
    this.cancel();
    this.until = when;
    const delay = when - this.nanotime();
    if (!this.subMs) {
      // Whole milliseconds, rounded up: setTimeout never fires early, so one wake-up is enough.
      this.hostTimer = hostSetTimeout(this.fire, Math.max(1, hostDelayMs(delay + nsPerMs - 1)));
    } else if (delay >= nsPerMs) {
      // setTimeout fires no earlier than asked; the sub-millisecond remainder polls below.
      this.hostTimer = hostSetTimeout(this.fire, hostDelayMs(delay));
    } else {
      this.immediateArmed = true;
      hostSetImmediate(this.fire);
    }
  }

  /** Disarms the host wake-up. */
  cancel(): void {
    if (this.hostTimer !== null) {
      hostClearTimeout(this.hostTimer);
      this.hostTimer = null;
    }
    this.immediateArmed = false;
    this.until = 0;
  }

  /** How the wake-up is armed, for tests and reports: "timeout", "immediate" or "none". */
  get kind(): "timeout" | "immediate" | "none" {
    return this.hostTimer !== null ? "timeout" : this.immediateArmed ? "immediate" : "none";
  }

  private readonly fire = (): void => {
    if (this.hostTimer === null && !this.immediateArmed) return; // cancelled meanwhile (n2)
    this.hostTimer = null;
    this.immediateArmed = false;
    const when = this.until;
    this.until = 0;
    if (when !== 0 && this.nanotime() < when) {
      this.arm(when);
      return;
    }
    this.onWake();
  };
}
