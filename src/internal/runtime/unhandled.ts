// An unhandled gort panic that is about to end the process, outside `gort run` and outside a runtime's
// own report: an un-awaited `c.send(v)` on a closed channel at top level, a `close(c)` of a closed channel
// outside any goroutine, the GoPanicError or DeadlockError of a `Runtime.run()` nobody catches. Go prints
// "panic: …" (or the fatal report) and exits with status 2; Node would print its own uncaught-exception
// report and exit with status 1. This module makes Node's crash, when it happens, Go's.
//
// How: a listener on 'uncaughtExceptionMonitor', installed the first time gort makes a panic value
// (GoPanic's and GoFatalError's constructors call watchUnhandledPanics). Node emits that event, to
// monitors only, just before an uncaught exception ends the process, and for an unhandled rejection only
// when its --unhandled-rejections mode raises it as one (the default `throw` with no 'unhandledRejection'
// listener, and `strict`); monitors cannot change what Node does next, so the listener either returns or
// writes Go's report and exits. A listener on 'unhandledRejection' was rejected: merely having one
// turns off the default mode's crash for every rejection, gort's or not, which would then have to be
// re-raised by hand, with Node's wrapping of non-Error reasons, its origin argument and its arrow message
// all imitated.
//
// Invariants:
//   u1. Only gort's own panic values are acted on: a GoPanic (`goPanic` text) or a GoFatalError (`report`
//       text, code ERR_GORT_*), recognised by their fields (no import: errors.ts imports this module).
//       Any other error or rejection reason returns at once, and Node behaves exactly as without gort.
//   u2. It acts only when the process is certain to die: no 'uncaughtException' listener and no
//       capture callback (domains, the REPL) that would keep it alive. Then it writes the report with a
//       synchronous write to fd 2 and calls process.exit(2) ('exit' listeners still run).
//   u3. --unhandled-rejections=warn, warn-with-error-code and none raise nothing, so nothing here runs:
//       the modes that keep a process alive are respected; gort run's 'unhandledRejection' listener
//       likewise keeps Node from raising, and gort run writes the report itself.
//   u4. Installed at most once per process, never removed; it holds no references and keeps no event loop
//       alive.

import { writeSync } from "node:fs";
import { selfUrl } from "../selfurl.ts";

let installed = false;

/** Installs the monitor (once). Called when gort creates a panic value; costs a boolean check after. */
export function watchUnhandledPanics(): void {
  if (installed) return;
  installed = true;
  process.on("uncaughtExceptionMonitor", onUncaught);
}

/** gort's runtime folder: its frames are left out of a panic's stack, as Go's traceback leaves its own. */
const runtimeDir = new URL("./", selfUrl(import.meta.url)).pathname;
/** gort's source root (src/ or dist/): the public wrappers' frames (chan.ts's send) are left out too. */
const libDir = new URL("../../", selfUrl(import.meta.url)).pathname;

function onUncaught(err: unknown): void {
  const report = reportOf(err);
  if (report === null) return; // u1
  if (process.listenerCount("uncaughtException") > 0 || process.hasUncaughtExceptionCaptureCallback()) return; // u2: the process lives on
  writeSync(2, report.endsWith("\n") ? report : `${report}\n`);
  process.exit(2);
}

/** Go's report for a gort panic value, or null for anything else. */
export function reportOf(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const e = err as Error & { goPanic?: unknown; report?: unknown; code?: unknown };
  if (typeof e.report === "string" && typeof e.code === "string" && e.code.startsWith("ERR_GORT_"))
    return e.report;
  if (typeof e.goPanic !== "string" || e.code !== "ERR_GORT_PANIC") return null;
  const frames = (e.stack ?? "").split("\n").slice(1);
  const own = frames.filter((l) => !l.includes(libDir) && !l.includes("(node:internal/"));
  const lib = frames.filter((l) => !l.includes(runtimeDir) && !l.includes("(node:internal/"));
  const stack = (own.length > 0 ? own : lib.length > 0 ? lib : frames).join("\n");
  // Code outside any goroutine is goroutine 0, as in the exit-time deadlock report (exitdeadlock.ts).
  // Go's printpanicval: the lines after the first indented by a tab (traceback.ts panicLine).
  return `panic: ${e.goPanic.replaceAll("\n", "\n\t")}\n\ngoroutine 0 [running]:\n${stack}`;
}
