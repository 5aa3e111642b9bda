// Arguments of gort's public calls that TypeScript checks but JavaScript callers can get wrong: the
// optional AbortSignal of the blocking calls (chan.send/recv, select, time.sleep, the sync locks and
// waits) and the function a call runs (go, errgroup, Once, Runtime.run, synctest.run, context.afterFunc).
// They are checked before the call changes anything, so a bad argument costs nothing but a TypeError
// (thrown, or the rejection of a call that returns a promise). Options objects (new Runtime, synctest's
// calls, Pool) are checked the same way against a table of rules, one per option (badOptions).
//
// Invariants:
//   a1. signalGate returns null only for undefined or a live AbortSignal-like object (aborted is a boolean,
//       addEventListener and removeEventListener are functions: Node's own test, which also accepts a
//       signal of another realm); anything else, null included, is a TypeError naming the call.
//   a2. checkFunc/funcGate accept functions only.
//   a3. badOptions returns null only for undefined, null (both: every option its default) or a non-array
//       object whose options are each undefined (the default) or pass their rule; a value of the wrong type
//       is a TypeError, a number out of range a RangeError, both naming the call and the option and saying
//       what is accepted. Keys without a rule are left alone.
//   a4. a method that returns a promise and was called on something that is not its object (taken off it:
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

export function isAbortSignal(s: unknown): s is AbortSignal {
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

/** What an option accepts: `want` as the error says it; `type` fails with a TypeError, `range` a RangeError. */
export interface OptionRule {
  readonly want: string;
  readonly type: (v: unknown) => boolean;
  readonly range?: (v: unknown) => boolean;
}

/** A rule for every option of O (so that an option added to O without a rule does not compile). */
export type OptionRules<O> = { readonly [K in keyof Required<O>]: OptionRule };

/**
 * The TypeError or RangeError for an options object that is not an object, or has an option that breaks
 * its rule (a3); null if it is fine.
 */
export function badOptions(
  opts: unknown,
  who: string,
  rules: Readonly<Record<string, OptionRule>>,
): TypeError | RangeError | null {
  if (opts === undefined || opts === null) return null;
  if (typeof opts !== "object" || Array.isArray(opts))
    return new TypeError(`${who}: options must be an object, got ${describe(opts)}`);
  for (const [key, rule] of Object.entries(rules)) {
    const v = (opts as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const ok = rule.type(v);
    if (ok && (rule.range === undefined || rule.range(v))) continue;
    const msg = `${who}: options.${key} must be ${rule.want}, got ${describe(v)}`;
    return ok ? new RangeError(msg) : new TypeError(msg);
  }
  return null;
}

/** Throws badOptions' error, for a call that does not return a promise. */
export function checkOptions(opts: unknown, who: string, rules: Readonly<Record<string, OptionRule>>): void {
  const e = badOptions(opts, who, rules);
  if (e !== null) throw e;
}

/** A number, not NaN. */
export const isNumber = (v: unknown): v is number => typeof v === "number" && !Number.isNaN(v);

/** Option rules shared by the options tables. */
export const rule = {
  boolean: { want: "a boolean", type: (v) => typeof v === "boolean" },
  string: { want: "a string", type: (v) => typeof v === "string" },
  signal: { want: "an AbortSignal", type: isAbortSignal },
  /** One of the strings given. */
  oneOf: (...values: string[]): OptionRule => ({
    want: values
      .map((s) => JSON.stringify(s))
      .join(", ")
      .replace(/, ([^,]*)$/, " or $1"),
    type: (v) => values.includes(v as string),
  }),
  /** A number: the range is the runtime's own check (Sched: validProcs), with its message. */
  procs: { want: "a positive integer (at most 1024)", type: isNumber },
  integer: { want: "an integer", type: isNumber, range: (v) => Number.isSafeInteger(v) },
  count: {
    want: "a non-negative integer",
    type: isNumber,
    range: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  },
  /** A bound on a count: Infinity is no bound. */
  bound: {
    want: "a non-negative integer or Infinity",
    type: isNumber,
    range: (v) => (Number.isSafeInteger(v) && (v as number) >= 0) || v === Number.POSITIVE_INFINITY,
  },
  /** A bound on virtual time, in ns: Infinity is no bound. */
  nanos: {
    want: "a non-negative number of ns or Infinity",
    type: isNumber,
    range: (v) => (v as number) >= 0,
  },
  /** Real ms for a host timer: what setTimeout can wait (2^31 − 1 ms, about 24.8 days); 0 is `zero`. */
  ms: (zero: string): OptionRule => ({
    want: `a number of ms from 0 to 2147483647 (0: ${zero})`,
    type: isNumber,
    range: (v) => (v as number) >= 0 && (v as number) <= 2147483647,
  }),
  /** A bigint in Go's int64 range. */
  int64: {
    want: "a bigint in the int64 range",
    type: (v) => typeof v === "bigint",
    range: (v) => BigInt.asIntN(64, v as bigint) === v,
  },
} satisfies Record<string, OptionRule | ((...a: string[]) => OptionRule)>;

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
