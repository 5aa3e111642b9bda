// Prints the table of docs/comparison.md: for each scenario of test/comparison, the non-blank,
// non-comment lines of its `test(...)` block in sinon.test.ts and in gort.test.ts, and the outcome from
// the `// outcome:` comment just above the block. Run: node --import tsx scripts/comparison-lines.ts
import { readFileSync } from "node:fs";

interface Block {
  lines: number;
  outcome: string;
}

/**
 * The `test("name", …)` blocks of a file, by name: from the `test(` line to the line that closes its
 * parenthesis (string literals are skipped when counting parentheses).
 */
function blocks(path: string): Map<string, Block> {
  const src = readFileSync(new URL(`../test/comparison/${path}`, import.meta.url), "utf8").split("\n");
  const out = new Map<string, Block>();
  for (let i = 0; i < src.length; i++) {
    const m = /^test\("([^"]+)"/.exec(src[i] as string);
    if (m === null) continue;
    const prev = src[i - 1] ?? "";
    const outcome = prev.startsWith("// outcome: ") ? prev.slice("// outcome: ".length) : "?";
    let lines = 0;
    let depth = 0;
    let j = i;
    for (; j < src.length; j++) {
      const t = (src[j] as string).trim();
      if (t === "" || t.startsWith("//")) continue;
      lines++;
      const code = t.replace(/"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "");
      depth += (code.match(/\(/g)?.length ?? 0) - (code.match(/\)/g)?.length ?? 0);
      if (depth === 0) break;
    }
    out.set(m[1] as string, { lines, outcome });
    i = j;
  }
  return out;
}

const sinon = blocks("sinon.test.ts");
const gort = blocks("gort.test.ts");
const rows = [...sinon.keys()].map((name, i) => {
  const s = sinon.get(name) as Block;
  const g = gort.get(name);
  if (g === undefined) throw new Error(`gort.test.ts has no test "${name}"`);
  return { n: i + 1, name, s, g };
});
const total = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
console.log("| # | scenario | sinon: lines | sinon: outcome | gort: lines | gort: outcome |");
console.log("| - | -------- | -----------: | -------------- | ----------: | ------------- |");
for (const r of rows) {
  console.log(`| ${r.n} | ${r.name} | ${r.s.lines} | ${r.s.outcome} | ${r.g.lines} | ${r.g.outcome} |`);
}
const ok = (side: "s" | "g") => rows.filter((r) => r[side].outcome.startsWith("correct")).length;
console.log(
  `| | **total** | **${total((r) => r.s.lines)}** | **${ok("s")}/10 correct** | **${total((r) => r.g.lines)}** | **${ok("g")}/10 correct** |`,
);
