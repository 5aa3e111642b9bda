// `gort run`: runs a program file in a gort runtime. The module's top-level code runs as goroutine 1 (it
// is imported from inside the main goroutine: the runtime attributes a goroutine's calls after a foreign
// await to it when it is the only goroutine in a syscall), then its exported `main`, if any. Returns the
// exit status: 0 when main returns, 2 after a deadlock or an unrecovered panic (Go's report on stderr) or a
// usage error (one line on stderr), 1 when nothing here can run the file's TypeScript (one line), 141 when
// a reader closed stdout or stderr (Go's death by SIGPIPE). A file
// that fails to load (loader.ts's isLoadError) is no panic: runProgram rejects with Node's own error,
// which the caller lets Node print (status 1).

import { existsSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { hostSetImmediate } from "../internal/host.ts";
import { storeG } from "../internal/runtime/getg.ts";
import { GoFatalError } from "../internal/runtime/proc.ts";
import { schedOf } from "../internal/runtime/schedof.ts";
import { panicFatal } from "../internal/runtime/traceback.ts";
import { Runtime } from "../runtime.ts";
import type { RunOptions } from "./args.ts";
import { isLoadError, prepareLoader, runnable } from "./loader.ts";
import { stampOf, stampStreams } from "./timestamps.ts";
import { type ActiveTrace, startTrace } from "./trace-writer.ts";

/** Where the CLI writes its own lines (tests swap it). */
export interface RunIO {
  stderr: (s: string) => void;
}

const defaultIO: RunIO = { stderr: (s) => process.stderr.write(s) };

/** Runs the program; resolves with the process exit status. */
export async function runProgram(o: RunOptions, io: RunIO = defaultIO): Promise<number> {
  const file = resolve(o.file);
  if (!existsSync(file)) {
    io.stderr(`gort: cannot find file ${o.file}\n`);
    return 2;
  }
  if (!statSync(file).isFile()) {
    io.stderr(`gort: ${o.file} is not a file\n`);
    return 2;
  }
  if (!runnable.has(extname(file).toLowerCase())) {
    io.stderr(`gort: ${o.file}: not a TypeScript or JavaScript file (.ts, .mts, .js, .mjs)\n`);
    return 2;
  }
  const loader = await prepareLoader(file);
  if (loader.kind === "missing") {
    io.stderr(`gort: ${o.file}: ${loader.message}\n`);
    return 1;
  }

  const rt = new Runtime({ procs: o.procs, clock: o.fake ? "fake" : "real", seed: o.seed });
  const label = `${o.fake ? "fake" : "real"} clock, ${o.procs} P${o.procs === 1 ? "" : "s"}, seed ${rt.seed}`;
  const traces: ActiveTrace[] = [];
  for (const path of o.traces) {
    try {
      traces.push(startTrace(path, { runtime: rt.id, label }));
    } catch (e) {
      for (const t of traces) t.stop();
      io.stderr(`gort: cannot write trace file ${path}: ${(e as Error).message}\n`);
      return 2;
    }
  }

  const restore = o.timestamps
    ? stampStreams([process.stdout, process.stderr], () => stampOf(rt.nanotime() - 1))
    : () => {};
  // A program that calls process.exit, or a Ctrl-C, still leaves complete trace files.
  const stopTraces = () => {
    for (const t of traces) t.stop();
  };
  const onSigint = () => {
    restore();
    stopTraces();
    process.exit(130);
  };
  if (traces.length > 0) {
    process.once("exit", stopTraces);
    process.once("SIGINT", onSigint);
  }
  // Go: a write to a closed pipe on stdout or stderr kills the program with SIGPIPE, silently (`gort run
  // p.ts | head`). Node ignores SIGPIPE and raises EPIPE as an unhandled 'error' event (a stack trace and
  // status 1, or a program writing on forever to a gone reader); gort exits silently with the status a
  // shell reports for SIGPIPE, 128 + 13. Other stream errors stay Node's.
  const onPipeError = (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    restore();
    stopTraces();
    process.exit(141);
  };
  process.stdout.on("error", onPipeError);
  process.stderr.on("error", onPipeError);
  process.argv = [process.argv[0], file, ...o.args];
  // A rejection nobody handles is an unrecovered panic, as in Go: `c.send(v)` on a closed channel without
  // await, a throw in an un-awaited async function. Go's report and status 2, on either clock (without
  // this, Node's own report and status 1 on the real clock, and nothing at all once main returned).
  let unhandled: { reason: unknown; goid: number | undefined } | null = null;
  // Node raises it in the async context its promise was made in: the goroutine that made it, if any.
  const onRejection = (reason: unknown) => {
    const s = schedOf(rt);
    const gp = storeG();
    unhandled ??= { reason, goid: gp !== undefined && gp.rt === s ? gp.goid : undefined };
    if (!s.stopped) s.fail(panicFatal(reason, unhandled.goid));
  };
  process.on("unhandledRejection", onRejection);
  let failure: unknown = null;
  let failed = false;
  let loadFailure: { error: Error } | null = null;
  try {
    await rt.run(async () => {
      let mod: { main?: unknown };
      try {
        mod = (await import(pathToFileURL(file).href)) as { main?: unknown };
      } catch (e) {
        if (!isLoadError(e)) throw e;
        loadFailure = { error: e };
        return;
      }
      if (typeof mod.main === "function") await (mod.main as () => unknown)();
    });
    // Node reports a rejection left unhandled once the microtask queue drains: let it, before deciding.
    await new Promise((r) => hostSetImmediate(r));
  } catch (e) {
    failed = true;
    failure = e;
  } finally {
    process.off("unhandledRejection", onRejection);
    restore();
    stopTraces();
    process.off("exit", stopTraces);
    process.off("SIGINT", onSigint);
    process.stdout.off("error", onPipeError);
    process.stderr.off("error", onPipeError);
  }
  if (loadFailure !== null) throw (loadFailure as { error: Error }).error;
  if (!failed && unhandled !== null) {
    failed = true;
    const u = unhandled as { reason: unknown; goid: number | undefined };
    failure = panicFatal(u.reason, u.goid);
  }
  if (!failed) return exitCodeOf(process.exitCode);
  // With --timestamps the report is stamped too, as Go under faketime stamps it (the trace, written
  // when the traces stopped, is not).
  const unstamp = o.timestamps ? stampStreams([process.stderr], () => stampOf(rt.nanotime() - 1)) : () => {};
  try {
    writeFailure(failure);
  } finally {
    unstamp();
  }
  return 2;
}

/** The status a program asked for with process.exitCode (a number or an integer string), as node exits. */
function exitCodeOf(code: unknown): number {
  if (typeof code === "number" && Number.isInteger(code)) return code;
  if (typeof code === "string" && /^-?\d+$/.test(code.trim())) return Number(code);
  return 0;
}

/** Go's report of a deadlock or unrecovered panic, or (not a Go failure) the error itself, on stderr. */
function writeFailure(failure: unknown): void {
  if (failure instanceof GoFatalError) {
    const report = failure.report;
    process.stderr.write(report.endsWith("\n") ? report : `${report}\n`);
  } else {
    process.stderr.write(
      `gort: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}\n`,
    );
  }
}
