// Checks a bench results file is well formed (CI runs it after `npm run bench -- --quick`; see .ci/run):
// a non-empty JSON array whose every row has a scenario name, a finite gort_ns_per_op and a ratio that is
// a number or null. It checks the shape only, never the figures.
//   node --import tsx scripts/bench-check.ts FILE
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (file === undefined) {
  console.error("usage: bench-check.ts FILE");
  process.exit(2);
}
const rows: unknown = JSON.parse(readFileSync(file, "utf8"));
const bad: string[] = [];
if (!Array.isArray(rows) || rows.length === 0) bad.push("not a non-empty array");
else
  for (const [i, r] of (rows as Record<string, unknown>[]).entries()) {
    if (typeof r !== "object" || r === null) {
      bad.push(`row ${i}: not an object`);
      continue;
    }
    const where = `row ${i} (${JSON.stringify(r.scenario)})`;
    if (typeof r.scenario !== "string" || r.scenario === "") bad.push(`${where}: no scenario`);
    if (typeof r.gort_ns_per_op !== "number" || !Number.isFinite(r.gort_ns_per_op))
      bad.push(`${where}: gort_ns_per_op ${JSON.stringify(r.gort_ns_per_op)} is not a finite number`);
    if (r.ratio !== null && typeof r.ratio !== "number")
      bad.push(`${where}: ratio ${JSON.stringify(r.ratio)}`);
  }
if (bad.length > 0) {
  console.error(`bench-check: ${file} is malformed:\n  ${bad.join("\n  ")}`);
  process.exit(1);
}
console.log(`bench-check: ${file}: ${(rows as unknown[]).length} well-formed rows`);
