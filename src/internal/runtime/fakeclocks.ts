// The bubble's fakes of the time readers besides Date, performance.now and process.hrtime (fakes.ts):
// performance.mark() and performance.measure() without explicit times, process.uptime(), Intl.DateTimeFormat's
// format() and formatToParts() without a date, and (Node 26+) Temporal.Now. Each reads the bubble's clock
// inside a bubble and defers to the host's function outside.

import { isPlainOptions, patch, patchGetter, perfNow, wallMs } from "./fakepatch.ts";
import { currentBubble } from "./nodetimers.ts";
import type { Sched } from "./proc.ts";

/**
 * The other readers of the current time, each on the bubble's clock inside one: performance.mark() and
 * performance.measure() without explicit times, process.uptime(), Intl.DateTimeFormat's format() and
 * formatToParts() without a date, and (Node 26+) Temporal.Now.
 */
export function installMoreClocks(perf: Record<string, unknown>): void {
  // performance.mark(name, options): its default startTime is now(); an explicit one is kept.
  const outerMark = (perf.mark as (...a: unknown[]) => unknown).bind(perf);
  patch(perf, "mark", (name: unknown, options?: { startTime?: unknown }) => {
    const rt = currentBubble();
    if (
      rt === null ||
      !(options === undefined || isPlainOptions(options)) ||
      options?.startTime !== undefined
    )
      return outerMark(name, options);
    return outerMark(name, { ...options, startTime: perfNow(rt) });
  });
  // performance.measure(name, start?, end?): a missing end is now() (Node's rules for which one that is).
  const outerMeasure = (perf.measure as (...a: unknown[]) => unknown).bind(perf);
  patch(perf, "measure", (name: unknown, start?: unknown, end?: unknown) => {
    const rt = currentBubble();
    if (rt === null || end !== undefined) return outerMeasure(name, start, end);
    if (isPlainOptions(start) && Object.keys(start).length > 0) {
      const o = start as { start?: unknown; end?: unknown; duration?: unknown };
      // Node: options need start or end; start and duration give the end; start alone ends now.
      if (o.start === undefined || o.end !== undefined || o.duration !== undefined)
        return outerMeasure(name, start);
      return outerMeasure(name, { ...o, end: perfNow(rt) });
    }
    const from = start === null || typeof start === "object" ? undefined : start;
    return outerMeasure(name, from === undefined ? { end: perfNow(rt) } : { start: from, end: perfNow(rt) });
  });
  // process.uptime(): seconds since the process started, on the bubble's clock from its start.
  const proc = process as unknown as Record<string, unknown>;
  const outerUptime = (proc.uptime as () => number).bind(process);
  patch(proc, "uptime", () => {
    const rt = currentBubble();
    return rt === null ? outerUptime() : perfNow(rt) / 1000;
  });
  // Intl.DateTimeFormat: format() and formatToParts() without a date format the current time.
  const dtf = Intl.DateTimeFormat.prototype as unknown as Record<string, unknown>;
  const formatGet = Object.getOwnPropertyDescriptor(dtf, "format")?.get;
  if (formatGet !== undefined) {
    const wrapped = new WeakMap<object, (date?: unknown) => string>();
    patchGetter(dtf, "format", function (this: unknown) {
      const f = formatGet.call(this) as (date?: unknown) => string; // the host's checks on `this`
      let w = wrapped.get(f);
      if (w === undefined) {
        const fmt = (date?: unknown): string => {
          const rt = date === undefined ? currentBubble() : null;
          return f(rt === null ? date : wallMs(rt));
        };
        Object.defineProperty(fmt, "name", { value: f.name });
        Object.defineProperty(fmt, "length", { value: f.length });
        wrapped.set(f, fmt);
        w = fmt;
      }
      return w;
    });
  }
  const outerParts = dtf.formatToParts as (this: unknown, date?: unknown) => unknown;
  patch(dtf, "formatToParts", function (this: unknown, date?: unknown) {
    const rt = date === undefined ? currentBubble() : null;
    return outerParts.call(this, rt === null ? date : wallMs(rt));
  });
  // Temporal.Now (Node 26+): the bubble's instant, in the zone asked for (default: the host's).
  const temporal = (globalThis as { Temporal?: TemporalLike }).Temporal;
  if (temporal?.Now !== undefined) installTemporalNow(temporal);
}

interface TemporalZoned {
  toPlainDateTime(): unknown;
  toPlainDate(): unknown;
  toPlainTime(): unknown;
}
interface TemporalInstant {
  toZonedDateTimeISO(tz: unknown): TemporalZoned;
}
interface TemporalLike {
  Now: Record<string, unknown>;
  Instant: { fromEpochNanoseconds(ns: bigint): TemporalInstant };
}

function installTemporalNow(temporal: TemporalLike): void {
  const now = temporal.Now;
  const outerZoneId = now.timeZoneId as () => unknown;
  const instantIn = (rt: Sched) => temporal.Instant.fromEpochNanoseconds(rt.walltimeNs());
  const zoned = (rt: Sched, tz: unknown) =>
    instantIn(rt).toZonedDateTimeISO(tz === undefined ? outerZoneId() : tz);
  const fakes: Record<string, (rt: Sched, tz?: unknown) => unknown> = {
    instant: (rt) => instantIn(rt),
    zonedDateTimeISO: (rt, tz) => zoned(rt, tz),
    plainDateTimeISO: (rt, tz) => zoned(rt, tz).toPlainDateTime(),
    plainDateISO: (rt, tz) => zoned(rt, tz).toPlainDate(),
    plainTimeISO: (rt, tz) => zoned(rt, tz).toPlainTime(),
  };
  for (const [name, fake] of Object.entries(fakes)) {
    const outer = now[name] as ((tz?: unknown) => unknown) | undefined;
    if (typeof outer !== "function") continue;
    patch(now, name, (tz?: unknown) => {
      const rt = currentBubble();
      return rt === null ? outer.call(now, tz) : fake(rt, tz);
    });
  }
}
