// How `gort run` loads the program file.
//
//   - .js/.mjs/.cjs run as they are; .ts/.mts/.cts with Node's own type stripping where this Node has it
//     (process.features.typescript: 22.18+, 24, 26), otherwise through tsx when it can be found (from the
//     program's directory, then from gort's), otherwise the CLI says in one `gort:` line what to install.
//     .tsx/.jsx always need tsx.
//   - The program file itself is loaded as an ES module whatever the "type" of the package around it
//     (npm's default is CommonJS): a load hook gives the entry's URL the module format. .cjs/.cts, which
//     say CommonJS by name, are left alone; files the program imports follow Node's usual rules.
//   - isLoadError tells a file that failed to load (resolution, syntax, format: Node's error, status 1;
//     tsx's compile error too, on a Node that cannot strip types) from one whose top-level code threw (a
//     panic of goroutine 1).

import { existsSync, readFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { dirname, extname, isAbsolute, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Extensions gort run accepts. */
export const runnable = new Set([".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx"]);

const typescript = new Set([".ts", ".mts", ".cts", ".tsx"]);
const needsTsx = new Set([".tsx", ".jsx"]);

/** Whether this process already runs TypeScript through a loader (the CLI from a checkout, via tsx). */
const selfIsTs = import.meta.url.endsWith(".ts");

/** How the file's types are stripped, or the one line saying what to install. */
export type Loader = { kind: "native" | "tsx" } | { kind: "missing"; message: string };

function nativeTypeScript(): boolean {
  return Boolean((process.features as { typescript?: unknown }).typescript);
}

/** tsx's ESM API (tsx/esm/api) resolved from dir, or null. */
function findTsx(fromDir: string): string | null {
  try {
    const pkgPath = nodeModule.createRequire(join(fromDir, "noop.js")).resolve("tsx/package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as {
      exports?: Record<string, unknown>;
    };
    const api = pkg.exports?.["./esm/api"] as { import?: string | { default?: string } } | undefined;
    const rel = typeof api?.import === "string" ? api.import : api?.import?.default;
    if (rel === undefined) return null;
    const file = join(dirname(pkgPath), rel);
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * Makes file loadable: registers tsx if the file needs it and Node cannot strip its types, and the hook
 * that loads the entry as an ES module. Resolves with what it did, or with kind "missing" and the line to
 * print when nothing can run the file.
 */
export async function prepareLoader(file: string): Promise<Loader> {
  const ext = extname(file).toLowerCase();
  const native = nativeTypeScript();
  let kind: "native" | "tsx" = "native";
  // The CLI itself running as TypeScript on a Node that cannot strip types: tsx is already registered.
  const tsxActive = selfIsTs && !native;
  if (tsxActive) kind = "tsx";
  else if (needsTsx.has(ext) || (typescript.has(ext) && !native)) {
    const api = findTsx(dirname(file)) ?? findTsx(fileURLToPath(new URL(".", import.meta.url)));
    if (api === null) {
      const why = needsTsx.has(ext)
        ? `Node cannot run ${ext} files by itself`
        : `Node ${process.version} cannot strip TypeScript types (Node 22.18+, 24 and 26 can)`;
      return {
        kind: "missing",
        message: `${why}; install tsx to run ${ext} files: npm install --save-dev tsx`,
      };
    }
    const mod = (await import(pathToFileURL(api).href)) as { register: () => unknown };
    mod.register();
    kind = "tsx";
  }
  // "module-typescript" where Node strips types (tsx, when registered too, takes that format as well).
  const stripped = native && (ext === ".ts" || ext === ".mts");
  if (ext !== ".cjs" && ext !== ".cts") forceModule(pathToFileURL(file).href, stripped);
  return { kind };
}

/** Gives the entry's URL the ES module format, whatever its package.json says. */
function forceModule(entry: string, stripTypes: boolean): void {
  const format = stripTypes ? "module-typescript" : "module";
  const m = nodeModule as unknown as {
    registerHooks?: (hooks: {
      load: (url: string, context: { format?: string }, next: (u: string, c?: object) => unknown) => unknown;
    }) => unknown;
    register: (specifier: string) => void;
  };
  if (typeof m.registerHooks === "function") {
    m.registerHooks({
      load: (url, context, next) => (url === entry ? next(url, { ...context, format }) : next(url, context)),
    });
    return;
  }
  // Node 20: no in-thread hooks; an off-thread one from a data: URL (module.register, deprecated from 26).
  const src = `export async function load(url, context, next) {
  return url === ${JSON.stringify(entry)} ? next(url, { ...context, format: ${JSON.stringify(format)} }) : next(url, context);
}`;
  m.register(`data:text/javascript,${encodeURIComponent(src)}`);
}

/**
 * esbuild's failure to compile a file of the program (tsx, where Node cannot strip types: a syntax error).
 * tsx compiles in Node's loader-hooks thread, so the error arrives as a copy: name "TransformError", and
 * esbuild's messages only in the text ("Transform failed with 1 error:\n<file>:<line>:<col>: ERROR: …").
 * The first message must be located in a file that exists: an esbuild call the program makes itself fails
 * on its own input (`<stdin>`), and stays the program's panic.
 */
function transformFailure(e: Error): boolean {
  if (!/^(Transform|Build) failed with \d+ error/.test(e.message)) return false;
  const m = /^(.+?):\d+:\d+: ERROR: /m.exec(e.message);
  return m !== null && isAbsolute(m[1]) && existsSync(m[1]);
}

// gort's own code: dist/ in an installed package, src/ in a checkout.
const gortDirs = ["dist", "src"].map((d) => fileURLToPath(new URL(`../../${d}/`, import.meta.url)));

/** A stack frame in the user's own code: not node:internal, not under node_modules, not gort's own. */
function userFrame(line: string): boolean {
  const m = /\((.*):\d+:\d+\)$/.exec(line) ?? /at (?:async )?(.*):\d+:\d+$/.exec(line);
  if (m === null) return false;
  let where = m[1];
  if (where.startsWith("node:") || where.startsWith("data:")) return false;
  if (where.startsWith("file://")) where = fileURLToPath(where.replace(/\?.*$/, ""));
  if (where.includes(`${sep}node_modules${sep}`)) return false;
  return !gortDirs.some((d) => where.startsWith(d));
}

/**
 * Whether an error that escaped the program's import is the file failing to load (not found, bad syntax,
 * wrong format, a missing export) rather than its top-level code throwing: a SyntaxError or one of Node's
 * own errors (an ERR_ code), with no frame in the user's code. Anything the program's own code throws or
 * calls into has one; an error the engine makes (Promise.any's AggregateError) has neither, and is the
 * program's.
 */
export function isLoadError(e: unknown): e is Error {
  if (!(e instanceof Error)) return false;
  if (transformFailure(e)) return true;
  const code = (e as { code?: unknown }).code;
  if (!(e instanceof SyntaxError) && !(typeof code === "string" && code.startsWith("ERR_"))) return false;
  const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  return !frames.some(userFrame);
}
