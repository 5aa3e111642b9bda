// docs/go-to-gort.md's second part maps Go's runtime functions to files and TypeScript symbols: every
// symbol it names must exist in the file it names, so the map cannot drift from the code.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { root } from "./examples.ts";

/** Every name a file declares at top level, and `Class.member` for each class member. */
function declared(file: string): Set<string> {
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const names = new Set<string>();
  const memberName = (m: ts.ClassElement): string | null => {
    if (ts.isConstructorDeclaration(m)) return "constructor";
    const n = m.name;
    if (n !== undefined && (ts.isIdentifier(n) || ts.isPrivateIdentifier(n))) return n.text;
    return null;
  };
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      continue;
    }
    const name = (st as { name?: ts.Node }).name;
    if (name === undefined || !ts.isIdentifier(name)) continue;
    names.add(name.text);
    if (ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st)) {
      for (const m of st.members as ts.NodeArray<ts.ClassElement>) {
        const mn = memberName(m);
        if (mn !== null) names.add(`${name.text}.${mn}`);
      }
    }
  }
  return names;
}

interface Row {
  line: number;
  file: string;
  symbols: string[];
}

/** The rows of the tables after "## 2." whose second column is a file. */
function runtimeRows(md: string): Row[] {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => l.startsWith("## 2."));
  assert.ok(start >= 0, 'docs/go-to-gort.md has no "## 2." section');
  const rows: Row[] = [];
  for (let i = start; i < lines.length; i++) {
    const l = lines[i];
    if (!l.startsWith("|")) continue;
    const cells = l
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 3) continue;
    const file = /^`([^`]+\.ts)`$/.exec(cells[1]);
    if (file === null) continue; // the header and separator rows
    const path = file[1].startsWith("src/") ? file[1] : `src/internal/runtime/${file[1]}`;
    const symbols = [...cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    rows.push({ line: i + 1, file: path, symbols });
  }
  return rows;
}

test("every runtime symbol docs/go-to-gort.md names exists in the file it names", () => {
  const md = readFileSync(join(root, "docs/go-to-gort.md"), "utf8");
  const rows = runtimeRows(md);
  assert.ok(rows.length > 100, `only ${rows.length} rows found`);
  const cache = new Map<string, Set<string>>();
  const missing: string[] = [];
  for (const r of rows) {
    const abs = join(root, r.file);
    if (!existsSync(abs)) {
      missing.push(`line ${r.line}: no file ${r.file}`);
      continue;
    }
    let names = cache.get(abs);
    if (names === undefined) {
      names = declared(abs);
      cache.set(abs, names);
    }
    assert.ok(r.symbols.length > 0, `line ${r.line}: no symbol`);
    for (const s of r.symbols) if (!names.has(s)) missing.push(`line ${r.line}: ${r.file} has no ${s}`);
  }
  assert.deepEqual(missing, [], missing.join("\n"));
});
