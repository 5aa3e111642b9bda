// The Timeout and Immediate objects a bubble's code holds (what setTimeout, setInterval and setImmediate
// return inside a synctest bubble), with Node's shape: ref/unref/hasRef/refresh/close, `+timeout` as an id,
// `using`. While its bubble runs, a timeout is an entry of the bubble's NodeTimers (nodetimers.ts, f1–f3);
// once its bubble has ended it may become a host timer (below), and the same object then acts on that.
//
// Invariants (checked when VERIFY is on, and by NodeTimers.verify):
//   f4. hand-off (a bubble that completed: NodeTimers.handOff): a handed-off timeout is in no bubble's heap
//       (not pending) and holds no start capture; it has a host timer (`real`) while `hostArmed`, and
//       `hostArmed` is false once it is cleared or, a one-shot, once it fired; `handedById` holds exactly
//       the handed-off timeouts that are hostArmed and were asked for their id (hasPrimitive). Timer ids
//       are process-wide (nextTimerId), so an id names one timeout whichever bubble made it.
//
// What happens to the timeouts still pending when a bubble ends: the bubble's stop (abandonStarts) takes,
// for each, the async context its callback would run in (its setTimeout call's) without the bubble's
// goroutine store (gStore exited: no bubble, no goroutine), before their start captures are dropped. If
// the bubble completed (its goroutines returned and its I/O drained), synctest.ts calls handOff: every
// one-shot (setTimeout, setImmediate, a timers/promises sleep, AbortSignal.timeout's) and every unref'd
// setInterval becomes a host timer for the rest of its delay on the bubble's clock, with its ref state,
// its callback run in that context, as a Node process would fire it later; a refed setInterval is dropped
// (it would keep the process alive for good; a bubble ends with one only under allowPendingTimers). The
// Timeout object the bubble's code holds then acts on the host timer (clear*, by the object or its id,
// refresh, ref, unref, hasRef, close). A bubble that failed drops them all (discard): its state is broken.

import { AsyncLocalStorage } from "node:async_hooks";
import { VERIFY } from "../debug.ts";
import {
  hostClearImmediate,
  hostClearInterval,
  hostClearTimeout,
  hostSetImmediate,
  hostSetInterval,
  hostSetTimeout,
} from "../host.ts";
import type { Site } from "./g.ts";
import { gStore } from "./getg.ts";
import type { NodeTimers } from "./nodetimers.ts";
import type { StartFn } from "./proc.ts";

/** Runs a function in an async context captured earlier (AsyncLocalStorage.snapshot). */
type Ctx = (fn: () => void) => void;

/** A host timer a bubble's timeout became (handed off, or refreshed after its bubble ended). */
type HostHandle = ReturnType<typeof hostSetTimeout> | ReturnType<typeof hostSetImmediate>;

/**
 * Timer ids (`+timeout`), process-wide so that one names one timeout whichever bubble made it (f4); from
 * 2^31 up, above the async ids Node gives its own Timeouts in any realistic process, so that clear*(id)
 * of a host timer and of a bubble's do not mistake one for the other.
 */
let nextTimerId = 2 ** 31;

/** Handed-off timeouts, armed on the host, that were asked for their id: clear*(id) finds them (f4). */
const handedById = new Map<number, FakeTimeout>();

/**
 * clear*(id) of a timeout handed off to the host (its id as a number or its decimal string): clears it and
 * returns true, or returns false if no such timeout is armed.
 */
export function clearHanded(h: number | string): boolean {
  const t = handedById.get(typeof h === "number" ? h : idOf(h));
  if (t === undefined) return false;
  t.close();
  return true;
}

/**
 * The async context `start` (a start capture, still alive) holds, without gort's goroutine store: code run
 * in it belongs to no goroutine and no bubble, and keeps every other AsyncLocalStorage value it had.
 */
export function outsideCtx(start: StartFn | null): Ctx {
  let ctx: Ctx | null = null;
  const snap = () => {
    ctx = gStore.exit(() => AsyncLocalStorage.snapshot()) as Ctx;
  };
  if (start !== null) start.runInAsyncScope(snap);
  else snap();
  return ctx!;
}

