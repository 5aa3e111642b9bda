// The CLI's runtime-free pieces, in process: argument parsing, line stamping, and the trace writers fed
// by a real fake-clock runtime through diagnostics_channel.
import assert from "node:assert/strict";
import diagnostics_channel from "node:diagnostics_channel";
import { describe, test } from "node:test";
import { parseArgs, traceFormatOf } from "../../src/cli/args.ts";
import { prefixLines, stampOf } from "../../src/cli/timestamps.ts";
import { SvgTraceWriter } from "../../src/cli/trace-svg.ts";
import {
  ChromeTraceWriter,
  recordTrace,
  startTrace,
  stringSink,
  TextTimelineWriter,
} from "../../src/cli/trace-writer.ts";
import { chan, go, Runtime, time } from "../../src/index.ts";
import { type TraceEvent, tracing } from "../../src/internal/runtime/trace.ts";

describe("parseArgs", () => {
  test("run with every flag, both value forms, program args after the file", () => {
    const c = parseArgs([
      "run",
      "--procs",
      "4",
      "--faketime",
      "--seed=9",
      "--trace",
      "a.json",
      "--trace=b.txt",
      "--timestamps",
      "prog.ts",
      "--procs",
      "x",
    ]);
    assert.deepEqual(c, {
      kind: "run",
      options: {
        file: "prog.ts",
        args: ["--procs", "x"],
        procs: 4,
        fake: true,
        seed: 9,
        traces: ["a.json", "b.txt"],
        timestamps: true,
      },
    });
  });

  test("defaults; -- ends the flags", () => {
    const c = parseArgs(["run", "--", "-weird.ts", "a"]);
    assert.deepEqual(c, {
      kind: "run",
      options: {
        file: "-weird.ts",
        args: ["a"],
        procs: 1,
        fake: false,
        seed: undefined,
        traces: [],
        timestamps: false,
      },
    });
  });

  test("help and version", () => {
    for (const a of [["--help"], ["-h"], ["help"], ["run", "-h"]])
      assert.deepEqual(parseArgs(a), { kind: "help" });
    for (const a of [["--version"], ["version"], ["run", "--version"]])
      assert.deepEqual(parseArgs(a), { kind: "version" });
  });

  test("errors are one line starting with gort:", () => {
    for (const a of [
      [],
      ["x"],
      ["-x"],
      ["run"],
      ["run", "--procs"],
      ["run", "--procs", "1025", "f.ts"],
      ["run", "--procs", "1.5", "f.ts"],
      ["run", "--seed", "4294967296", "f.ts"],
      ["run", "--trace=", "f.ts"],
      ["run", "--timestamps=1", "f.ts"],
    ]) {
      const c = parseArgs(a);
      assert.equal(c.kind, "error", a.join(" "));
      if (c.kind === "error") {
        assert.match(c.message, /^gort: /);
        assert.ok(!c.message.includes("\n"));
      }
    }
  });

  test("trace formats follow the extension", () => {
    assert.equal(traceFormatOf("t.json"), "chrome");
    assert.equal(traceFormatOf("t"), "chrome");
    assert.equal(traceFormatOf("T.TXT"), "text");
    assert.equal(traceFormatOf("t.log"), "text");
    assert.equal(traceFormatOf("-"), "text");
    assert.equal(traceFormatOf("t.svg"), "svg");
  });
});

describe("timestamps", () => {
  test("stampOf formats ms with three decimals", () => {
    assert.equal(stampOf(0), "0.000ms ");
    assert.equal(stampOf(1_500_000_000), "1500.000ms ");
    assert.equal(stampOf(1234), "0.001ms ");
  });

  test("prefixLines stamps each line once, across partial writes", () => {
    let n = 0;
    const p = () => `[${n++}] `;
    let [out, atStart] = prefixLines("ab", true, p);
    assert.deepEqual([out, atStart], ["[0] ab", false]);
    [out, atStart] = prefixLines("c\nd\n\ne", atStart, p);
    assert.deepEqual([out, atStart], ["c\n[1] d\n[2] \n[3] e", false]);
    [out, atStart] = prefixLines("\n", atStart, p);
    assert.deepEqual([out, atStart], ["\n", true]);
    [out, atStart] = prefixLines("", atStart, p);
    assert.deepEqual([out, atStart], ["", true]);
  });
});

/** A small program: two goroutines, a sleep, a channel hand-off, a ticker. */
async function program(): Promise<void> {
  const c = chan<number>();
  go(async () => {
    await time.sleep(10 * time.Millisecond);
    await c.send(1);
  });
  const tk = time.newTicker(3 * time.Millisecond);
  await tk.c.recv();
  tk.stop();
  await c.recv();
}

