// Trace writers: turn the runtime's trace events (node:diagnostics_channel "gort:trace") into
//   - Chrome trace-event JSON (Perfetto, chrome://tracing): one process per runtime, one track (thread) per
//     P, each goroutine run a complete ("X") slice on its P's track, timer add/modify/stop/fire as instants
//     on the track of the P whose heap holds the timer, steals and goroutine create/unblock as instants,
//     clock jumps as process-wide instants, and counters for running Ps and live goroutines;
//   - a compact text timeline, one line per event, the time printed only when it changes.
// Both stream to a sink as events arrive (a long run is never held in memory). Usable as a library:
//
//   const trace = startTrace("trace.json");            // subscribes; format from the extension
//   await rt.run(main);
//   trace.stop();                                      // unsubscribes, closes the JSON, closes the file
//
// Times: an event's ts is ns on its runtime's clock, which starts at 1; the writers show time since start
// (ts − 1): µs in the JSON (Chrome's unit), ms in the text timeline.
//
// Invariants:
//   w1. a goroutine's slice opens at its go.start and closes at the next of: its block/syscall/end, the next
//       go.start in the same runtime (it yielded: only one goroutine of a runtime runs at a time), or the
//       runtime's exit; slices of one runtime never overlap.
//   w2. the JSON is well-formed after stop(), whatever events arrived (unknown kinds are skipped).

import { closeSync, openSync, writeSync } from "node:fs";
import { subscribeTrace, type TraceEvent } from "../internal/runtime/trace.ts";
import { describe } from "../internal/timeargs.ts";
import { traceFormatOf } from "./args.ts";
import { checkFormat, checkWriter, checkWriterArgs, checkWriterOptions, isSink } from "./trace-args.ts";
import { SvgTraceWriter } from "./trace-svg.ts";

/** Where a writer's text goes. */
export interface TraceSink {
  write(s: string): void;
  close(): void;
}

/** A buffered sink on a file descriptor (a path is opened for writing; "-" means stderr). */
export function fileSink(path: string | number): TraceSink {
  const own = typeof path === "string" && path !== "-";
  const fd = typeof path === "number" ? path : path === "-" ? 2 : openSync(path, "w");
  let buf: string[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    writeSync(fd, buf.join(""));
    buf = [];
    size = 0;
  };
  return {
    write(s: string) {
      buf.push(s);
      size += s.length;
      if (size >= 1 << 16) flush();
    },
    close() {
      flush();
      if (own) closeSync(fd);
    },
  };
}

/** A sink that keeps everything in a string (tests, small traces). */
export function stringSink(): TraceSink & { text(): string } {
  const parts: string[] = [];
  return {
    write: (s) => {
      parts.push(s);
    },
    close: () => {},
    text: () => parts.join(""),
  };
}

/** Consumes trace events; close() finishes the output and closes the sink. */
export interface TraceWriter {
  event(e: TraceEvent): void;
  close(): void;
}

/** Options shared by the writers. */
export interface TraceWriterOptions {
  /** Only events of this runtime id (default: every runtime's). */
  runtime?: number;
  /** A label for the runtime's process/header, e.g. "fake clock, 4 Ps". */
  label?: string;
}

const never = Number.MAX_SAFE_INTEGER;

/** ns since start, as µs with at most 3 decimals (Chrome's ts unit). */
function us(ts: number): number {
  return Math.round(ts - 1) / 1000;
}

/** ns on a runtime clock → "12.345ms" since start. */
export function fmtMs(ts: number): string {
  if (ts >= never) return "never";
  return `${((ts - 1) / 1e6).toFixed(3)}ms`;
}

/** A duration in ns → "1.5s" / "250ms" / "3µs" (short, for labels). */
export function fmtSpan(ns: number): string {
  const a = Math.abs(ns);
  if (a >= 3600e9) return `${+(ns / 3600e9).toFixed(3)}h`;
  if (a >= 60e9) return `${+(ns / 60e9).toFixed(3)}m`;
  if (a >= 1e9) return `${+(ns / 1e9).toFixed(3)}s`;
  if (a >= 1e6) return `${+(ns / 1e6).toFixed(3)}ms`;
  if (a >= 1e3) return `${+(ns / 1e3).toFixed(3)}µs`;
  return `${ns}ns`;
}