/** A pending host-style timer of a bubble (the object setTimeout returns inside a bubble). */
export class FakeTimeout {
  when = 0;
  seq = 0;
  /** Armed: in the bubble's list, waiting to fire. */
  pending = false;
  /** Cleared with clear*(): refresh() no longer re-arms it (Node: _idleTimeout = -1). */
  cleared = false;
  refed = true;
  readonly id: number;
  readonly nt: NodeTimers;
  readonly cb: (...args: unknown[]) => unknown;
  readonly args: unknown[];
  readonly repeat: number;
  readonly delay: number;
  /** Where it was created (formatted only for reports). */
  readonly site: Site | null;
  readonly kind: "setTimeout" | "setInterval" | "setImmediate";
  /** What reports call it when it is not the user's own timer (fs.watchFile's poll), else null. */
  label: string | null = null;
  constructor(
    nt: NodeTimers,
    cb: (...args: unknown[]) => unknown,
    args: unknown[],
    repeat: number,
    delay: number,
    site: Site | null,
    kind: "setTimeout" | "setInterval" | "setImmediate",
  ) {
    this.nt = nt;
    this.cb = cb;
    this.args = args;
    this.repeat = repeat;
    this.delay = delay;
    this.site = site;
    this.kind = kind;
    this.id = nextTimerId++;
  }
  ref(): this {
    this.refed = true;
    this.real?.ref();
    return this;
  }
  unref(): this {
    this.refed = false;
    this.real?.unref();
    return this;
  }
  /**
   * The host timer it became when refreshed after its bubble ended (see refresh), or null. Node's own
   * libraries keep process-wide timers (undici's clock tick) that a bubble may happen to create first.
   */
  protected real: HostHandle | null = null;
  /** It is a host timer now (handed off, or refreshed after its bubble stopped: toHost). */
  get onHost(): boolean {
    return this.real !== null;
  }
  /** Handed off to the host when its bubble completed (NodeTimers.handOff): a host timer from then on (f4). */
  handed = false;
  /** Handed off, its host timer armed: not cleared and, a one-shot, not fired yet (f4). */
  hostArmed = false;
  /**
   * The async context its callback runs in once handed off: its setTimeout call's, without the bubble
   * (outsideCtx), taken when the bubble stopped; null before, and for a timeout that is not handed off.
   */
  hostCtx: Ctx | null = null;
  /** No handle can clear it (AbortSignal.timeout's): strictTimers does not list it. */
  noHandle = false;
  hasRef(): boolean {
    return this.real !== null ? this.real.hasRef() : this.refed;
  }
  refresh(): this {
    if (this.handed) this.rearmHanded();
    else if (this.real !== null) (this.real as ReturnType<typeof hostSetTimeout>).refresh();
    else if (this.nt.rt.stopped) this.toHost();
    else this.nt.reschedule(this, this.delay);
    return this;
  }
  close(): this {
    if (this.handed) {
      this.cleared = true;
      this.disarmHost();
    } else if (this.real !== null) {
      (this.repeat > 0 ? hostClearInterval : hostClearTimeout)(
        this.real as ReturnType<typeof hostSetTimeout>,
      );
      this.real = null;
      this.cleared = true;
    } else this.nt.clear(this);
    return this;
  }
  /**
   * Node's clearTimeout/clearInterval (the host's, once no bubble is alive) clear a timer by setting
   * `_onTimeout` to null, after checking it is set, and skip the rest for a `_destroyed` one: so they
   * clear the host timer this one became.
   */
  get _onTimeout(): unknown {
    return this.real !== null ? this.cb : null;
  }
  set _onTimeout(v: unknown) {
    if (v === null && this.real !== null) this.close();
  }
  get _destroyed(): boolean {
    return true;
  }
  /** Node's Timeout fields some libraries read: the delay in ms (-1 once cleared), and the period or null. */
  get _idleTimeout(): number {
    return this.cleared ? -1 : this.delay;
  }
  get _repeat(): number | null {
    return this.repeat > 0 ? this.repeat : null;
  }
  /** Refreshed from outside after its bubble ended: it goes on as a host timer on the real clock. */
  private toHost(): void {
    if (this.cleared) return;
    const cb = this.cb;
    const args = this.args;
    const real =
      this.repeat > 0
        ? hostSetInterval(() => cb(...args), this.repeat)
        : hostSetTimeout(() => cb(...args), this.delay);
    if (!this.refed) real.unref();
    this.real = real;
  }
  /**
   * Its bubble completed with it pending: it goes on as a host timer due in `ms` real ms (what was left of
   * its delay on the bubble's clock), with its ref state, its callback run in hostCtx (f4).
   */
  handOff(ms: number): void {
    this.handed = true;
    this.pending = false;
    this.inHostCtx(() => this.armHost(ms));
  }
  /** Runs f in the context its host timer is armed in: hostCtx, or, without one, outside every bubble. */
  private inHostCtx(f: () => void): void {
    const ctx = this.hostCtx;
    if (ctx !== null) ctx(f);
    else gStore.exit(f);
  }
  /** Arms its host timer (handed off): due in ms, an immediate at the host's next check phase. */
  private armHost(ms: number): void {
    const real =
      this.kind === "setImmediate"
        ? hostSetImmediate(() => this.fireHost())
        : hostSetTimeout(() => this.fireHost(), ms);
    if (!this.refed) real.unref();
    this.real = real;
    this.hostArmed = true;
    if (this.hasPrimitive) handedById.set(this.id, this);
    if (VERIFY) this.verifyHandOff();
  }
  /** f4 for this timeout. */
  verifyHandOff(): void {
    const byId = handedById.has(this.id);
    const what = `fakes: f4 ${this.kind} ${this.id}`;
    if (!this.handed) {
      if (this.hostArmed || byId) throw new Error(`${what}: not handed off, yet armed on the host`);
      return;
    }
    if (this.pending || this.start !== null) throw new Error(`${what}: handed off, still in its bubble`);
    if (this.hostArmed && (this.cleared || this.real === null))
      throw new Error(`${what}: handed off and armed, without a host timer`);
    if (byId !== (this.hostArmed && this.hasPrimitive) || (byId && handedById.get(this.id) !== this))
      throw new Error(`${what}: handed off, ${this.hostArmed ? "armed" : "not armed"}, known by id: ${byId}`);
  }
  /** Cancels its host timer (handed off): cleared. */
  private disarmHost(): void {
    const real = this.real;
    this.real = null;
    this.hostArmed = false;
    handedById.delete(this.id);
    if (real !== null) {
      if (this.kind === "setImmediate") hostClearImmediate(real as ReturnType<typeof hostSetImmediate>);
      else hostClearTimeout(real as ReturnType<typeof hostSetTimeout>);
    }
    if (VERIFY) this.verifyHandOff();
  }
  /** refresh() of a handed-off timeout: re-armed for its delay (an interval's period) from now, as in Node. */
  private rearmHanded(): void {
    // Node's Immediate has no refresh; a cleared Timeout is not re-armed (_idleTimeout -1).
    if (this.cleared || this.kind === "setImmediate") return;
    if (this.real !== null) hostClearTimeout(this.real as ReturnType<typeof hostSetTimeout>);
    this.inHostCtx(() => this.armHost(this.repeat > 0 ? this.repeat : this.delay));
  }
  /**
   * Its host timer fired (handed off): the callback runs, with the timeout as `this` as in Node; an
   * interval is re-armed for its period after it, as Node does, unless the callback cleared or refreshed it.
   */
  private fireHost(): void {
    if (this.repeat > 0) {
      const real = this.real;
      try {
        this.cb(...this.args);
      } finally {
        if (!this.cleared && this.real === real) this.armHost(this.repeat);
      }
      return;
    }
    this.hostArmed = false;
    handedById.delete(this.id);
    if (VERIFY) this.verifyHandOff();
    this.cb(...this.args);
  }
  /**
   * The async context of the setTimeout call: each firing's goroutine starts in it, as in Node. Held while
   * pending (f3); an interval's is a SharedStart once it fired.
   */
  start: StartFn | null = null;
  /** Its id was asked for (Node: kHasPrimitive): clear*(id) may name it from now on. */
  hasPrimitive = false;
  [Symbol.toPrimitive](): number {
    if (!this.hasPrimitive) {
      // Node registers a timer by id only once something asks for its id (knownTimersById), not for each.
      this.hasPrimitive = true;
      if (this.pending) this.nt.knownById(this);
      else if (this.hostArmed) {
        handedById.set(this.id, this);
        if (VERIFY) this.verifyHandOff();
      }
    }
    return this.id;
  }
}

