// Finds, compiles and runs the @example blocks of the public modules' TSDoc comments (src/*.ts; not
// src/internal or src/cli). test/docs/examples.test.ts runs each one as a test, so examples cannot rot.
//
// Conventions for authors of examples:
//   - An example is the code after an `@example` tag, up to the next tag or the end of the comment. Text on
//     the tag's own line is a caption. Code fences (```ts … ```) are allowed and dropped.
//   - It may use, without importing them, the names README.md's examples use: everything `gort` exports
//     (chan, go, select, recv, send, trySelect, close, GOMAXPROCS, gosched, goexit, io, Runtime, GoPanic,
//     isGoPanic, WaitGroup, Mutex, RWMutex, Once, onceFunc, onceValue, onceValues, Cond, SyncMap, Pool),
//     the namespaces `time` and `context`, `synctest` (gort/synctest) and `assert` (node:assert/strict). It may also import, with
//     the published specifiers ("gort", "gort/time", "gort/synctest", …) or node: modules.
//   - An example that mentions `synctest` runs as it is, outside any runtime (a bubble is its own runtime).
//     Every other example runs as the main goroutine of `new Runtime({ clock: "fake", seed: 1 })`: virtual
//     time that starts at 2009-11-10 23:00:00 UTC, and a deterministic schedule.
//   - `console.log(…); // text`: the line that call prints must be `text` (util.format of the arguments).
//   - `expr; // literal …`: when the comment starts with a literal (a "string", a number, a bigint like
//     5n, true, false, null, undefined), expr must deep-equal it; the rest of the comment is prose. Other
//     trailing comments are prose and are not checked.
//   - Every checked line must run at least once.
//   - Top-level code of an example runs in an async function, so `await` works; an example must end: a
//     goroutine it leaves blocked is fine (a Go program ends with main), a bubble must finish cleanly.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format } from "node:util";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");
const src = join(root, "src");

/** The names an example may use without importing them, and where they come from. */
export const preludeFromIndex = [
  "chan",
  "close",
  "go",
  "goexit",
  "gosched",
  "GOMAXPROCS",
  "io",
  "Runtime",
  "select",
  "trySelect",
  "recv",
  "send",
  "GoPanic",
  "isGoPanic",
  "time",
  "context",
  "WaitGroup",
  "Mutex",
  "RWMutex",
  "Once",
  "onceFunc",
  "onceValue",
  "onceValues",
  "Cond",
  "SyncMap",
  "Pool",
] as const;
export const preludeNames: readonly string[] = [...preludeFromIndex, "synctest", "assert"];

export interface Example {
  /** The module file, e.g. "time.ts". */
  file: string;
  /** The documented symbol, e.g. "Timer.stop". */
  symbol: string;
  /** The test name: "time.ts: Timer.stop" (with " #2" for a second example of one symbol). */
  name: string;
  /** 1-based line of the @example tag in the file. */
  line: number;
  code: string;
}

/** The public modules: src/*.ts. */
export function publicModules(): string[] {
  return readdirSync(src)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(src, f));
}

/** The name of a declaration that can carry a doc comment, or null. */
function declName(node: ts.Node): string | null {
  const own = (n: ts.Node): string | null => {
    if (ts.isConstructorDeclaration(n)) return "constructor";
    if (ts.isVariableStatement(n)) {
      const d = n.declarationList.declarations[0];
      return d !== undefined && ts.isIdentifier(d.name) ? d.name.text : null;
    }
    const name = (n as { name?: ts.Node }).name;
    if (name === undefined) return null;
    if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
    if (ts.isComputedPropertyName(name)) return `[${name.expression.getText()}]`;
    if (ts.isStringLiteral(name)) return name.text;
    return null;
  };
  const n = own(node);
  if (n === null) return null;
  const parent = node.parent;
  if (parent !== undefined && (ts.isClassLike(parent) || ts.isInterfaceDeclaration(parent))) {
    const p = parent.name?.text ?? "(anonymous)";
    return `${p}.${n}`;
  }
  return n;
}

/** The lines of a doc comment without its delimiters and leading stars. */
function commentLines(raw: string): string[] {
  return raw
    .replace(/^\/\*\*/, "")
    .replace(/\*\/$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, "").replace(/^\s*\*$/, ""));
}

function dedent(lines: string[]): string {
  while (lines.length > 0 && lines[0].trim() === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== "").map((l) => (/^ */.exec(l) as RegExpExecArray)[0].length),
  );
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join("\n");
}