/** The fields of a Chrome trace event these tests read. */
interface ChromeEvent {
  ph: string;
  name: string;
  pid: number;
  tid?: number;
  ts: number;
  dur: number;
  args: { name?: string; reason?: string };
}

describe("trace writers", () => {
  test("tracing is off until someone subscribes, and off again after", async () => {
    assert.equal(tracing, false);
    const chrome = stringSink();
    const t = startTrace(chrome);
    assert.equal(tracing, true);
    t.stop();
    assert.equal(tracing, false);
    t.stop(); // idempotent
  });

  test("Chrome JSON: P tracks, goroutine slices, timer instants, clock jumps; one runtime only", async () => {
    const rt = new Runtime({ clock: "fake", procs: 2, seed: 3 });
    const other = new Runtime({ clock: "fake", seed: 3 });
    const sink = stringSink();
    const t = startTrace(sink, { runtime: rt.id, label: "test" });
    await Promise.all([rt.run(program), other.run(program)]);
    t.stop();
    const doc = JSON.parse(sink.text()) as { traceEvents: ChromeEvent[] };
    const evs = doc.traceEvents;
    assert.ok(
      evs.every((e) => e.pid === rt.id),
      "only the chosen runtime",
    );
    assert.ok(t.events > 0);
    const names = evs.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => e.args.name);
    assert.ok(names.includes("P0"));
    const proc = evs.find((e) => e.ph === "M" && e.name === "process_name")!;
    assert.equal(proc.args.name, `gort runtime ${rt.id} (test)`);
    // Slices of one runtime never overlap (w1) and all have dur >= 0.
    const slices = evs.filter((e) => e.ph === "X").sort((a, b) => a.ts - b.ts);
    for (let i = 1; i < slices.length; i++)
      assert.ok(slices[i].ts >= slices[i - 1].ts + slices[i - 1].dur, "slices overlap");
    assert.ok(slices.some((e) => e.args.reason === "sleep"));
    assert.ok(slices.some((e) => e.args.reason === "chan receive" || e.args.reason === "chan send"));
    const fires = evs.filter((e) => e.ph === "i" && e.name === "timer.fire").map((e) => e.ts);
    assert.deepEqual(fires, [3000, 10000]);
    const jumps = evs.filter((e) => e.name === "clock jump").map((e) => e.ts);
    assert.deepEqual(jumps, [3000, 10000]);
    assert.ok(evs.some((e) => e.ph === "i" && e.name === "timer.stop"));
    assert.ok(evs.some((e) => e.name === "runtime exit (exit)"));
  });

  test("text timeline and SVG from the same events", async () => {
    const rt = new Runtime({ clock: "fake", seed: 1 });
    const text = stringSink();
    const svg = stringSink();
    const chrome = stringSink();
    const tw = recordTrace(new TextTimelineWriter(text, { label: "unit" }), rt.id);
    const sw = recordTrace(new SvgTraceWriter(svg, { detailRuns: 8 }), rt.id);
    const cw = recordTrace(new ChromeTraceWriter(chrome), rt.id);
    await rt.run(program);
    tw.stop();
    sw.stop();
    cw.stop();
    const lines = text.text().split("\n");
    assert.equal(lines[0], "# gort trace (unit): time since start, P, event");
    // As Go's schedinit: P0 runs, then main (G1) is created on it.
    assert.equal(lines[1], "      0.000ms  P0   P runs");
    assert.equal(lines[2], "                    G1 created by the host");
    assert.ok(lines.includes("      3.000ms       clock jumps +3ms to 3.000ms"), text.text());
    assert.ok(lines.some((l) => /P0 +timer t\d+ fire \(when 3\.000ms\)$/.test(l)));
    assert.ok(lines.some((l) => /G2 blocks: sleep$/.test(l)));
    assert.ok(lines.some((l) => /runtime exits \(exit\)$/.test(l)));
    assert.match(svg.text(), /^<svg [^>]*width="1200"/);
    assert.match(svg.text(), /G1<\/text>/);
  });

  test("subscribers through diagnostics_channel see plain event objects", async () => {
    const seen: TraceEvent[] = [];
    const h = (m: unknown) => seen.push(m as TraceEvent);
    // A direct subscriber is noticed once tracing is on (setTracing/subscribeTrace).
    const t = startTrace(stringSink());
    diagnostics_channel.subscribe("gort:trace", h);
    const rt = new Runtime({ clock: "fake", seed: 1 });
    await rt.run(program);
    diagnostics_channel.unsubscribe("gort:trace", h);
    t.stop();
    const kinds = new Set(seen.filter((e) => e.rt === rt.id).map((e) => e.kind));
    for (const k of ["go.create", "go.start", "go.block", "go.unblock", "go.end", "timer.add", "timer.fire"])
      assert.ok(kinds.has(k as TraceEvent["kind"]), k);
  });
});
