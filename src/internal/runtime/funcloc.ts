// Where a function is defined, found only when a report asks (Go: a goroutine's creation PC, resolved to
// file:line by the traceback, never at `go` time).
//
// A creation site (of a goroutine, a bubble's host timer) is usually an anonymous function written at the
// call itself — `go(async () => …)`, `setTimeout(() => …, ms)` — so the function's own location is the
// call's line. Recording the function costs nothing; a stack capture costs 1–2 µs here, more than a whole
// goroutine start. traceback.ts's siteFor records the function when it is anonymous and captures a stack
// otherwise (a named function is defined elsewhere: its location would not say who started it).
//
// The location comes from V8 through an in-process inspector session (synchronous in the same thread):
// Runtime.getProperties gives a function's [[FunctionLocation]] (script id, 0-based line and column), and
// Debugger.scriptParsed, while the Debugger domain is briefly enabled, names each script and its source
// map. The location is mapped through the script's source map when there is one: Node's own (tsx,
// --enable-source-maps: module.findSourceMap), else the script's inline `sourceMappingURL` data (vite-node,
// Jest's transforms). The Debugger domain is enabled only while resolving, so running code never pays.
//
// Invariants:
//   f1. resolving never throws and never blocks on I/O: any failure (no inspector, an unknown script, a
//       malformed map) yields "" and the report goes without the site.
//   f2. nothing runs at record time: functionLocation is called only by report formatting.
//   f3. a function's answer is computed once (cache), and the Debugger domain is disabled after each
//       refresh of the script table.

import type * as Inspector from "node:inspector";
import * as nodeModule from "node:module";
import { fileURLToPath } from "node:url";

type InspectorModule = typeof Inspector;

interface ScriptInfo {
  url: string;
  sourceMapURL: string;
}

const cache = new WeakMap<object, string>();
const scripts = new Map<string, ScriptInfo>();
let session: Inspector.Session | null | undefined;
/** A main-realm object the inspector's evaluation can reach (the inspector module itself). */
let holder: Record<string, unknown> | null = null;
const slot = "__gortFunctionLocation";

function inspectorModule(): InspectorModule | null {
  try {
    const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
    return (get?.("node:inspector") as InspectorModule | undefined) ?? null;
  } catch {
    return null;
  }
}

function connect(): Inspector.Session | null {
  if (session !== undefined) return session;
  session = null;
  const mod = inspectorModule();
  if (mod === null) return null;
  try {
    const s = new mod.Session();
    s.connect();
    s.on(
      "Debugger.scriptParsed",
      (m: { params: { scriptId: string; url: string; sourceMapURL?: string } }) => {
        scripts.set(m.params.scriptId, { url: m.params.url, sourceMapURL: m.params.sourceMapURL ?? "" });
      },
    );
    holder = mod as unknown as Record<string, unknown>;
    session = s;
  } catch {
    session = null;
  }
  return session;
}

/** Posts a command; the in-process session answers synchronously. */
function post<T>(s: Inspector.Session, method: string, params?: object): T | null {
  let out: T | null = null;
  s.post(method, params ?? {}, (err: Error | null, r?: unknown) => {
    if (err === null) out = r as T;
  });
  return out;
}

function refreshScripts(s: Inspector.Session): void {
  post(s, "Debugger.enable");
  post(s, "Debugger.disable");
}

interface RawLocation {
  scriptId: string;
  lineNumber: number;
  columnNumber: number;
}

function rawLocation(s: Inspector.Session, fn: object): RawLocation | null {
  holder![slot] = fn;
  try {
    const ev = post<{ result: { objectId?: string } }>(s, "Runtime.evaluate", {
      expression: `process.getBuiltinModule("node:inspector").${slot}`,
      objectGroup: "gort",
    });
    const objectId = ev?.result.objectId;
    if (objectId === undefined) return null;
    const props = post<{ internalProperties?: { name: string; value?: { value?: RawLocation } }[] }>(
      s,
      "Runtime.getProperties",
      { objectId, ownProperties: true },
    );
    return props?.internalProperties?.find((p) => p.name === "[[FunctionLocation]]")?.value?.value ?? null;
  } finally {
    holder![slot] = undefined;
    post(s, "Runtime.releaseObjectGroup", { objectGroup: "gort" });
  }
}

const inlineMaps = new Map<string, nodeModule.SourceMap | null>();

function inlineMap(url: string): nodeModule.SourceMap | null {
  let m = inlineMaps.get(url);
  if (m !== undefined) return m;
  m = null;
  const i = url.indexOf("base64,");
  if (url.startsWith("data:") && i >= 0) {
    try {
      m = new nodeModule.SourceMap(JSON.parse(Buffer.from(url.slice(i + 7), "base64").toString("utf8")));
    } catch {
      m = null;
    }
  }
  inlineMaps.set(url, m);
  return m;
}

/**
 * "file:///a/b.ts:3:7" → "/a/b.ts:3:7": a location reads the same whether tsx loaded the module (paths) or
 * Node did (file URLs).
 */
export function asPath(loc: string): string {
  const m = /^(file:\/\/.+):(\d+):(\d+)$/.exec(loc);
  if (m === null) return loc;
  try {
    return `${fileURLToPath(m[1])}:${m[2]}:${m[3]}`;
  } catch {
    return loc;
  }
}

function resolveAgainst(source: string, script: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) || source.startsWith("/")) return source;
  try {
    const base = /^[a-z][a-z0-9+.-]*:/i.test(script) ? script : `file://${script}`;
    return new URL(source, base).href;
  } catch {
    return source;
  }
}

function resolve(fn: object): string {
  const s = connect();
  if (s === null) return "";
  const loc = rawLocation(s, fn);
  if (loc === null) return "";
  let script = scripts.get(loc.scriptId);
  if (script === undefined) {
    refreshScripts(s);
    script = scripts.get(loc.scriptId);
    if (script === undefined) return "";
  }
  let file = script.url;
  let line = loc.lineNumber;
  let col = loc.columnNumber;
  const map = (file !== "" ? nodeModule.findSourceMap?.(file) : undefined) ?? inlineMap(script.sourceMapURL);
  if (map !== null && map !== undefined) {
    const e = map.findEntry(line, col) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
    };
    if (e.originalSource !== undefined && e.originalLine !== undefined && e.originalColumn !== undefined) {
      file = resolveAgainst(e.originalSource, file);
      line = e.originalLine;
      col = e.originalColumn;
    }
  }
  if (file === "") return "";
  return asPath(`${file}:${line + 1}:${col + 1}`);
}

/** Where fn is defined, as "path:line:column" (1-based, source-mapped), or "" when it cannot be told (f1). */
export function functionLocation(fn: object): string {
  let loc = cache.get(fn);
  if (loc === undefined) {
    try {
      loc = resolve(fn);
    } catch {
      loc = "";
    }
    cache.set(fn, loc);
  }
  return loc;
}
