// Two copies of gort in one process: require("gort") gives the ES modules (Node takes "module-sync"), and a
// resolver that takes the "require" condition (a bundle, Jest's CommonJS mode) loads dist/cjs/ beside
// them. The second copy warns once (GORT_TWO_COPIES), naming the file each copy runs from: files that
// exist, so that whoever reads the warning can find who loads them. `node two-copies.cjs cjs-first` loads
// the CommonJS build first.
const assert = require("node:assert/strict");
const { existsSync } = require("node:fs");
const { dirname, join, relative } = require("node:path");
const { fileURLToPath } = require("node:url");

const root = dirname(require.resolve("gort/package.json"));
const warnings = [];
process.on("warning", (w) => {
  if (w.code === "GORT_TWO_COPIES") warnings.push(w.message);
});
const esm = "dist/internal/host.js";
const cjs = "dist/cjs/gort.cjs";
const cjsFirst = process.argv[2] === "cjs-first";
const loads = [() => require("gort"), () => require(join(root, "dist", "cjs", "index.cjs"))];
for (const load of cjsFirst ? loads.reverse() : loads) load();

setImmediate(() => {
  assert.equal(warnings.length, 1, warnings.join("\n"));
  const m = /^a second copy of gort is running \((\S+), beside (\S+)\):/.exec(warnings[0]);
  assert.ok(m, warnings[0]);
  const [second, first] = [m[1], m[2]].map((u) => fileURLToPath(u));
  for (const f of [second, first]) assert.ok(existsSync(f), `${f} does not exist: ${warnings[0]}`);
  const rel = (f) => relative(root, f).split("\\").join("/");
  assert.deepEqual([rel(second), rel(first)], cjsFirst ? [esm, cjs] : [cjs, esm]);
  console.log(`two copies: ${rel(second)} beside ${rel(first)}`);
});