/** Every @example of the doc comments in file, named after the declaration it documents. */
export function extractExamples(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const base = file.slice(src.length + 1);
  const out: Example[] = [];
  const seen = new Map<string, number>();
  const visit = (node: ts.Node) => {
    const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
    if (docs !== undefined && docs.length > 0) {
      const symbol = declName(node) ?? `line ${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      for (const doc of docs) {
        const raw = text.slice(doc.pos, doc.end);
        const firstLine = sf.getLineAndCharacterOfPosition(doc.pos).line + 1;
        const lines = commentLines(raw);
        for (let i = 0; i < lines.length; i++) {
          if (!/^\s*@example\b/.test(lines[i])) continue;
          const body: string[] = [];
          let j = i + 1;
          for (; j < lines.length && !/^\s*@\w/.test(lines[j]); j++) body.push(lines[j]);
          const code = dedent(body.filter((l) => !/^\s*```/.test(l)));
          const k = (seen.get(symbol) ?? 0) + 1;
          seen.set(symbol, k);
          const name = `${base}: ${symbol}${k > 1 ? ` #${k}` : ""}`;
          out.push({ file: base, symbol, name, line: firstLine + i, code });
          i = j - 1;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Whether an example runs as it is (it uses synctest) rather than inside a fake-clock runtime. */
export function runsAsIs(e: Example): boolean {
  return /\bsynctest\b|["']gort\/synctest["']/.test(e.code);
}

/** Maps a published specifier ("gort", "gort/time") to the module's file; node: and others unchanged. */
export function resolveSpecifier(spec: string): string {
  if (spec === "gort") return join(src, "index.ts");
  if (spec.startsWith("gort/")) return join(src, `${spec.slice(5)}.ts`);
  return spec;
}

/** A checked line: what its comment promises. */
export interface Check {
  kind: "log" | "value";
  /** The comment's expected text (log) or literal (value). */
  expected: unknown;
  /** The line in the example, for messages. */
  text: string;
  hits: number;
}

/** The literal a trailing comment starts with, or undefined if it starts with prose. */
export function parseLiteral(comment: string): { value: unknown } | undefined {
  const m =
    /^("(?:[^"\\]|\\.)*"|-?\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?n?|true|false|null|undefined|NaN)(?=$|[\s:,;)])/.exec(
      comment,
    );
  if (m === null) return undefined;
  const lit = m[1];
  if (lit.startsWith('"')) return { value: JSON.parse(lit) };
  if (lit === "true") return { value: true };
  if (lit === "false") return { value: false };
  if (lit === "null") return { value: null };
  if (lit === "undefined") return { value: undefined };
  if (lit === "NaN") return { value: Number.NaN };
  const digits = lit.replace(/_/g, "");
  if (digits.endsWith("n")) return { value: BigInt(digits.slice(0, -1)) };
  return { value: Number(digits) };
}

const header = "export default async function (__log, __expect, __import, console, __prelude) {\n{\n";
const footer = "\n}\n}\n";

/** The example's import declarations and its code without them (for the type-check file). */
export function splitImports(code: string): { imports: ts.ImportDeclaration[]; sf: ts.SourceFile } {
  const sf = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  return { imports: sf.statements.filter(ts.isImportDeclaration), sf };
}

/** The names an example's own imports bind. */
export function importedNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const imp of splitImports(code).imports) {
    const clause = imp.importClause;
    if (clause === undefined) continue;
    if (clause.name !== undefined) names.add(clause.name.text);
    const nb = clause.namedBindings;
    if (nb === undefined) continue;
    if (ts.isNamespaceImport(nb)) names.add(nb.name.text);
    else for (const el of nb.elements) names.add(el.name.text);
  }
  return names;
}

export interface Compiled {
  run: (
    log: (k: number | null, ...a: unknown[]) => void,
    expect: (k: number, v: unknown) => unknown,
    imp: (spec: string) => Promise<Record<string, unknown>>,
    console: Console,
    prelude: Record<string, unknown>,
  ) => Promise<void>;
  checks: Check[];
  /** The edited TypeScript before transpiling (for debugging a failing example). */
  source: string;
}

/**
 * Compiles an example to a function: its imports become dynamic imports, checked lines call __log or
 * __expect, the prelude names are bound in an outer block (so an example may shadow them), and the
 * TypeScript is transpiled.
 */
