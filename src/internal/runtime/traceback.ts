// Port of go1.23 src/runtime/traceback.go, in spirit: how goroutines, waits and panics are written in
// dumps and fatal reports. Go prints stack frames; gort prints what a goroutine waits on and where it was
// started (its spawn site), captured cheaply with a short Error stack.
//
// Invariants:
//   b1. every function here is pure formatting: it reads runtime state and never changes it.

import { selfUrl } from "../selfurl.ts";
import { GoFatalError } from "./fatalerror.ts";
import { _Gwaiting, type G, type Site, userFrame, waitReasonSleep } from "./g.ts";
import type { Nanos } from "./nanotime.ts";

/** What a waiting goroutine waits on, in words, for dumps and deadlock reports. */
export function describeWait(gp: G, now: Nanos): string {
  if (gp.status === _Gwaiting && gp.waitReason === waitReasonSleep && gp.sleepWhen > 0) {
    // On the runtime's clock as users see it (from its start: Sched.monoBase taken off).
    return `sleeping until ${fmtNs(gp.sleepWhen - 1 - gp.rt.monoBase)} (${fmtNs(gp.sleepWhen - now)} from now)`;
  }
  const on = gp.waitOn;
  if (on === null || on === undefined) return "";
  if (Array.isArray(on)) return `on ${on.map(String).join(", ")}`;
  return `on ${String(on)}`;
}

/** The first user frame of a captured site, "file:line:col". */
export function siteOf(e: Site): string {
  return userFrame(e);
}

/**
 * The creation site of something `fn` runs (a goroutine, a host-style timer's callback): fn itself when it
 * is anonymous — written at the creation call, so its definition is the call's line, and recording it
 * costs nothing (funcloc.ts resolves it for reports) — else a stack captured above `above`.
 */
export function siteFor(
  fn: (...a: never[]) => unknown,
  above: (...args: never[]) => unknown,
  frames = 2,
): Site {
  return fn.name === "" ? fn : captureSite(above, frames);
}

export function fmtNs(ns: Nanos): string {
  return `${(ns / 1e6).toFixed(3)}ms`;
}

/**
 * Records where something was created: the frames only (V8 formats them lazily, when a report reads
 * `.stack`). The capture is what costs — about a microsecond or more per frame here — so with `above`
 * (the public function the user called, or a gort function `frames - 2` calls below it) it starts there
 * and keeps `frames` frames (default two); without, six. gort's own frames are skipped when printed.
 */
export function captureSite(above?: (...args: never[]) => unknown, frames = 2): Error {
  const limit = Error.stackTraceLimit;
  const e = { name: "site", message: "" } as Error;
  Error.stackTraceLimit = above !== undefined ? frames : 6;
  Error.captureStackTrace(e, above ?? captureSite);
  Error.stackTraceLimit = limit;
  return e;
}

/**
 * Go's "panic: " line for a panic value's text: as Go's printpanicval (printindented), each line after the
 * first is indented by a tab, so a multi-line message stays visibly part of the panic.
 */
export function panicLine(msg: string): string {
  return `panic: ${msg.replaceAll("\n", "\n\t")}`;
}

/**
 * JavaScript's own fault types, made by the engine for a program's bugs: their name is kept in a panic
 * line (`panic: TypeError: x is not a function`), as it says what went wrong, like Go's "runtime error: ".
 * So is Node's for its own errors (a code `ERR_…`: `panic: AssertionError [ERR_ASSERTION]: …` from a
 * failed assertion).
 */
const jsFaults: readonly unknown[] = [
  TypeError,
  ReferenceError,
  RangeError,
  EvalError,
  URIError,
  AggregateError,
];

function keepsName(e: Error): boolean {
  if (jsFaults.includes(Object.getPrototypeOf(e)?.constructor)) return true;
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("ERR_");
}

/**
 * Go's printpanicval, for a thrown value: an error prints its Error() text, which for an Error is its
 * message alone, whatever its class or name (a context error, a program's own error class); only the
 * engine's fault types keep their name. A value with a toString of its own is Go's Stringer (String()).
 */
