// npm run build (and prepack): compiles src/ to dist/ — ES modules, .d.ts, declaration maps and source
// maps — with TypeScript (tsconfig.build.json). tsc rewrites relative `.ts` specifiers to `.js` in the
// JavaScript it emits but keeps them in declarations; this rewrites those too (same length, so the
// declaration maps stay exact), so every consumer's resolver sees ordinary `.js` imports.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (r.status !== 0) process.exit(r.status ?? 1);

const spec = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']*?)\.(m?)ts(["'])/g;
let files = 0;
for (const e of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!e.isFile() || !e.name.endsWith(".d.ts")) continue;
  const p = join(e.parentPath ?? e.path, e.name);
  const before = readFileSync(p, "utf8");
  const after = before.replace(spec, (_, pre, path, m, q) => `${pre}${path}.${m}js${q}`);
  if (after !== before) {
    writeFileSync(p, after);
    files++;
  }
}
const left = readdirSync(dist, { recursive: true })
  .filter((f) => String(f).endsWith(".d.ts"))
  .filter((f) => /from\s*["']\.{1,2}\/[^"']*\.m?ts["']/.test(readFileSync(join(dist, String(f)), "utf8")));
if (left.length > 0) {
  console.error(`build: .ts specifiers left in ${left.join(", ")}`);
  process.exit(1);
}
console.log(`build: dist/ written (${files} declaration files had .ts specifiers rewritten)`);