/**
 * A bubble's setImmediate: Node's Immediate is refed only until it runs or is cleared, and has no id
 * (no Symbol.toPrimitive: `+immediate` is NaN, and no clear*() call takes it by number).
 */
export class FakeImmediate extends FakeTimeout {
  override hasRef(): boolean {
    // Handed off: the host Immediate's (refed until it runs or is cleared).
    if (this.handed) return this.real?.hasRef() === true;
    return this.pending && this.refed;
  }
}

/** f4 for every handed-off timeout known by id (NodeTimers.verify). */
export function verifyHandedById(): void {
  for (const t of handedById.values()) t.verifyHandOff();
}

Object.defineProperty(FakeImmediate.prototype, Symbol.toPrimitive, {
  value: undefined,
  writable: true,
  configurable: true,
});

// Node's class names (util.inspect, constructor.name), and the disposer: `using t = setTimeout(…)` clears.
Object.defineProperty(FakeTimeout, "name", { value: "Timeout" });
Object.defineProperty(FakeImmediate, "name", { value: "Immediate" });
const symbolDispose = (Symbol as { dispose?: symbol }).dispose;
if (symbolDispose !== undefined)
  Object.defineProperty(FakeTimeout.prototype, symbolDispose, {
    value: function dispose(this: FakeTimeout): void {
      this.close();
    },
    writable: true,
    configurable: true,
  });

/** The id a string names as a key of Node's knownTimersById ("5", not "05" or " 5"), or NaN. */
export function idOf(s: string): number {
  const n = Number(s);
  return String(n) === s ? n : Number.NaN;
}
