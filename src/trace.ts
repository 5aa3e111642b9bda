// Public: gort/trace — execution tracing (Go's runtime/trace), the same writers `gort run --trace` uses.
//
//   import { Runtime } from "gort";
//   import { startTrace } from "gort/trace";
//   const rt = new Runtime({ clock: "fake", procs: 4, seed: 1 });
//   const trace = startTrace("trace.json", { runtime: rt.id }); // format from the extension
//   await rt.run(main);
//   trace.stop(); // unsubscribes and completes the file
//
// The runtime publishes one event per scheduling fact on the node:diagnostics_channel channel
// "gort:trace"; subscribeTrace(fn) hands them to fn as TraceEvent objects, and the writers turn them into
// Chrome trace-event JSON (ui.perfetto.dev), a text timeline or an SVG picture. docs/cli.md describes the
// events and the formats.

export { type TraceFormat, traceFormatOf } from "./cli/args.ts";
export { type SvgOptions, SvgTraceWriter } from "./cli/trace-svg.ts";
export {
  type ActiveTrace,
  ChromeTraceWriter,
  createTraceWriter,
  fileSink,
  recordTrace,
  startTrace,
  stringSink,
  TextTimelineWriter,
  type TraceSink,
  type TraceWriter,
  type TraceWriterOptions,
} from "./cli/trace-writer.ts";
export {
  subscribeTrace,
  type TraceEvent,
  type TraceEventKind,
} from "./internal/runtime/trace.ts";

/** The node:diagnostics_channel channel name the runtime publishes trace events on. */
export const traceChannelName = "gort:trace";
