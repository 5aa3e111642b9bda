// The host event loop as Go's netpoller: the one host timer an idle real-clock runtime sleeps on.
//
// Go's idle M sleeps in netpoll(delay) until the earliest timer of any P; an earlier timer added
// meanwhile interrupts it (wakeNetPoller). Here the sleep is one host timer.
//
// "ms" precision (the default): a setTimeout of whole milliseconds, rounded up. Node's setTimeout(n) fires
// about n ms + o after it is armed, o being the host's overshoot (epoll's 50 µs timer slack, the wake-up,
// Node's own timer processing: 30–250 µs measured on Node 24, depending on load). Nothing cheaper wakes a
// sleeping Node process in less than a millisecond, so a wait's lateness is its rounding up to whole ms
// (uniform over [0, 1 ms)) plus o, and a wait costs one host wake-up, what a setTimeout costs. Nothing is
// polled: a host callback that comes early (libuv fires a setTimeout up to ~1 ms early when its loop time
// is stale) arms a setTimeout for what is left. (Earlier versions polled the last ~overshoot with
// setImmediate turns out of a 1 %-of-wall-time budget: each turn cost an event-loop turn the budget did not
// count, ~1.4 turns a tick of a 1 ms ticker, and it bought a tick in ten; docs/benchmarks.md.)
//
// "sub-ms" precision: the whole ms of a wait by setTimeout (rounded down), the sub-millisecond remainder
// polled with setImmediate — it keeps a core busy for as long as it polls.
//
// Invariants:
//   n1. at most one host wake-up is armed; `until` is its deadline, 0 exactly when none is armed.
//   n2. onWake runs only for the wake-up armed last, and only once its deadline has passed on the runtime
//       clock (never early, whatever the host does: an early host callback re-arms).
//   n3. "ms" mode never arms a setImmediate: every wake-up it arms is a setTimeout of at least 1 ms.
//   n4. a prearmed spare is not a wake-up: when it fires unadopted it calls nothing. It is adopted by an
//       arm only for the same ms and only if it fires no earlier than a fresh setTimeout could (prearmDue
//       >= the deadline); cancel clears it.
//
// Prearming: when a host setTimeout fires past its deadline, the same timeout is refreshed for the same ms
// before the runtime runs (as Node's setInterval re-inserts itself), while Node is still walking its list
// of that ms. A runtime that then sleeps for the same ms — a ticker, goroutines sleeping in a loop —
// adopts it. Refreshed later, from the microtasks after Node's timer callback, the timeout would find its
// list gone: Node would make a new list, queue it and re-arm its own host timer — 10–15 µs more per tick
// measured on Node 24 (a 1 ms setTimeout refreshed in a microtask vs refreshed in its callback).

import { fatal } from "../debug.ts";
import {
  hostClearImmediate,
  hostClearTimeout,
  hostRefresh,
  hostSetImmediate,
  hostSetTimeout,
} from "../host.ts";
import { hostDelayMs, type Nanos, nsPerMs } from "./nanotime.ts";

export class Netpoll {
  /** The deadline the host wake-up is armed for (runtime clock, ns), 0 = none (n1). */
  until: Nanos = 0;
  private hostTimer: ReturnType<typeof hostSetTimeout> | null = null;
  /**
   * The host timeout that fired last, and its ms: a wait of the same ms re-arms it (Node's refresh, which
   * re-activates a fired timeout) instead of making a new one — a 1 ms ticker asks for 1 ms at every tick.
   */
  private spare: ReturnType<typeof hostSetTimeout> | null = null;
  private spareMs = 0;
  /** The spare was refreshed when it fired, and runs again at prearmDue unless adopted or cleared (n4). */
  private prearmed = false;
  private prearmDue: Nanos = 0;
  /** The ms of the armed host setTimeout. */
  private armedMs = 0;
  private immediate: ReturnType<typeof hostSetImmediate> | null = null;
  /**
   * Host timer calls made so far: new setTimeouts and refreshes of a kept one (netpoll.test.ts counts them:
   * an adopted prearm makes none).
   */
  readonly hostCalls = { timeouts: 0, refreshes: 0 };
  private readonly nanotime: () => Nanos;
  /** Called with the clock reading that found the deadline passed (the scheduler's first timer check uses it). */
  private readonly onWake: (now: Nanos) => void;
  /** Poll sub-millisecond remainders with setImmediate (busy) instead of rounding up to 1 ms. */
  private readonly subMs: boolean;

