// Arguments of gort's public calls that TypeScript checks but JavaScript callers can get wrong: the
// optional AbortSignal of the blocking calls (chan.send/recv, select, time.sleep, the sync locks and
// waits) and the function a call runs (go, errgroup, Once, Runtime.run, synctest.run, context.afterFunc).
// They are checked before the call changes anything, so a bad argument costs nothing but a TypeError
// (thrown, or the rejection of a call that returns a promise).
//
// Invariants:
//   a1. signalGate returns null only for undefined or a live AbortSignal-like object (aborted is a boolean,
//       addEventListener and removeEventListener are functions: Node's own test, which also accepts a
//       signal of another realm); anything else, null included, is a TypeError naming the call.
//   a2. checkFunc/funcGate accept functions only.
//   a3. a method that returns a promise and was called on something that is not its object (taken off it:
//       `const { recv } = c`) rejects with badReceiver's TypeError, and changes nothing.

import { describe } from "./timeargs.ts";

/**
 * What a blocking call returns at once for its signal argument: a rejection with a TypeError if it is not
 * an AbortSignal (anything but undefined), with the signal's reason if it has aborted; null to go on.
 */
export function signalGate(signal: unknown, who: string): Promise<never> | null {
  if (signal === undefined) return null;
  if (!isAbortSignal(signal)) return Promise.reject(signalError(signal, who));
  if (signal.aborted) return Promise.reject(signal.reason);
  return null;
}

/** Throws the TypeError of signalGate for a call that does not return a promise. */
export function checkSignal(signal: unknown, who: string): asserts signal is AbortSignal {
  if (!isAbortSignal(signal)) throw signalError(signal, who);
}

/** signalGate's TypeError for a signal that is neither undefined nor an AbortSignal, or null. */
export function badSignal(signal: unknown, who: string): TypeError | null {
  return signal === undefined || isAbortSignal(signal) ? null : signalError(signal, who);
}

function isAbortSignal(s: unknown): s is AbortSignal {
  if (typeof s !== "object" || s === null) return false;
  const a = s as Partial<AbortSignal>;
  return (
    typeof a.aborted === "boolean" &&
    typeof a.addEventListener === "function" &&
    typeof a.removeEventListener === "function"
  );
}

function signalError(signal: unknown, who: string): TypeError {
  return new TypeError(`${who}: signal must be an AbortSignal, got ${describe(signal)}`);
}

/** Throws a TypeError naming the call unless f is a function. */
export function checkFunc(f: unknown, who: string, name = "f"): void {
  if (typeof f !== "function") throw funcError(f, who, name);
}

/** For a call that returns a promise: a rejection with checkFunc's TypeError, or null if f is a function. */
export function funcGate(f: unknown, who: string, name = "f"): Promise<never> | null {
  return typeof f === "function" ? null : Promise.reject(funcError(f, who, name));
}

function funcError(f: unknown, who: string, name: string): TypeError {
  return new TypeError(`${who}: ${name} is not a function: ${describe(f)}`);
}

/**
 * The rejection of a promise-returning method called on something other than its object (`self`): a
 * method taken off its object, `const { recv } = c`, or passed as a callback, loses it.
 */
export function badReceiver(who: string, self: unknown): Promise<never> {
  return Promise.reject(
    new TypeError(
      `${who}: called on ${describe(self)}: call it on its object (a method taken off it loses it)`,
    ),
  );
}
