// No import cycles among gort's modules: every value import (type-only imports are erased) forms a DAG,
// so each module can be read, and loads, after the modules it needs.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";

const src = resolve(import.meta.dirname, "../../src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The relative modules f imports for their values (not `import type`, not all-`type` specifier lists). */
function valueImports(f: string): string[] {
  const text = readFileSync(f, "utf8");
  const out: string[] = [];
  // [^;] keeps a match inside one statement: an import of a bare specifier ("node:fs") must not swallow
  // the `import type` that follows it.
  const re = /^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+"(\.[^"]+)";/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[2] !== undefined) continue;
    const spec = m[3].trim();
    const inner = /^\{([\s\S]*)\}$/.exec(spec);
    if (inner !== null) {
      const names = inner[1]
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      if (names.length > 0 && names.every((n) => n.startsWith("type "))) continue;
    }
    out.push(resolve(dirname(f), m[4]));
  }
  return out;
}

test("src/ has no value-import cycles", () => {
  const graph = new Map(files(src).map((f) => [f, valueImports(f)]));
  const state = new Map<string, "active" | "done">();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]) => {
    const s = state.get(f);
    if (s === "done") return;
    if (s === "active") {
      cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(src, p)).join(" → "));
      return;
    }
    state.set(f, "active");
    for (const g of graph.get(f) ?? []) visit(g, [...path, f]);
    state.set(f, "done");
  };
  for (const f of graph.keys()) visit(f, []);
  assert.deepEqual(cycles, []);
});
