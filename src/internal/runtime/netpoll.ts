// The host event loop as Go's netpoller: the one host timer an idle real-clock runtime sleeps on.
//
// Go's idle M sleeps in netpoll(delay) until the earliest timer of any P; an earlier timer added
// meanwhile interrupts it (wakeNetPoller). Here the sleep is one host timer.
//
// "ms" precision (the default): a setTimeout of whole milliseconds. Node's setTimeout(n) fires about
// n ms + o after it is armed, o being the host's overshoot (epoll's 50 µs timer slack, the wake-up, Node's
// own timer processing: 30–250 µs measured on Node 24, depending on load). Nothing cheaper wakes a
// sleeping Node process in less than a millisecond, so a wait's lateness is its rounding up to whole ms
// (uniform over [0, 1 ms)) plus o. To take o off, the wait is rounded up after subtracting `comp`, the
// smallest overshoot of the last `overshootWindow` host timers (capped at `maxCompNs`; 0 until one has
// been measured: then plain ceil). What is left when the host fires that little bit early (it overshot
// less than lately), or when the deadline is at most `comp` away, is waited out with setImmediate turns —
// but only out of a polling budget saved up at `pollShare` (1 %) of wall time, so the polling costs at
// most 1 % of a core. Without budget, comp is not taken off (an early wake-up could not be polled), and a
// bigger remainder (libuv fires a setTimeout up to ~1 ms early when its loop time is stale) is a setTimeout
// again. So a wait costs what a setTimeout costs, and never ends early.
//
// "sub-ms" precision: the whole ms of a wait by setTimeout (rounded down), the sub-millisecond remainder
// polled with setImmediate — it keeps a core busy for as long as it polls.
//
// Invariants:
//   n1. at most one host wake-up is armed; `until` is its deadline, 0 exactly when none is armed.
//   n2. onWake runs only for the wake-up armed last, and only once its deadline has passed on the runtime
//       clock (never early, whatever the host does: an early host callback re-arms).
//   n3. 0 <= comp <= maxCompNs; comp is the minimum of the overshoots recorded in `overshoots`, each in
//       [0, maxCompNs] (a negative or larger one is not recorded: libuv's early firing, or a blocked loop).
//   n4. "ms" mode arms a setImmediate only for a remainder <= comp and <= pollBudget, and takes comp off
//       a setTimeout only while pollBudget >= comp; pollBudget <= maxPollBudgetNs, grows by pollShare ×
//       the runtime-clock time between arms and shrinks by the time each such immediate took to run.
//   n5. a prearmed spare is not a wake-up: when it fires unadopted it calls nothing. It is adopted by an
//       arm only for the same ms and only if it fires no earlier than a fresh setTimeout could (prearmDue
//       >= the deadline less the comp that arm takes off); cancel clears it.
//
// Prearming: when a host setTimeout fires past its deadline, the same timeout is refreshed for the same ms
// before the runtime runs (as Node's setInterval re-inserts itself), while Node is still walking its list
// of that ms. A runtime that then sleeps for the same ms — a ticker, goroutines sleeping in a loop —
// adopts it. Refreshed later, from the microtasks after Node's timer callback, the timeout would find its
// list gone: Node would make a new list, queue it and re-arm its own host timer — 10–15 µs more per tick
// measured on Node 24 (a 1 ms setTimeout refreshed in a microtask vs refreshed in its callback).

import {
  hostClearImmediate,
  hostClearTimeout,
  hostRefresh,
  hostSetImmediate,
  hostSetTimeout,
} from "../host.ts";
import { hostDelayMs, type Nanos, nsPerMs, nsPerUs } from "./nanotime.ts";

/** The largest overshoot taken off a host wait (and so the longest setImmediate wait in "ms" mode). */
export const maxCompNs: Nanos = 250 * nsPerUs;
/** How many recent host-timer overshoots `comp` is the minimum of. */
export const overshootWindow = 16;
/** The share of wall time the "ms" mode may spend polling to wake closer to a deadline (1 % of a core). */
export const pollShare = 0.01;
/** The most polling time the "ms" mode can save up (n4). */
export const maxPollBudgetNs: Nanos = nsPerMs;

