// Arguments of gort/trace's calls, checked before anything subscribes or opens a file: a bad one is a
// TypeError (RangeError for a number out of range) naming the call, never an error thrown later from the
// diagnostics_channel subscriber, where it would end the process (internal/args.ts has the gates).
//
// Invariants:
//   ta1. a sink or writer that passes has write and close (event and close) methods; options pass
//        badOptions with the rules of their writer's format.

import { checkOptions, isNumber, type OptionRules, rule } from "../internal/args.ts";
import { describe } from "../internal/timeargs.ts";
import type { TraceFormat } from "./args.ts";
import type { SvgOptions } from "./trace-svg.ts";
import type { TraceWriterOptions } from "./trace-writer.ts";

const format = rule.oneOf("chrome", "text", "svg");

const writerRules: OptionRules<TraceWriterOptions> = {
  runtime: { want: "a runtime id (Runtime.id)", type: (v) => Number.isSafeInteger(v) },
  label: rule.string,
};

const svgRules: OptionRules<SvgOptions> = {
  ...writerRules,
  width: { want: "a positive number of px", type: isNumber, range: (v) => (v as number) > 0 },
  detailRuns: rule.count,
  detailAt: {
    want: "a fraction from 0 to 1",
    type: isNumber,
    range: (v) => (v as number) >= 0 && (v as number) <= 1,
  },
  title: rule.string,
  marks: { want: "an array of { at, label }", type: Array.isArray },
};

/** Whether s has a TraceSink's methods (write, close). */
export function isSink(s: unknown): boolean {
  return hasMethods(s, "write", "close");
}

function hasMethods(o: unknown, ...names: string[]): boolean {
  return (
    typeof o === "object" &&
    o !== null &&
    names.every((n) => typeof (o as Record<string, unknown>)[n] === "function")
  );
}

/** Throws unless format is a trace format. */
export function checkFormat(f: unknown, who: string): asserts f is TraceFormat {
  if (!format.type(f)) throw new TypeError(`${who}: format must be ${format.want}, got ${describe(f)}`);
}

/** Throws unless sink is a TraceSink and opts are options of a writer of the format. */
export function checkWriterArgs(sink: unknown, opts: unknown, who: string, f: TraceFormat): void {
  if (!isSink(sink))
    throw new TypeError(`${who}: sink must be a TraceSink (write, close), got ${describe(sink)}`);
  checkWriterOptions(opts, who, f);
}

/** Throws unless opts are options of a writer of the format (and of startTrace, with its `format`). */
export function checkWriterOptions(opts: unknown, who: string, f: TraceFormat, withFormat = false): void {
  const rules = f === "svg" ? svgRules : writerRules;
  checkOptions(opts, who, withFormat ? { ...rules, format } : rules);
}

/** Throws unless writer is a TraceWriter (event, close). */
export function checkWriter(w: unknown, who: string): void {
  if (!hasMethods(w, "event", "close"))
    throw new TypeError(`${who}: writer must be a TraceWriter (event, close), got ${describe(w)}`);
}
