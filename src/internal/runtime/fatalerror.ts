// The error a runtime fails with (Go's fatal report), on its own so that every module that reports can
// import it without importing the scheduler.
//
// Invariants:
//   x1. name and code follow kind: DeadlockError/ERR_GORT_DEADLOCK, GoPanicError/ERR_GORT_PANIC,
//       GoFatalError/ERR_GORT_FATAL.

import { watchUnhandledPanics } from "./unhandled.ts";

/** The error a runtime fails with: a deadlock or an unrecovered panic, with Go's report. */
export class GoFatalError extends Error {
  readonly code: string;
  /** Go's full report: the fatal line and a dump of every goroutine. */
  readonly report: string;
  /** What was thrown, for panics. */
  readonly value: unknown;
  constructor(kind: "deadlock" | "panic" | "fatal", message: string, report: string, value?: unknown) {
    super(message);
    this.name = kind === "deadlock" ? "DeadlockError" : kind === "panic" ? "GoPanicError" : "GoFatalError";
    this.code =
      kind === "deadlock" ? "ERR_GORT_DEADLOCK" : kind === "panic" ? "ERR_GORT_PANIC" : "ERR_GORT_FATAL";
    this.report = report;
    this.value = value;
    watchUnhandledPanics(); // uncaught, it ends the process with this report (unhandled.ts)
  }
}