/** Per-runtime state the writers track. */
interface RtState {
  /** The goroutine running and since when (w1), or g = -1. */
  runG: number;
  runP: number;
  runTs: number;
  /** Last ts seen, for clock-jump deltas. */
  lastTs: number;
  runningPs: number;
  liveGs: number;
  seenPs: Set<number>;
  /** The P of the latest event that named one (where create/unblock instants go when none runs). */
  lastP: number;
  /** Counter values written last, and pending ones (one counter event per name and timestamp). */
  shown: { running: number; live: number };
  pendingTs: number;
}

function newRtState(): RtState {
  return {
    runG: -1,
    runP: -1,
    runTs: 0,
    lastTs: 1,
    runningPs: 0,
    liveGs: 0,
    seenPs: new Set(),
    lastP: 0,
    shown: { running: 0, live: 0 },
    pendingTs: -1,
  };
}

// ===== Chrome trace-event JSON =====

/** Track ids that are not Ps. */
const timersTid = 10000;

/**
 * Writes Chrome trace-event JSON ({"traceEvents":[…]}) as events arrive. Opens in Perfetto
 * (ui.perfetto.dev) and chrome://tracing.
 */
export class ChromeTraceWriter implements TraceWriter {
  private readonly rts = new Map<number, RtState>();
  private first = true;
  /** Events written (metadata included). */
  written = 0;

  private readonly sink: TraceSink;
  private readonly opts: TraceWriterOptions;

  constructor(sink: TraceSink, opts: TraceWriterOptions = {}) {
    checkWriterArgs(sink, opts, "new ChromeTraceWriter", "chrome");
    this.sink = sink;
    this.opts = opts ?? {};
    sink.write('{"displayTimeUnit":"ms","otherData":{"producer":"gort"},"traceEvents":[\n');
  }

  private out(obj: object): void {
    this.sink.write(this.first ? JSON.stringify(obj) : `,\n${JSON.stringify(obj)}`);
    this.first = false;
    this.written++;
  }

  private state(rt: number): RtState {
    let s = this.rts.get(rt);
    if (s === undefined) {
      s = newRtState();
      this.rts.set(rt, s);
      const label = this.opts.label !== undefined ? ` (${this.opts.label})` : "";
      this.out({
        ph: "M",
        pid: rt,
        tid: 0,
        name: "process_name",
        args: { name: `gort runtime ${rt}${label}` },
      });
      this.out({ ph: "M", pid: rt, tid: 0, name: "process_sort_index", args: { sort_index: rt } });
    }
    return s;
  }

  private track(rt: number, s: RtState, p: number): void {
    if (s.seenPs.has(p)) return;
    s.seenPs.add(p);
    const name = p === timersTid ? "timers (no P)" : `P${p}`;
    this.out({ ph: "M", pid: rt, tid: p, name: "thread_name", args: { name } });
    this.out({ ph: "M", pid: rt, tid: p, name: "thread_sort_index", args: { sort_index: p } });
  }

  /** Closes the running slice (w1). */
  private endRun(rt: number, s: RtState, ts: number, end: string, reason?: string): void {
    if (s.runG < 0) return;
    const args: Record<string, string | number> = { g: s.runG, end };
    if (reason !== undefined) args.reason = reason;
    this.out({
      ph: "X",
      name: `G${s.runG}`,
      pid: rt,
      tid: s.runP,
      ts: us(s.runTs),
      dur: Math.max(0, us(ts) - us(s.runTs)),
      args,
    });
    s.runG = -1;
  }

  private instant(rt: number, s: RtState, p: number, ts: number, cat: string, name: string, args?: object) {
    this.track(rt, s, p);
    const e: Record<string, unknown> = { ph: "i", s: "t", cat, name, pid: rt, tid: p, ts: us(ts) };
    if (args !== undefined) e.args = args;
    this.out(e);
  }

