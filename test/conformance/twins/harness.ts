// Runs a TypeScript twin of a Go conformance program (test/conformance/go/<name>/main.go) the way the Go
// oracle runs the original: as the main goroutine of a fake-clock runtime at GOMAXPROCS=1, recording every
// output line as `<offset> <fd> <text>` in the golden's format (test/conformance/go/README.md), and a final
// `exit <code>`. A deadlock or an unrecovered panic (the runtime rejects with GoFatalError) becomes the
// golden's crash lines: the first line of the report, then, as the Go oracle's crash filter keeps them,
// only `goroutine N [reason]:` headers and nested `panic: ` / `fatal error: ` lines; then `exit 2`.
//
// Twins print through println/eprintln (Go's fmt.Println to stdout/stderr): each line is stamped with the
// virtual time at which it is printed. The only normalisation between gort's output and Go's is the
// goroutine numbering of crash reports (normalise): Go numbers user goroutines from 6 under one P (2–5 are
// its runtime's own) while gort numbers them from 2.

import { GoFatalError, GoPanic, time } from "../../../src/index.ts";
import { Sched as Runtime } from "../../../src/internal/runtime/proc.ts";

interface Recording {
  readonly rt: Runtime;
  readonly lines: string[];
}

/** The twin being run (twins run one at a time). */
let current: Recording | null = null;

/** Virtual time since the program started, as the golden writes it: (ns / 1e6).toFixed(3) + "ms". */
function offset(rt: Runtime): string {
  const ns = Number(rt.walltimeNs() - rt.fakeEpoch);
  return `${(ns / 1e6).toFixed(3)}ms`;
}

function record(fd: 1 | 2, text: string): void {
  const rec = current;
  if (rec === null) throw new Error("twin printed outside runTwin");
  const at = offset(rec.rt);
  for (const line of text.split("\n")) rec.lines.push(line === "" ? `${at} ${fd}` : `${at} ${fd} ${line}`);
}

/**
 * Go's `%v` for the values twins print: nil (null/undefined) is "<nil>", an error its message, a slice
 * "[a b c]"; strings, numbers and booleans as themselves. Durations and times must be formatted by the
 * twin (time.durationString, Time.sub), since a Duration is a plain number here.
 */
export function fmtV(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (v instanceof GoPanic) return v.goPanic;
  if (v instanceof Error) return v.message;
  if (Array.isArray(v)) return `[${v.map(fmtV).join(" ")}]`;
  return String(v);
}

/** Go's fmt.Println: operands formatted with %v, separated by spaces, on stdout. */
export function println(...args: unknown[]): void {
  record(1, args.map(fmtV).join(" "));
}

/** Go's fmt.Fprintln(os.Stderr, ...). */
export function eprintln(...args: unknown[]): void {
  record(2, args.map(fmtV).join(" "));
}

/** Go's time.Since(start) printed with %v (Duration.String). */
export function since(start: time.Time): string {
  return time.durationString(time.since(start));
}

/** Go's t.Sub(start) printed with %v. */
export function sub(t: time.Time | undefined, start: time.Time): string {
  if (t === undefined) throw new Error("sub: no time (a receive from a closed channel?)");
  return time.durationString(t.sub(start));
}

/**
 * What Go's recover() returns, printed with %v: nil when nothing was thrown; a gort panic's Go text; a
 * JavaScript TypeError from reading a property of null or undefined is Go's nil pointer dereference.
 */
export function recovered(e: unknown): string {
  if (e === null || e === undefined) return "<nil>";
  if (e instanceof GoPanic) return e.goPanic;
  if (e instanceof TypeError && /^Cannot read properties of (null|undefined)/.test(e.message))
    return "runtime error: invalid memory address or nil pointer dereference";
  if (e instanceof Error) return e.message;
  return String(e);
}

const goroutineHeader = /^goroutine \d+ \[[^\]]*\]:$/;
const crashLine = /^\t*(panic: |fatal error: )/;

/** The lines of a GoFatalError's report that the Go oracle's crash filter keeps. */
export function crashLines(report: string): string[] {
  const lines = report.split("\n");
  const out = [lines[0]];
  for (const line of lines.slice(1)) if (goroutineHeader.test(line) || crashLine.test(line)) out.push(line);
  return out;
}

/**
 * Runs main as the main goroutine of `new Runtime({clock: "fake", procs, seed: 1})` (procs 1 unless
 * given: the goldens' GOMAXPROCS); returns the
 * output lines in the golden's format, ending with `exit 0` (main returned) or `exit 2` (crash).
 */
export async function runTwin(main: () => Promise<void>, procs = 1): Promise<string[]> {
  if (current !== null) throw new Error("runTwin: a twin is already running");
  const rt = new Runtime({ clock: "fake", procs, seed: 1 });
  const rec: Recording = { rt, lines: [] };
  current = rec;
  try {
    await rt.run(main);
    rec.lines.push("exit 0");
  } catch (e) {
    if (!(e instanceof GoFatalError)) throw e;
    const at = offset(rt);
    for (const line of crashLines(e.report)) rec.lines.push(`${at} 2 ${line}`);
    rec.lines.push("exit 2");
  } finally {
    current = null;
  }
  return rec.lines;
}

/**
 * The one normalisation applied before comparing with a Go golden: goroutine g >= 2 of gort is Go's
 * goroutine g + 4 (Go's first user goroutine is 6 under one P; the main goroutine is 1 in both).
 */
export function normalise(lines: readonly string[]): string[] {
  return lines.map((line) =>
    line.replace(/^(\S+ 2 goroutine )(\d+)( \[)/, (_m, pre: string, g: string, post: string) => {
      const n = Number(g);
      return `${pre}${n >= 2 ? n + 4 : n}${post}`;
    }),
  );
}
