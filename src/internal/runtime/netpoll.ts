// The host event loop as Go's netpoller: the one host timer an idle real-clock runtime sleeps on.
//
// Go's idle M sleeps in netpoll(delay) until the earliest timer of any P; an earlier timer added
// meanwhile interrupts it (wakeNetPoller). Here the sleep is one host timer: setTimeout for deadlines a
// millisecond or more away (it never fires early; a deadline it has not reached re-arms), and a
// setImmediate poll for the sub-millisecond remainder, which setTimeout would round up to 1 ms.
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

  constructor(nanotime: () => Nanos, onWake: () => void) {
    this.nanotime = nanotime;
    this.onWake = onWake;
  }

  /** Arms the host wake-up for `when`, replacing any armed one. */
  arm(when: Nanos): void {
    this.cancel();
    this.until = when;
    const delay = when - this.nanotime();
    if (delay >= nsPerMs) {
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
