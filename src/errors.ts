// gort's errors. Three kinds, as in Go (docs/failures.md):
//   - misuse panics with Go's exact message (GoPanic): "send on closed channel", "close of nil channel", …;
//   - a runtime that fails (deadlock, unrecovered panic) rejects with GoFatalError carrying Go's report;
//   - corruption of the runtime's own structures throws RuntimeInvariantError (never caught inside gort).
// Expected outcomes are return values, never errors.

import { watchUnhandledPanics } from "./internal/runtime/unhandled.ts";

export { RuntimeInvariantError } from "./internal/debug.ts";
export { GoFatalError } from "./internal/runtime/fatalerror.ts";

/** Go's panic messages, exactly as Go prints them. */
export const msgSendOnClosed = "send on closed channel";
export const msgCloseOfClosed = "close of closed channel";
export const msgCloseOfNil = "close of nil channel";
export const msgNegativeWaitGroup = "sync: negative WaitGroup counter";
export const msgUnlockOfUnlocked = "fatal error: sync: unlock of unlocked mutex";
export const msgNonPositiveTicker = "non-positive interval for NewTicker";
export const msgNonPositiveTickerReset = "non-positive interval for Ticker.Reset";
export const msgStopUninitialized = "time: Stop called on uninitialized Timer";
export const msgResetUninitialized = "time: Reset called on uninitialized Timer";
export const msgResetUninitializedTicker = "time: Reset called on uninitialized Ticker";
/** Go 1.25's fatal errors for a bubble's channel used from outside it (another bubble, or none). */
export const msgSendOutsideBubble = "fatal error: send on synctest channel from outside bubble";
export const msgRecvOutsideBubble = "fatal error: receive on synctest channel from outside bubble";
export const msgCloseOutsideBubble = "fatal error: close of synctest channel from outside bubble";
export const msgSelectOutsideBubble = "fatal error: select on synctest channel from outside bubble";
/** Go's panics for a bubble's timer stopped or reset from outside every bubble. */
export const msgStopOutsideBubble = "stop of synctest timer from outside bubble";
export const msgResetOutsideBubble = "reset of synctest timer from outside bubble";

/**
 * A Go panic raised by misuse of a gort API. `message` is Go's panic value, verbatim.
 *
 * @example
 * const c = chan<number>();
 * c.close();
 * try {
 *   await c.send(1);
 * } catch (e) {
 *   console.log(e instanceof GoPanic, (e as GoPanic).goPanic); // true send on closed channel
 * }
 */
export class GoPanic extends Error {
  readonly code = "ERR_GORT_PANIC";
  /** The text Go prints after "panic: ". */
  readonly goPanic: string;
  constructor(message: string) {
    super(message);
    this.name = "GoPanic";
    this.goPanic = message;
    watchUnhandledPanics(); // uncaught, it ends the process with Go's report (runtime/unhandled.ts)
  }
}

/**
 * True if err is a GoPanic (optionally with the given Go message).
 *
 * @example
 * try {
 *   close(null);
 * } catch (e) {
 *   isGoPanic(e); // true
 *   isGoPanic(e, "close of nil channel"); // true
 *   isGoPanic(e, "close of closed channel"); // false
 * }
 */
export function isGoPanic(err: unknown, message?: string): err is GoPanic {
  return err instanceof GoPanic && (message === undefined || err.goPanic === message);
}