  /** Writes the counters that changed, as of the pending timestamp. */
  private flushCounters(rt: number, s: RtState): void {
    if (s.pendingTs < 0) return;
    const ts = us(s.pendingTs);
    if (s.runningPs !== s.shown.running) {
      s.shown.running = s.runningPs;
      this.out({ ph: "C", name: "running Ps", pid: rt, ts, args: { running: s.runningPs } });
    }
    if (s.liveGs !== s.shown.live) {
      s.shown.live = s.liveGs;
      this.out({ ph: "C", name: "goroutines", pid: rt, ts, args: { live: s.liveGs } });
    }
    s.pendingTs = -1;
  }

  /** Counters change often at one instant (Ps go idle and run again): keep the last value per timestamp. */
  private counterChanged(rt: number, s: RtState, ts: number): void {
    if (s.pendingTs >= 0 && s.pendingTs !== ts) this.flushCounters(rt, s);
    s.pendingTs = ts;
  }

  event(e: TraceEvent): void {
    if (this.opts.runtime !== undefined && e.rt !== this.opts.runtime) return;
    const rt = e.rt;
    const s = this.state(rt);
    const ts = e.ts;
    if (s.pendingTs >= 0 && s.pendingTs !== ts) this.flushCounters(rt, s);
    s.lastTs = ts;
    if (e.p !== undefined) s.lastP = e.p;
    const g = e.g ?? 0;
    switch (e.kind) {
      case "go.start": {
        const p = e.p ?? 0;
        this.endRun(rt, s, ts, "yield");
        this.track(rt, s, p);
        s.runG = g;
        s.runP = p;
        s.runTs = ts;
        break;
      }
      case "go.block":
      case "go.end":
      case "go.syscall": {
        const end = e.kind === "go.block" ? "block" : e.kind === "go.end" ? "end" : "syscall";
        const reason = e.kind === "go.block" ? String(e.arg ?? "") : undefined;
        if (s.runG === g) this.endRun(rt, s, ts, end, reason);
        else {
          // It was running without a go.start (back from a syscall): a zero-length slice marks the event.
          const p = s.lastP;
          this.track(rt, s, p);
          const args: Record<string, string | number> = { g, end };
          if (reason !== undefined) args.reason = reason;
          this.out({ ph: "X", name: `G${g}`, pid: rt, tid: p, ts: us(ts), dur: 0, args });
        }
        if (e.kind === "go.end") {
          s.liveGs--;
          this.counterChanged(rt, s, ts);
        }
        break;
      }
      case "go.create": {
        s.liveGs++;
        this.counterChanged(rt, s, ts);
        const parent = Number(e.arg ?? 0);
        const p = s.runG >= 0 ? s.runP : s.lastP;
        this.instant(rt, s, p, ts, "goroutine", `go G${g}`, { g, parent });
        break;
      }
      case "go.unblock": {
        const by = Number(e.arg ?? 0);
        const p = s.runG >= 0 ? s.runP : s.lastP;
        this.instant(rt, s, p, ts, "goroutine", `unblock G${g}`, { g, by });
        break;
      }
      case "timer.add":
      case "timer.modify":
      case "timer.stop":
      case "timer.fire": {
        const p = e.p ?? timersTid;
        const when = typeof e.arg === "number" ? e.arg : 0;
        const args: Record<string, string | number> = { t: e.t ?? 0 };
        args.when = when >= never ? "never" : us(when);
        this.instant(rt, s, p, ts, "timer", e.kind, args);
        break;
      }
      case "proc.run":
      case "proc.idle": {
        const p = e.p ?? 0;
        this.track(rt, s, p);
        s.runningPs += e.kind === "proc.run" ? 1 : -1;
        if (s.runningPs < 0) s.runningPs = 0;
        this.counterChanged(rt, s, ts);
        break;
      }
      case "proc.steal": {
        const to = e.p ?? 0;
        this.instant(rt, s, to, ts, "proc", `steal G${g} from P${e.arg}`, { g, from: Number(e.arg) });
        break;
      }
      case "clock.jump": {
        this.out({
          ph: "i",
          s: "p",
          cat: "clock",
          name: "clock jump",
          pid: rt,
          tid: 0,
          ts: us(ts),
          args: { to: us(Number(e.arg ?? ts)) },
        });
        break;
      }
      case "runtime.exit": {
        this.endRun(rt, s, ts, "exit");
        this.out({
          ph: "i",
          s: "p",
          cat: "runtime",
          name: `runtime exit (${e.arg ?? "exit"})`,
          pid: rt,
          tid: 0,
          ts: us(ts),
        });
        break;
      }
      default:
        break;
    }
  }

