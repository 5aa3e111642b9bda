// The patching behind the bubble's fakes (fakes.ts, fakeclocks.ts, fakesockets.ts): every replacement
// of a host function or accessor is recorded with what it replaced, so that the last bubble's end restores
// exactly the originals that are still ours (another library, e.g. sinon, may have replaced a wrapper
// meanwhile: then its stays). Plus the helpers every wrapper shares: which bubble's clock to read.
//
// Invariant (verifyPatches, run by installFakes when VERIFY is on): every recorded patch names a distinct
// (target, name) pair, so restoring them newest first brings back each original.

import { fatal } from "../debug.ts";
import { hostFunction } from "../host.ts";
import type { NodeTimers } from "./nodetimers.ts";
import { currentBubble } from "./nodetimers.ts";
import type { Sched } from "./proc.ts";

/** The host-style timers of bubble rt. */
export function nt(rt: Sched): NodeTimers {
  return rt.nodeTimers as NodeTimers;
}

/** Virtual ms since the Unix epoch of a bubble's wall clock. */
export function wallMs(rt: Sched): number {
  return Number(rt.walltimeNs() / 1_000_000n);
}

/** What installFakes replaced, and by what: restored only where our wrapper is still in place. */
interface Patch {
  target: Record<string, unknown>;
  name: string;
  orig: unknown;
  wrapper: unknown;
  descriptor?: PropertyDescriptor;
}
let patches: Patch[] = [];

export function patch(target: Record<string, unknown>, name: string, wrapper: unknown): void {
  patches.push({
    target,
    name,
    orig: target[name],
    wrapper,
    descriptor: Object.getOwnPropertyDescriptor(target, name),
  });
  place(target, name, wrapper);
}

/**
 * Puts wrapper in place of target[name], keeping its enumerability, and gives a function wrapper the
 * name and length of the function it replaces (setTimeout.name is "setTimeout", its length Node's, with
 * the wrapper as without). Unrecorded: patch records, and the load-time wrappers (fakes.ts:
 * installEarly) stay for good.
 */
export function place(target: Record<string, unknown>, name: string, wrapper: unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  const orig = target[name];
  if (typeof wrapper === "function" && typeof orig === "function") {
    Object.defineProperty(wrapper, "name", { value: orig.name, configurable: true });
    Object.defineProperty(wrapper, "length", { value: orig.length, configurable: true });
  }
  Object.defineProperty(target, name, {
    value: wrapper,
    writable: true,
    configurable: true,
    enumerable: descriptor?.enumerable ?? true,
  });
}

/** Like patch, for an accessor (the getter is what uninstallFakes checks is still ours). */
export function patchGetter(target: Record<string, unknown>, name: string, get: () => unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  patches.push({ target, name, orig: undefined, wrapper: get, descriptor });
  Object.defineProperty(target, name, {
    get,
    configurable: true,
    enumerable: descriptor?.enumerable ?? true,
  });
}

/** The descriptor of an accessor inherited by target (e.g. Performance.prototype.timeOrigin). */
export function protoGetter(target: object, name: string): PropertyDescriptor | undefined {
  for (let o = Object.getPrototypeOf(target); o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d !== undefined) return d;
  }
  return undefined;
}

export function within<A extends unknown[], R>(host: (...a: A) => R, fake: (rt: Sched, ...a: A) => R) {
  return (...a: A): R => {
    const rt = currentBubble();
    return rt === null ? host(...a) : fake(rt, ...a);
  };
}

/** Starts a new record (the first bubble's installFakes). */
export function beginPatches(): void {
  patches = [];
}

/** Restores, newest first, every original whose wrapper is still in place, and forgets the record. */
export function restorePatches(): void {
  for (const p of patches.reverse()) {
    const now = Object.getOwnPropertyDescriptor(p.target, p.name);
    if (now === undefined || (now.get ?? now.value) !== p.wrapper) continue; // someone (e.g. sinon) replaced ours
    if (p.descriptor !== undefined) Object.defineProperty(p.target, p.name, p.descriptor);
    else delete p.target[p.name];
  }
  patches = [];
}

/** Checks the record: one patch per (target, name). */
export function verifyPatches(): void {
  const seen = new Map<object, Set<string>>();
  for (const p of patches) {
    let names = seen.get(p.target);
    if (names === undefined) {
      names = new Set();
      seen.set(p.target, names);
    }
    if (names.has(p.name)) fatal(`verify: fakes: ${p.name} patched twice`);
    names.add(p.name);
  }
}

/**
 * How many frames a timer made by these fakes keeps as its creation site: its callback is gort's own, so
 * the site is the stack above NodeTimers.add (the executor, the Promise constructor, this module's
 * functions — skipped when printed — then the user's call).
 */
export const userFrames = 7;

/** The bubble's performance.now(). */
export function perfNow(rt: Sched): number {
  return nt(rt).perfOrigin + nt(rt).elapsedNs() / 1e6;
}

/** An options argument Node reads fields of (not null, not an array). */
export function isPlainOptions(o: unknown): o is Record<string, unknown> {
  return typeof o === "object" && o !== null && !Array.isArray(o);
}

/** The function a load-time wrapper (of this copy of gort or another) passes calls to, else f itself. */
export function unwrap(f: unknown): unknown {
  const inner = typeof f === "function" ? (f as unknown as Record<symbol, unknown>)[hostFunction] : undefined;
  return typeof inner === "function" ? inner : f;
}

/** Marks a load-time wrapper with the function it passes calls to (host.ts: hostFunction). */
export function marked(wrapper: unknown, inner: unknown): unknown {
  Object.defineProperty(wrapper, hostFunction, { value: inner });
  return wrapper;
}