  constructor(nanotime: () => Nanos, onWake: (now: Nanos) => void, subMs = false) {
    this.nanotime = nanotime;
    this.onWake = onWake;
    this.subMs = subMs;
  }

  /** Arms the host wake-up for `when`, replacing any armed one. */
  arm(when: Nanos): void {
    this.disarm();
    this.until = when;
    const now = this.nanotime();
    const delay = when - now;
    if (!this.subMs) {
      // Whole ms, rounded up: fires no earlier than `when` (n3).
      const ms = Math.max(1, hostDelayMs(delay + nsPerMs - 1));
      if (this.prearmed && this.spareMs === ms && this.prearmDue >= when) {
        // Adopt the spare prearmed when the last wake-up fired: it fires no earlier than this arm allows (n4).
        this.prearmed = false;
        this.hostTimer = this.spare;
        this.spare = null;
        this.armedMs = ms;
        return;
      }
      this.hostTimer = this.hostTimeout(ms);
    } else if (delay >= nsPerMs) {
      // setTimeout fires no earlier than asked; the sub-millisecond remainder polls below.
      this.hostTimer = this.hostTimeout(hostDelayMs(delay));
    } else {
      this.immediate = hostSetImmediate(this.fire);
    }
  }

  /** A host setTimeout of ms calling fire: the spare one refreshed if it was for the same ms. */
  private hostTimeout(ms: number): ReturnType<typeof hostSetTimeout> {
    this.armedMs = ms;
    const t = this.spare;
    this.spare = null;
    if (t !== null && this.spareMs === ms) {
      this.prearmed = false;
      this.hostCalls.refreshes++;
      hostRefresh(t);
      return t;
    }
    this.clearPrearmed(t);
    this.hostCalls.timeouts++;
    return hostSetTimeout(this.fire, ms);
  }

  /** Clears t, the spare, if it was prearmed and not adopted (n4): a cleared timeout cannot be refreshed. */
  private clearPrearmed(t: ReturnType<typeof hostSetTimeout> | null): void {
    if (!this.prearmed) return;
    this.prearmed = false;
    if (t !== null) hostClearTimeout(t);
    this.spare = null;
  }

  /** Disarms the host wake-up, and clears a prearmed spare (n4). */
  cancel(): void {
    this.clearPrearmed(this.spare);
    this.disarm();
  }

  /** Disarms the host wake-up; a prearmed spare stays for the arm that follows. */
  private disarm(): void {
    if (this.hostTimer !== null) {
      hostClearTimeout(this.hostTimer);
      this.hostTimer = null;
    }
    if (this.immediate !== null) {
      hostClearImmediate(this.immediate);
      this.immediate = null;
    }
    this.until = 0;
  }

  /** Checks n1, n3 and n4's state; fatal on the first that fails. */
  verify(): void {
    if (this.hostTimer !== null && this.immediate !== null)
      fatal("verify: n1: a host timeout and an immediate armed");
    if ((this.until === 0) !== (this.kind === "none"))
      fatal(`verify: n1: until ${this.until} with the wake-up ${this.kind}`);
    if (!this.subMs && this.immediate !== null) fatal("verify: n3: ms precision armed a setImmediate");
    if (this.prearmed && (this.spare === null || this.spare === this.hostTimer || this.subMs))
      fatal("verify: n4: prearmed without a spare of its own");
  }

  /** How the wake-up is armed, for tests and reports: "timeout", "immediate" or "none". */
  get kind(): "timeout" | "immediate" | "none" {
    return this.hostTimer !== null ? "timeout" : this.immediate !== null ? "immediate" : "none";
  }

  private readonly fire = (): void => {
    if (this.hostTimer === null && this.immediate === null) {
      // Cancelled meanwhile (n2), or the prearmed spare, unadopted (n4): it stays the spare, fired.
      this.prearmed = false;
      return;
    }
    const now = this.nanotime();
    const fired = this.hostTimer;
    if (fired !== null) {
      // It fired: kept for a next wait of the same ms (hostTimeout).
      this.spare = fired;
      this.spareMs = this.armedMs;
    }
    this.hostTimer = null;
    this.immediate = null;
    const when = this.until;
    this.until = 0;
    if (when !== 0 && now < when) {
      this.arm(when);
      return;
    }
    if (!this.subMs && fired !== null) {
      // Prearm (n4): the fired timeout (now the spare) refreshed now, while Node still walks the list of
      // this ms.
      this.hostCalls.refreshes++;
      hostRefresh(fired);
      this.prearmed = true;
      this.prearmDue = now + this.spareMs * nsPerMs;
    }
    this.onWake(now);
  };
}