  close(): void {
    for (const [rt, s] of this.rts) {
      this.flushCounters(rt, s);
      this.endRun(rt, s, s.lastTs, "trace end");
    }
    this.sink.write("\n]}\n");
    this.sink.close();
  }
}

// ===== Text timeline =====

/**
 * A compact text timeline: one line per event, `time  P  what`, the time printed only when it changes.
 * Goroutines are G<n>, Ps P<n>, timers t<n>; times are ms since the runtime started.
 */
export class TextTimelineWriter implements TraceWriter {
  private readonly rts = new Map<number, RtState>();
  private lastShown = "";
  private firstRt = -1;
  lines = 0;

  private readonly sink: TraceSink;
  private readonly opts: TraceWriterOptions;

  constructor(sink: TraceSink, opts: TraceWriterOptions = {}) {
    checkWriterArgs(sink, opts, "new TextTimelineWriter", "text");
    this.sink = sink;
    this.opts = opts ?? {};
    const label = this.opts.label !== undefined ? ` (${this.opts.label})` : "";
    sink.write(`# gort trace${label}: time since start, P, event\n`);
  }

  private line(rt: number, ts: number, p: number, text: string): void {
    const t = fmtMs(ts);
    const shown = t === this.lastShown ? "" : t;
    this.lastShown = t;
    const rtTag = rt === this.firstRt ? "" : `[rt${rt}] `;
    const pcol = p >= 0 ? `P${p}` : "";
    this.sink.write(`${shown.padStart(13)}  ${pcol.padEnd(4)} ${rtTag}${text}\n`);
    this.lines++;
  }

  event(e: TraceEvent): void {
    if (this.opts.runtime !== undefined && e.rt !== this.opts.runtime) return;
    const rt = e.rt;
    if (this.firstRt < 0) this.firstRt = rt;
    let s = this.rts.get(rt);
    if (s === undefined) {
      s = newRtState();
      this.rts.set(rt, s);
    }
    const ts = e.ts;
    const prevTs = s.lastTs;
    s.lastTs = ts;
    const g = e.g ?? 0;
    if (e.p !== undefined && e.kind !== "timer.modify") s.lastP = e.p;
    const cur = s.runG >= 0 ? s.runP : -1;
    switch (e.kind) {
      case "go.create":
        this.line(
          rt,
          ts,
          cur >= 0 || e.arg === 0 ? cur : s.lastP,
          `G${g} created by ${e.arg ? `G${e.arg}` : "the host"}`,
        );
        break;
      case "go.start":
        s.runG = g;
        s.runP = e.p ?? 0;
        this.line(rt, ts, s.runP, `G${g} runs`);
        break;
      case "go.block":
        this.line(rt, ts, cur, `G${g} blocks: ${e.arg ?? ""}`);
        if (s.runG === g) s.runG = -1;
        break;
      case "go.syscall":
        this.line(rt, ts, cur, `G${g} awaits a foreign promise (syscall)`);
        if (s.runG === g) s.runG = -1;
        break;
      case "go.end":
        this.line(rt, ts, cur, `G${g} ends`);
        if (s.runG === g) s.runG = -1;
        break;
      case "go.unblock":
        this.line(rt, ts, cur >= 0 ? cur : s.lastP, `G${g} unblocked${e.arg ? ` by G${e.arg}` : ""}`);
        break;
      case "timer.add":
      case "timer.modify":
      case "timer.stop":
      case "timer.fire": {
        const verb = e.kind.slice(6);
        const when = typeof e.arg === "number" ? e.arg : 0;
        const at = e.kind === "timer.stop" ? "" : ` (when ${fmtMs(when)})`;
        this.line(rt, ts, e.p ?? -1, `timer t${e.t ?? 0} ${verb}${at}`);
        break;
      }
      case "proc.run":
        this.line(rt, ts, e.p ?? 0, "P runs");
        break;
      case "proc.idle":
        this.line(rt, ts, e.p ?? 0, "P idle");
        break;
      case "proc.steal":
        this.line(rt, ts, e.p ?? 0, `steals G${g} from P${e.arg}`);
        break;
      case "clock.jump":
        this.line(rt, ts, -1, `clock jumps +${fmtSpan(ts - prevTs)} to ${fmtMs(Number(e.arg ?? ts))}`);
        break;
      case "runtime.exit":
        this.line(rt, ts, -1, `runtime exits (${e.arg ?? "exit"})`);
        s.runG = -1;
        break;
      default:
        break;
    }
  }