export class Netpoll {
  /** The deadline the host wake-up is armed for (runtime clock, ns), 0 = none (n1). */
  until: Nanos = 0;
  /** ns taken off each "ms" host wait: the smallest recent overshoot (n3). */
  comp: Nanos = 0;
  private hostTimer: ReturnType<typeof hostSetTimeout> | null = null;
  /**
   * The host timeout that fired last, and its ms: a wait of the same ms re-arms it (Node's refresh, which
   * re-activates a fired timeout) instead of making a new one — a 1 ms ticker asks for 1 ms at every tick.
   */
  private spare: ReturnType<typeof hostSetTimeout> | null = null;
  private spareMs = 0;
  /** The spare was refreshed when it fired, and runs again at prearmDue unless adopted or cleared (n5). */
  private prearmed = false;
  private prearmDue: Nanos = 0;
  /** The ms of the armed host setTimeout. */
  private armedMs = 0;
  private immediate: ReturnType<typeof hostSetImmediate> | null = null;
  /** When the armed host setTimeout should fire at the earliest (runtime clock): armed-at + its ms. */
  private hostDue: Nanos = 0;
  /** ns of polling the "ms" mode may still spend (n4), saved up at pollShare of wall time. */
  pollBudget: Nanos = 0;
  /** When the budget was last topped up (runtime clock). */
  private lastArm: Nanos = 0;
  /** When the armed setImmediate was armed ("ms" mode), to charge the turn to the budget. */
  private pollStart: Nanos = 0;
  /** The last overshoots (ns), a ring of overshootWindow; NaN = no sample yet. */
  private readonly overshoots = new Float64Array(overshootWindow).fill(Number.NaN);
  private nextSample = 0;
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
      // Save up polling time: pollShare of the wall time since the last arm, at most maxPollBudgetNs (n4).
      if (this.lastArm !== 0)
        this.pollBudget = Math.min(maxPollBudgetNs, this.pollBudget + (now - this.lastArm) * pollShare);
      this.lastArm = now;
      if (delay <= this.comp && delay <= this.pollBudget && this.comp > 0) {
        // Closer than the host's overshoot: a setTimeout would wake about a ms late. Poll instead, within
        // the budget; the busy time is charged when the immediate runs.
        this.clearPrearmed(this.spare);
        this.pollStart = now;
        this.immediate = hostSetImmediate(this.fire);
        return;
      }
      // Whole ms after the expected overshoot, rounded up: fires no earlier than comp before `when`. Only
      // while the budget could pay for the poll an early wake-up then needs; else plain ceil (n4).
      const comp = this.pollBudget >= this.comp ? this.comp : 0;
      const ms = Math.max(1, hostDelayMs(delay - comp + nsPerMs - 1));
      if (this.prearmed && this.spareMs === ms && this.prearmDue >= when - comp) {
        // Adopt the spare prearmed when the last wake-up fired: it fires no earlier than this arm allows (n5).
        this.prearmed = false;
        this.hostTimer = this.spare;
        this.spare = null;
        this.armedMs = ms;
        this.hostDue = this.prearmDue;
        return;
      }
      this.hostDue = now + ms * nsPerMs;
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
      hostRefresh(t);
      return t;
    }
    this.clearPrearmed(t);
    return hostSetTimeout(this.fire, ms);
  }

  /** Clears t, the spare, if it was prearmed and not adopted (n5): a cleared timeout cannot be refreshed. */
  private clearPrearmed(t: ReturnType<typeof hostSetTimeout> | null): void {
    if (!this.prearmed) return;
    this.prearmed = false;
    if (t !== null) hostClearTimeout(t);
    this.spare = null;
  }

  /** Disarms the host wake-up, and clears a prearmed spare (n5). */
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
    this.hostDue = 0;
    this.until = 0;
  }

  /** How the wake-up is armed, for tests and reports: "timeout", "immediate" or "none". */
  get kind(): "timeout" | "immediate" | "none" {
    return this.hostTimer !== null ? "timeout" : this.immediate !== null ? "immediate" : "none";
  }

  /** Records how late (ns) a host setTimeout fired past its due time, and updates comp (n3). */
  recordOvershoot(o: Nanos): void {
    if (!(o >= 0 && o <= maxCompNs)) return;
    this.overshoots[this.nextSample] = o;
    this.nextSample = (this.nextSample + 1) % overshootWindow;
    let min = maxCompNs;
    // An index loop: a for-of over the typed array allocates an iterator per call until V8 optimizes it,
    // and this runs once per host wake-up (too rarely to be optimized soon).
    const xs = this.overshoots;
    for (let i = 0; i < xs.length; i++) if (xs[i] < min) min = xs[i];
    this.comp = min;
  }

  private readonly fire = (): void => {
    if (this.hostTimer === null && this.immediate === null) {
      // Cancelled meanwhile (n2), or the prearmed spare, unadopted (n5): it stays the spare, fired.
      this.prearmed = false;
      return;
    }
    const now = this.nanotime();
    if (!this.subMs) {
      if (this.hostTimer !== null) this.recordOvershoot(now - this.hostDue);
      else this.pollBudget -= now - this.pollStart; // the turn just polled (n4)
    }
    const fired = this.hostTimer;
    if (fired !== null) {
      // It fired: kept for a next wait of the same ms (hostTimeout).
      this.spare = fired;
      this.spareMs = this.armedMs;
    }
    this.hostTimer = null;
    this.immediate = null;
    this.hostDue = 0;
    const when = this.until;
    this.until = 0;
    if (when !== 0 && now < when) {
      this.arm(when);
      return;
    }
    const t = this.spare;
    if (!this.subMs && t !== null && t === fired) {
      // Prearm (n5): refreshed now, while Node still walks the list of this ms.
      hostRefresh(t);
      this.prearmed = true;
      this.prearmDue = now + this.spareMs * nsPerMs;
    }
    this.onWake(now);
  };
}
