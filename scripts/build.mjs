// npm run build (and prepack): compiles src/ to dist/ — ES modules, .d.ts, declaration maps and source
// maps — with TypeScript (tsconfig.build.json). tsc rewrites relative `.ts` specifiers to `.js` in the
// JavaScript it emits but keeps them in declarations; this rewrites those too (same length, so the
// declaration maps stay exact), so every consumer's resolver sees ordinary `.js` imports.
//
// Then dist/cjs/: one CommonJS bundle of every entry point (esbuild) and a stub per entry, for resolvers
// that take the "require" condition and cannot load ES modules — Jest's CommonJS mode, and bundlers
// (esbuild, webpack) bundling a CommonJS app's require("gort"). Node never sees it: package.json lists
// "module-sync" (the ES modules) before "require", and Node 20.19+ takes "module-sync" for require() too,
// so import and require share one copy of the runtime. One bundle, not one per entry, so Jest's copies of
// gort, gort/synctest and gort/testing/jest share one runtime as well; gort/testing/jest is a bundle of its
// own that requires that one for synctest, so that only it requires @jest/globals (which throws outside
// Jest, and which a bundler of require("gort") must not have to resolve).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

// TypeScript 7 (the native compiler, 2 s here against 30–50 s for tsc 6; same output). Two passes: the
// JavaScript without comments (with source maps back to src/), then the declarations with their TSDoc
// and declaration maps, which is where editors show the documentation.
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript7/package.json")), "bin", "tsc");
const project = ["-p", join(root, "tsconfig.build.json")];
for (const pass of [
  ["--removeComments", "--declaration", "false", "--declarationMap", "false"],
  ["--emitDeclarationOnly"],
]) {
  const r = spawnSync(process.execPath, [tsc, ...project, ...pass], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

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

// ===== dist/cjs =====

/** Entry points with a CommonJS form (not vitest: Vitest is ESM-only and always imports). */
const cjsEntries = [
  "index",
  "time",
  "context",
  "sync",
  "errgroup",
  "semaphore",
  "signal",
  "synctest",
  "trace",
  "testing/node",
  "testing/jest",
];
const id = (e) => e.replace("/", "_");
const { build } = await import("esbuild");
const cjs = join(dist, "cjs");
mkdirSync(join(cjs, "testing"), { recursive: true });
const shared = cjsEntries.filter((e) => e !== "testing/jest");
// gort/synctest puts its timer wrappers in place when imported (fakes.ts: installEarly), the main entry
// never: the shared bundle runs every entry's module when any is required, so there synctest's own call
// is taken out, and the stubs of gort/synctest and gort/testing/* make it instead.
const earlyCall = "\ninstallEarly();\n";
const withoutEarlyCall = {
  name: "gort-cjs-no-early-install",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]synctest\.ts$/ }, (a) => {
      const text = readFileSync(a.path, "utf8");
      if (!text.includes(earlyCall)) throw new Error(`build: ${a.path} no longer calls installEarly()`);
      return { contents: text.replace(earlyCall, "\n"), loader: "ts" };
    });
  },
};
const installEarly = "__gortInstallEarly";
const stub = (up, name) =>
  `"use strict";\nconst gort = require("${up}gort.cjs");\ngort.${installEarly}();\nmodule.exports = gort.${name};\n`;
await build({
  plugins: [withoutEarlyCall],
  stdin: {
    contents: [
      ...shared.map((e) => `export * as ${id(e)} from "./src/${e}.ts";`),
      `export { installEarly as ${installEarly} } from "./src/internal/runtime/fakes.ts";`,
    ].join("\n"),
    resolveDir: root,
    sourcefile: "gort-cjs-entry.ts",
    loader: "ts",
  },
  outfile: join(cjs, "gort.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["@jest/globals", "vitest"],
  // Whitespace and syntax minified (the ES modules beside it carry the comments and the source maps);
  // names kept, for stack traces and the reports that name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  legalComments: "none",
  logLevel: "warning",
  // import.meta.url as if the bundle were dist/internal/runtime/x: g.ts finds the package root three
  // levels up, and createRequire needs a file URL inside the package. import.meta.filename is the bundle
  // itself, the file that really runs: host.ts names it when it warns of a second copy.
  define: { "import.meta.url": "__gortModuleUrl", "import.meta.filename": "__filename" },
  banner: {
    js: 'var __gortModuleUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", "internal", "runtime", "gort.cjs")).href;',
  },
});
// gort/testing/jest: its own bundle; its import of ../synctest.ts becomes gort.cjs's synctest.
await build({
  entryPoints: [join(root, "src", "testing", "jest.ts")],
  outfile: join(cjs, "testing", "jest.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["@jest/globals"],
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [
    {
      name: "gort-cjs-shared",
      setup(b) {
        b.onResolve({ filter: /^\.\.\/synctest\.ts$/ }, () => ({ path: "synctest", namespace: "gort-cjs" }));
        b.onResolve({ filter: /^\.\.\/gort\.cjs$/ }, (a) => ({ path: a.path, external: true }));
        b.onResolve({ filter: /^\./ }, (a) => {
          throw new Error(
            `build: gort/testing/jest's CommonJS bundle would copy ${a.path}; share it through gort.cjs`,
          );
        });
        b.onLoad({ filter: /.*/, namespace: "gort-cjs" }, () => ({
          contents: stub("../", "synctest"),
          loader: "js",
        }));
      },
    },
  ],
});
for (const e of cjsEntries) {
  const up = e.includes("/") ? "../" : "./";
  if (e !== "testing/jest")
    writeFileSync(
      join(cjs, `${e}.cjs`),
      e === "synctest" || e.startsWith("testing/")
        ? stub(up, id(e))
        : `"use strict";\nmodule.exports = require("${up}gort.cjs").${id(e)};\n`,
    );
  // The types of the require() branch: the ES module's, re-exported, as require() gives the ES module
  // itself at run time (Node 20.19+, 22.12+). TypeScript under module node16 (and nodenext before 5.8)
  // does not know CommonJS can require an ES module and flags the re-export (TS1479) when it checks
  // declaration files (skipLibCheck: false); it still resolves the types, so the one line is ignored.
  writeFileSync(
    join(cjs, `${e}.d.cts`),
    `// @ts-ignore TS1479 under module node16: require() of an ES module (Node 20.19+, 22.12+)\nexport * from "${up}../${e}.js";\n`,
  );
}
console.log(
  `build: dist/cjs/gort.cjs bundles ${shared.length} entry points for CommonJS-only resolvers, dist/cjs/testing/jest.cjs the Jest one`,
);