  close(): void {
    this.sink.close();
  }
}

// ===== Subscribing =====

/** A running trace: stop() unsubscribes and finishes the output. */
export interface ActiveTrace {
  readonly writer: TraceWriter;
  /** Events received so far (after the runtime filter). */
  readonly events: number;
  stop(): void;
}

/** Creates the writer for a format. */
export function createTraceWriter(
  format: "chrome" | "text" | "svg",
  sink: TraceSink,
  opts: TraceWriterOptions = {},
): TraceWriter {
  const who = "trace.createTraceWriter";
  checkFormat(format, who);
  checkWriterArgs(sink, opts, who, format);
  if (format === "text") return new TextTimelineWriter(sink, opts);
  if (format === "svg") return new SvgTraceWriter(sink, opts);
  return new ChromeTraceWriter(sink, opts);
}

/**
 * Subscribes a writer to "gort:trace" and returns it running. `dest` is a path (format from its extension
 * unless opts.format says: .json → Chrome JSON, .txt/.log → text timeline, .svg → picture, "-" → text on
 * stderr) or a sink (Chrome JSON unless opts.format says).
 */
export function startTrace(
  dest: string | TraceSink,
  opts: TraceWriterOptions & { format?: "chrome" | "text" | "svg" } = {},
): ActiveTrace {
  // Checked before the file is opened.
  const who = "trace.startTrace";
  if (typeof dest !== "string" && !isSink(dest))
    throw new TypeError(
      `${who}: dest must be a path (a string) or a TraceSink (write, close), got ${describe(dest)}`,
    );
  checkWriterOptions(opts, who, "chrome", true);
  const o = opts ?? {};
  const format = o.format ?? (typeof dest === "string" ? traceFormatOf(dest) : "chrome");
  checkWriterOptions(o, who, format);
  const sink = typeof dest === "string" ? fileSink(dest) : dest;
  const writer = createTraceWriter(format, sink, o);
  return recordTrace(writer, o.runtime);
}

/** Subscribes an existing writer; stop() unsubscribes and closes it. */
export function recordTrace(writer: TraceWriter, runtime?: number): ActiveTrace {
  checkWriter(writer, "trace.recordTrace");
  if (runtime !== undefined && !Number.isSafeInteger(runtime))
    throw new TypeError(
      `trace.recordTrace: runtime must be a runtime id (Runtime.id), got ${describe(runtime)}`,
    );
  let n = 0;
  let stopped = false;
  const unsubscribe = subscribeTrace((e) => {
    if (runtime !== undefined && e.rt !== runtime) return;
    n++;
    writer.event(e);
  });
  return {
    writer,
    get events() {
      return n;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      writer.close();
    },
  };
}