export function panicString(e: unknown): string {
  if (e instanceof Error) {
    const goMsg = (e as { goPanic?: string }).goPanic;
    if (goMsg !== undefined) return goMsg;
    return keepsName(e) ? `${e.name}: ${e.message}` : e.message;
  }
  if (typeof e === "string") return e;
  if (typeof e === "object" && e !== null && hasOwnToString(e)) return String(e);
  // A number that is not an integer can only be a Go float64: the runtime prints those its own way.
  if (typeof e === "number" && !Number.isInteger(e)) return printFloat(e);
  // Go 1.21+: panic(nil) panics with a *runtime.PanicNilError.
  if (e === null || e === undefined) return "panic called with nil argument";
  if (typeof e === "symbol" || typeof e === "function") return String(e);
  try {
    return `${JSON.stringify(e)}`;
  } catch {
    return String(e);
  }
}

/** Whether obj's toString is one of its own classes' (or its own), not Object's or Array's. */
function hasOwnToString(obj: object): boolean {
  const f = (obj as { toString?: unknown }).toString;
  return typeof f === "function" && f !== Object.prototype.toString && f !== Array.prototype.toString;
}

/**
 * How Go's runtime prints a float64 (print(v), and a panic with a float64 value): NaN, ±Inf, else a sign,
 * seven significant digits and a three-digit exponent, `+1.500000e+000`. The digits come out the way the
 * runtime makes them (scale into [1, 10) by tens, add half a unit of the 7th digit, peel digits off by
 * truncation), so the float rounding of that arithmetic shows in the same places.
 */
export function printFloat(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  const digits = 7;
  let sign = "+";
  let exp = 0;
  if (v === 0) {
    if (Object.is(v, -0)) sign = "-";
  } else {
    if (v < 0) {
      v = -v;
      sign = "-";
    }
    while (v >= 10) {
      exp++;
      v /= 10;
    }
    while (v < 1) {
      exp--;
      v *= 10;
    }
    let half = 5;
    for (let i = 0; i < digits; i++) half /= 10;
    v += half;
    if (v >= 10) {
      exp++;
      v /= 10;
    }
  }
  let mantissa = "";
  for (let i = 0; i < digits; i++) {
    const d = Math.trunc(v);
    mantissa += String(d);
    if (i === 0) mantissa += ".";
    v = (v - d) * 10;
  }
  const e = Math.abs(exp);
  return `${sign}${mantissa}e${exp < 0 ? "-" : "+"}${String(e).padStart(3, "0")}`;
}

/** This folder (gort's runtime): frames in it are the runtime's, not the goroutine's. */
const runtimeDir = new URL("./", selfUrl(import.meta.url)).pathname;

/**
 * Go's report of a panic no goroutine's own code reported (a scheduler-run callback, an unhandled
 * rejection): "panic: …", then, if goid is known (the goroutine whose code made the value: an unhandled
 * rejection is raised in its promise's async context), Go's "goroutine N [running]:" header, then the
 * value's own stack.
 */
export function panicFatal(e: unknown, goid?: number): GoFatalError {
  const head = panicLine(panicString(e));
  const stack = stackOf(e);
  const block = goid === undefined ? stack : runningBlock(goid, e);
  return new GoFatalError("panic", head, block === "" ? head : `${head}\n\n${block}`, e);
}

/**
 * The frames of a panic's stack, for Go's `goroutine N [running]:` block. As Go's traceback shows the
 * goroutine's own frames and not the runtime's, gort's runtime frames and Node's internal ones are left
 * out (unless nothing else is left): a send on a closed channel shows the send, not the channel code.
 */
/** Go's traceback block of a goroutine that panicked with e: the header, then e's own frames. */
export function runningBlock(goid: number, e: unknown): string {
  return `goroutine ${goid} [running]:\n${stackOf(e)}`;
}

export function stackOf(e: unknown): string {
  if (!(e instanceof Error) || !e.stack) return "";
  const frames = e.stack.split("\n").slice(1);
  const own = frames.filter((l) => !l.includes(runtimeDir) && !l.includes("(node:internal/"));
  return (own.length > 0 ? own : frames).join("\n");
}
