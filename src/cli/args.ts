// The gort command line, parsed: no runtime, no I/O. `parseArgs` turns argv (without node and the script)
// into a command, or into one line of error text for the caller to print with status 2.
//
//   gort run [flags] <file.ts|.js> [program args…]
//   gort --help | gort help | gort -h
//   gort --version | gort version
//
// Flags go between `run` and the file; everything after the file belongs to the program. A flag's value
// may follow as the next word or after `=` (`--procs 4`, `--procs=4`).

import { describe } from "../internal/timeargs.ts";

/** What to do. */
export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "run"; options: RunOptions }
  | { kind: "error"; message: string };

export interface RunOptions {
  /** The program's path as given. */
  file: string;
  /** The program's own arguments (its process.argv.slice(2)). */
  args: string[];
  /** GOMAXPROCS (default 1). */
  procs: number;
  /** Virtual time from Go's playground epoch. */
  fake: boolean;
  /** The runtime's random seed, or undefined for a random one. */
  seed: number | undefined;
  /** Trace outputs; the format follows each path's extension (see traceFormatOf). */
  traces: string[];
  /** Prefix each output line with the runtime's time since start. */
  timestamps: boolean;
}

export const usage = `Usage: gort run [flags] <file.ts|file.js> [args...]

Runs the program with gort's runtime: its top-level code (then its exported main,
if any) is goroutine 1. A deadlock or an unrecovered panic prints Go's report to
stderr and exits with status 2.

Flags:
  --procs N       number of Ps, like GOMAXPROCS (default 1)
  --faketime      virtual time: starts at Go's playground epoch
                  (2009-11-10 23:00:00 UTC) and jumps to the next timer whenever
                  every goroutine is blocked
  --seed S        seed for the runtime's random choices (select, scheduling);
                  an integer in [0, 2^32). With --faketime, a run is a function
                  of the program and the seed
  --trace FILE    write an execution trace: FILE.json is Chrome trace-event JSON
                  (open it in https://ui.perfetto.dev or chrome://tracing),
                  FILE.txt a text timeline, FILE.svg a picture; "-" writes the
                  text timeline to stderr. May be repeated
  --timestamps    prefix every output line with the time since start, "12.000ms "
  -h, --help      print this help
  --version       print gort's version

Examples:
  gort run examples/ticker.ts
  gort run --faketime --timestamps --seed 1 examples/worker-pool.ts
  gort run --faketime --trace trace.json --procs 4 examples/rate-limiter.ts
`;

/** Which writer a --trace path gets. */
export type TraceFormat = "chrome" | "text" | "svg";

/** A --trace path's format: .txt/.log → text, .svg → svg, "-" → text on stderr, anything else → chrome. */
export function traceFormatOf(path: string): TraceFormat {
  if (typeof path !== "string")
    throw new TypeError(`trace.traceFormatOf: path must be a string, got ${describe(path)}`);
  const p = path.toLowerCase();
  if (p === "-" || p.endsWith(".txt") || p.endsWith(".log")) return "text";
  if (p.endsWith(".svg")) return "svg";
  return "chrome";
}

const valueFlags = new Set(["--procs", "--seed", "--trace"]);
const boolFlags = new Set(["--faketime", "--timestamps"]);

function err(message: string): Command {
  return { kind: "error", message: `gort: ${message}` };
}

/** Parses argv (process.argv.slice(2)). Never throws. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) return err("no command (try: gort run <file.ts>, or gort --help)");
  const [cmd, ...rest] = argv;
  if (cmd === "-h" || cmd === "--help" || cmd === "help") return { kind: "help" };
  if (cmd === "--version" || cmd === "version" || cmd === "-v") return { kind: "version" };
  if (cmd !== "run") {
    if (cmd.startsWith("-")) return err(`unknown flag ${cmd} (see gort --help)`);
    return err(`unknown command "${cmd}" (the command is run: gort run <file.ts>)`);
  }
  const o: RunOptions = {
    file: "",
    args: [],
    procs: 1,
    fake: false,
    seed: undefined,
    traces: [],
    timestamps: false,
  };
  let i = 0;
  for (; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    if (a === "-h" || a === "--help") return { kind: "help" };
    if (a === "--version") return { kind: "version" };
    const eq = a.indexOf("=");
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (boolFlags.has(name)) {
      if (eq >= 0) return err(`flag ${name} takes no value`);
      if (name === "--faketime") o.fake = true;
      else o.timestamps = true;
      continue;
    }
    if (!valueFlags.has(name)) return err(`unknown flag ${name} (see gort --help)`);
    let value: string;
    if (eq >= 0) value = a.slice(eq + 1);
    else {
      if (i + 1 >= rest.length) return err(`flag ${name} needs a value`);
      value = rest[++i];
    }
    if (name === "--procs") {
      if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > 1024)
        return err(`--procs wants an integer from 1 to 1024, got "${value}"`);
      o.procs = Number(value);
    } else if (name === "--seed") {
      if (!/^[0-9]+$/.test(value) || Number(value) > 0xffffffff)
        return err(`--seed wants an integer from 0 to 4294967295, got "${value}"`);
      o.seed = Number(value);
    } else {
      if (value === "") return err("--trace needs a file name");
      o.traces.push(value);
    }
  }
  if (i >= rest.length) return err("run: no program file given (gort run [flags] <file.ts>)");
  o.file = rest[i];
  o.args = rest.slice(i + 1);
  return { kind: "run", options: o };
}
