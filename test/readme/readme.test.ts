// README examples cannot rot: the code blocks in README.md are the files in this folder, and they run.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { main } from "./go-style.ts";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

function between(file: string, begin: RegExp, end: RegExp): string {
  const src = readFileSync(new URL(file, import.meta.url), "utf8");
  const lines = src.split("\n");
  const i = lines.findIndex((l) => begin.test(l));
  const j = lines.findIndex((l, k) => k > i && end.test(l));
  return lines.slice(i + 1, j).join("\n");
}

/** The README shows a file's code with gort's published import paths instead of the repo-relative ones. */
function published(code: string): string {
  return code
    .replace(/"\.\.\/\.\.\/src\/index\.ts"/g, '"gort"')
    .replace(/"\.\.\/\.\.\/src\/synctest\.ts"/g, '"gort/synctest"');
}

test("the README's Go-style example prints Go's output", async () => {
  const out: string[] = [];
  await main((...a) => out.push(a.join(" ")));
  assert.deepEqual(out, [
    "100ms tick",
    "200ms tick",
    "250ms work done",
    "300ms tick",
    "350ms context deadline exceeded",
  ]);
  assert.ok(
    readme.includes("100ms tick\n200ms tick\n250ms work done\n300ms tick\n350ms context deadline exceeded"),
  );
});

test("the README shows the Go-style example's code verbatim", () => {
  const body = between("./go-style.ts", /^export async function main/, /^}$/);
  const code = published(body.replace(/^ {2}/gm, "")); // the README shows main's body at top level
  assert.ok(readme.includes(code), "README.md's Go-style block differs from test/readme/go-style.ts");
});

test("the README shows the synctest example's code verbatim (it runs in retry.test.ts)", () => {
  const code = published(between("./retry.test.ts", /README-BEGIN/, /README-END/));
  assert.ok(readme.includes(code), "README.md's synctest block differs from test/readme/retry.test.ts");
});