export function compile(e: Example): Compiled {
  const names = preludeNames.filter((n) => !importedNames(e.code).has(n));
  const bind = `const { ${names.join(", ")} } = __prelude;\n{\n`;
  const wrapped = `${header}${bind}${e.code}\n}${footer}`;
  const sf = ts.createSourceFile("example.ts", wrapped, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { pos: number; end: number; text: string }[] = [];
  const checks: Check[] = [];
  const lineOf = (n: ts.Node) => {
    const { line } = sf.getLineAndCharacterOfPosition(n.getStart());
    return wrapped.split("\n")[line].trim();
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const spec = (node.moduleSpecifier as ts.StringLiteral).text;
      const clause = node.importClause;
      const parts: string[] = [];
      const mod = `(await __import(${JSON.stringify(spec)}))`;
      if (clause !== undefined && !clause.isTypeOnly) {
        if (clause.name !== undefined) parts.push(`const ${clause.name.text} = ${mod}.default;`);
        const nb = clause.namedBindings;
        if (nb !== undefined && ts.isNamespaceImport(nb)) parts.push(`const ${nb.name.text} = ${mod};`);
        else if (nb !== undefined) {
          const els = nb.elements
            .filter((el) => !el.isTypeOnly)
            .map((el) => (el.propertyName ? `${el.propertyName.text}: ${el.name.text}` : el.name.text));
          if (els.length > 0) parts.push(`const { ${els.join(", ")} } = ${mod};`);
        }
      }
      edits.push({ pos: node.getStart(), end: node.end, text: parts.join(" ") });
      return;
    }
    if (ts.isExpressionStatement(node)) {
      const comments = ts.getTrailingCommentRanges(wrapped, node.end) ?? [];
      const c = comments.find((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia);
      if (c !== undefined) {
        const comment = wrapped.slice(c.pos + 2, c.end).trim();
        const expr = node.expression;
        const k = checks.length;
        if (ts.isCallExpression(expr) && expr.expression.getText() === "console.log") {
          checks.push({ kind: "log", expected: comment, text: lineOf(node), hits: 0 });
          edits.push({
            pos: expr.expression.getStart(),
            end: expr.expression.end,
            text: `__log.bind(null, ${k})`,
          });
        } else {
          const lit = parseLiteral(comment);
          if (lit !== undefined) {
            checks.push({ kind: "value", expected: lit.value, text: lineOf(node), hits: 0 });
            edits.push({ pos: expr.getStart(), end: expr.getStart(), text: `__expect(${k}, (` });
            edits.push({ pos: expr.end, end: expr.end, text: "))" });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // Apply from the end; an insertion at a position goes after a replacement ending there.
  edits.sort((a, b) => b.pos - a.pos || b.end - a.end);
  let out = wrapped;
  for (const ed of edits) out = out.slice(0, ed.pos) + ed.text + out.slice(ed.end);
  const js = ts.transpileModule(out, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    reportDiagnostics: false,
  }).outputText;
  const body = js.replace(/^\s*export default async function/m, "return async function");
  const run = new Function(
    `${body}\n//# sourceURL=example:${e.name.replace(/\s/g, "")}`,
  )() as Compiled["run"];
  return { run, checks, source: out };
}

/** Imports a module for an example, by published specifier. */
export function importFor(spec: string): Promise<Record<string, unknown>> {
  const target = resolveSpecifier(spec);
  if (target.startsWith("/")) {
    if (!existsSync(target)) return Promise.reject(new Error(`example imports ${spec}: no ${target}`));
    return import(pathToFileURL(target).href);
  }
  return import(target);
}

/** Runs checks on the captured output after an example ran. */
export function assertAllHit(e: Example, checks: Check[]): void {
  for (const c of checks) assert.ok(c.hits > 0, `${e.name}: the checked line never ran: ${c.text}`);
}

/** Formats a log line the way console.log does. */
export function logLine(args: unknown[]): string {
  return format(...args);
}

// ===== type-checking =====

/** The text of an example as a module that tsc can check: prelude imports, its imports, its body. */
export function checkFile(e: Example): string {
  const own = importedNames(e.code);
  const { imports, sf } = splitImports(e.code);
  const index = preludeFromIndex.filter((n) => !own.has(n));
  const lines: string[] = [];
  if (index.length > 0)
    lines.push(`import { ${index.join(", ")} } from ${JSON.stringify(join(src, "index.ts"))};`);
  if (!own.has("synctest"))
    lines.push(`import * as synctest from ${JSON.stringify(join(src, "synctest.ts"))};`);
  if (!own.has("assert")) lines.push(`import assert from "node:assert/strict";`);
  for (const imp of imports) {
    const spec = (imp.moduleSpecifier as ts.StringLiteral).text;
    const text = imp.getText(sf);
    lines.push(text.replace(/(["'])[^"']*\1\s*;?\s*$/, `${JSON.stringify(resolveSpecifier(spec))};`));
  }
  let body = e.code;
  for (const imp of [...imports].reverse()) body = body.slice(0, imp.getStart(sf)) + body.slice(imp.end);
  // A prelude name the example never uses is not an error: noUnusedLocals is off for this check.
  lines.push("export async function example(): Promise<void> {", body, "}");
  return lines.join("\n");
}

/** Type-checks every example against the sources; returns one message per error, named by example. */
export function typeCheck(examples: Example[]): string[] {
  const configPath = join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
  };
  const virtual = new Map<string, { text: string; e: Example }>();
  examples.forEach((e, i) => {
    virtual.set(join(here, `__example_${i}.ts`), { text: checkFile(e), e });
  });
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, lang, onError, shouldCreate) => {
    const v = virtual.get(fileName);
    if (v !== undefined) return ts.createSourceFile(fileName, v.text, lang, true, ts.ScriptKind.TS);
    return getSourceFile(fileName, lang, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => virtual.get(f)?.text ?? readFile(f);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const errors: string[] = [];
  for (const [fileName, v] of virtual) {
    const sf = program.getSourceFile(fileName);
    if (sf === undefined) continue;
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    for (const d of diags) {
      const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      const line =
        d.start !== undefined
          ? v.text.split("\n")[sf.getLineAndCharacterOfPosition(d.start).line].trim()
          : "";
      errors.push(`${v.e.name} (src/${v.e.file}:${v.e.line}): ${msg}\n    ${line}`);
    }
  }
  return errors;
}
