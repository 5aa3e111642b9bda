// The patching behind the bubble's fakes (fakes.ts, fakeclocks.ts, fakesockets.ts): every replacement
// of a host function or accessor is recorded with what it replaced, so that the last bubble's end restores
// exactly the originals that are still ours (another library, e.g. sinon, may have replaced a wrapper
// meanwhile: then its stays). Plus the helpers every wrapper shares: which bubble's clock to read.
//
// A wrapper replaced at the end is "left behind": the library that replaced it keeps it as what it
// found, and puts it back when it is uninstalled (sinon's, Jest's and Vitest's fake timers: a body in a
// bubble calls vi.useFakeTimers(), an afterEach outside calls vi.useRealTimers()). Without more, gort's
// wrapper would then stay on the global for good, outside any bubble, and the next bubble would wrap it
// again (one more layer per such test). So the property holding the other library's value becomes an
// accessor (watch) that reads as that value and, when our wrapper is assigned back, restores the original
// at once; a library that puts ours back by defining the property (sinon's perf_hooks performance.now)
// bypasses the accessor, and the next bubble's beginPatches restores the original there first.
//
// Invariants (verifyPatches, run by installFakes when VERIFY is on):
//   P1. every recorded patch names a distinct (target, name) pair, so restoring them newest first brings
//       back each original;
//   P2. no left-behind wrapper is in place when a bubble's patching begins (beginPatches healed it).

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

/**
 * Patches of an ended round whose wrapper someone else had replaced by then (newest last): their
 * originals are restored when the wrapper comes back (watch, healLeftBehind).
 */
const leftBehind: Patch[] = [];

/** What target[name] holds now: the getter of an accessor, else the value. */
function inPlace(p: Patch): unknown {
  const now = Object.getOwnPropertyDescriptor(p.target, p.name);
  return now?.get ?? now?.value;
}

/** Puts back what p replaced. */
function restoreOne(p: Patch): void {
  if (p.descriptor !== undefined) Object.defineProperty(p.target, p.name, p.descriptor);
  else delete p.target[p.name];
}

/**
 * Starts a new record (the first bubble's installFakes). First restores the original wherever a wrapper
 * of an earlier round is back in place (P2).
 */
export function beginPatches(): void {
  healLeftBehind();
  patches = [];
}

/** Restores p's original wherever p's wrapper is back in place, until none is (newest first). */
function healLeftBehind(): void {
  for (let healed = true; healed; ) {
    healed = false;
    for (let i = leftBehind.length - 1; i >= 0; i--) {
      const p = leftBehind[i];
      if (inPlace(p) !== p.wrapper) continue;
      leftBehind.splice(i, 1);
      restoreOne(p);
      healed = true;
    }
  }
}

/**
 * Restores, newest first, every original whose wrapper is still in place, and forgets the record. Where
 * someone (e.g. sinon) replaced ours, theirs stays, behind an accessor that restores our original when
 * our wrapper is assigned back (watch).
 */
export function restorePatches(): void {
  for (const p of patches.reverse()) {
    if (inPlace(p) === p.wrapper) restoreOne(p);
    else {
      leftBehind.push(p);
      watch(p);
    }
  }
  patches = [];
}

/**
 * Replaces the plain writable value now at p's place (another library's) with an accessor that reads as
 * that value and stores what is assigned, except p's wrapper: assigning that (the library's uninstall,
 * putting back what it found) restores p's original instead. Left alone where the value is not a plain
 * writable, configurable property (the library defined it otherwise: beginPatches heals it later).
 */
function watch(p: Patch): void {
  const now = Object.getOwnPropertyDescriptor(p.target, p.name);
  if (now === undefined || !("value" in now) || now.writable !== true || now.configurable !== true) return;
  let value = now.value;
  Object.defineProperty(p.target, p.name, {
    get: () => value,
    set: (v: unknown) => {
      if (v !== p.wrapper) {
        value = v;
        return;
      }
      const i = leftBehind.indexOf(p);
      if (i >= 0) leftBehind.splice(i, 1);
      restoreOne(p);
      // Our original may itself be an earlier round's wrapper, back in place now.
      healLeftBehind();
    },
    configurable: true,
    enumerable: now.enumerable,
  });
}

/** Checks the record: one patch per (target, name) (P1), no left-behind wrapper in place (P2). */
export function verifyPatches(): void {
  for (const p of leftBehind)
    if (inPlace(p) === p.wrapper) fatal(`verify: fakes: a left-behind wrapper of ${p.name} is in place`);
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
