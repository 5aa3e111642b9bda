// Runs every test/**/*.test.ts with node:test (through tsx). Node 20's --test takes no globs, so the
// files are listed here. Extra arguments (a path filter) narrow the set: `npm run test:unit -- timers`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    // test/consumers holds projects for test:consumers (their tests run in their own runners).
    if (e.isDirectory()) return ["node_modules", "fixtures", "consumers"].includes(e.name) ? [] : walk(p);
    return e.name.endsWith(".test.ts") ? [p] : [];
  });
}

const filters = process.argv.slice(2);
const files = walk("test")
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  ["--import", "tsx", "--import", "./test/setup.ts", "--test", "--test-reporter=spec", ...files],
  { stdio: "inherit" },
);
process.exit(r.status ?? 1);
