// npm run test:consumers: gort as its users get it. Packs the package (prepack builds dist/), checks the
// tarball (size, files, publint, arethetypeswrong), installs it into fresh projects under os.tmpdir()
// (copies of test/consumers/*, next to what a user would install today and what gort pins: TypeScript
// 5.9, 6.0 and 7.x, Vitest 3, 4 and 5, Jest 30 and ts-jest, Mocha, AVA 7, tsx, esbuild), and runs each
// project on this machine's Node and on Node 22, 24 and 26 (the `node` package from the npm registry,
// `npx -p node@N`). Each project is installed once, on this machine's npm, and shared by every Node.
// One line per case; exit status 1 if any case fails. A case marked xfail is a known bug of gort's: it
// must fail the way the bug does (reported "xfail"), and fails the run once it passes (drop the mark).
//
//   node scripts/test-consumers.mjs [--node=host,22,24,26] [--only=esm,ts-7,...] [--keep]

import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const fixtures = join(root, "test", "consumers");
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const wantedNodes = (arg("node") ?? "host,22,24,26").split(",");
const only = arg("only")?.split(",");
const keep = process.argv.includes("--keep");
// 201.7 kB before time formatting/zones, errgroup, semaphore, signal and I/O tracking (265.9 kB after);
// 301.4 kB with source maps that pointed at the unshipped src/, 215.6 kB once the build stopped emitting them.
const maxTarball = 300_000;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

const work = mkdtempSync(join(tmpdir(), "gort-consumers-"));
const t0 = performance.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** Runs a command; resolves with its status and output (never rejects). */
function run(cmd, args, { cwd = root, env = {}, timeout = 300_000 } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const base = { ...process.env };
    delete base.NODE_OPTIONS;
    delete base.NODE_TEST_CONTEXT;
    const child = spawn(cmd, args, {
      cwd,
      env: { ...base, NO_COLOR: "1", FORCE_COLOR: "0", CI: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${timeout / 1000} s)`;
      child.kill("SIGKILL");
    }, timeout);
    child.on("error", (e) => {
      stderr += String(e);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Runs fns with at most n at a time, keeping their order in the result. */
async function pool(n, fns) {
  const out = new Array(fns.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, fns.length) }, async () => {
      while (next < fns.length) {
        const i = next++;
        out[i] = await fns[i]();
      }
    }),
  );
  return out;
}

const results = [];
function report(ok, what, detail, ms, output = "") {
  results.push({ ok, what });
  const mark = ok === true ? "ok  " : ok === "skip" ? "skip" : ok === "xfail" ? "xfail" : "FAIL";
  console.log(
    `${mark.padEnd(5)} ${what.padEnd(58)} ${ms === undefined ? "" : secs(ms).padStart(6)}  ${detail}`,
  );
  if (ok === false && output) console.log(output.trimEnd().replace(/^/gm, "      | "));
}

// ===== 1. The tarball =====

const packDir = join(work, "pack");
mkdirSync(packDir);
const packed = await run(npm, ["pack", "--json", "--pack-destination", packDir], { timeout: 600_000 });
if (packed.status !== 0) {
  report(false, "npm pack", "", packed.ms, packed.stderr + packed.stdout);
  process.exit(1);
}
const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")))[0];
const tarball = join(packDir, info.filename);
const paths = info.files.map((f) => f.path);
const stray = paths.filter(
  (p) => !/^(dist\/|bin\/gort\.mjs$|lint\/gort-duration\.grit$|package\.json$|README\.md$|LICENSE$)/.test(p),
);
report(
  info.size <= maxTarball &&
    stray.length === 0 &&
    paths.includes("LICENSE") &&
    paths.includes("dist/index.js"),
  "tarball: size, files",
  `${(info.size / 1000).toFixed(1)} kB packed (limit ${maxTarball / 1000} kB), ${(info.unpackedSize / 1000).toFixed(1)} kB unpacked, ${info.entryCount} files${stray.length ? `; unexpected: ${stray.join(", ")}` : ""}`,
  packed.ms,
);
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
report(
  Object.keys(pkg.dependencies ?? {}).length === 0,
  "no runtime dependencies",
  JSON.stringify(pkg.dependencies ?? {}),
);
// node10 resolution ignores "exports": typesVersions must give each subpath the types "exports" does.
const subpathTypes = Object.entries(pkg.exports)
  .filter(([k]) => k !== "." && k !== "./package.json")
  .map(([k, e]) => [k.slice(2), (e["module-sync"] ?? e).types]);
const typesVersionsOff = subpathTypes.filter(([k, t]) => pkg.typesVersions?.["*"]?.[k]?.[0] !== t);
report(
  typesVersionsOff.length === 0 && Object.keys(pkg.typesVersions?.["*"] ?? {}).length === subpathTypes.length,
  "typesVersions: each subpath export's types",
  typesVersionsOff.length ? `missing or different: ${typesVersionsOff.map(([k]) => k).join(", ")}` : "",
);
const [publint, attw] = await Promise.all([
  run(process.execPath, [join(root, "node_modules/.bin/publint"), "run", tarball, "--strict"]),
  run(process.execPath, [
    join(root, "node_modules/.bin/attw"),
    tarball,
    // Every resolution, node10 too (typesVersions: ts-jest's default, TypeScript's module commonjs).
    // gort/testing/vitest is ESM only, as Vitest is.
    "--ignore-rules",
    "cjs-resolves-to-esm",
    "--format",
    "table-flipped",
  ]),
]);
report(
  publint.status === 0,
  "publint --strict",
  lastLine(publint.stdout),
  publint.ms,
  publint.stdout + publint.stderr,
);
report(
  attw.status === 0,
  "attw (node10, node16, bundler; gort/testing/vitest: ESM only)",
  attw.status === 0 ? "no problems" : "problems",
  attw.ms,
  attw.stdout + attw.stderr,
);

function lastLine(s) {
  return s.trim().split("\n").at(-1) ?? "";
}

// ===== 2. Node versions =====

const nodes = (
  await Promise.all(
    wantedNodes.map(async (v) => {
      if (v === "host") return { label: process.version, bin: process.execPath };
      const r = await run(npx, [
        "-y",
        "-p",
        `node@${v}`,
        "node",
        "-p",
        "process.version + ' ' + process.execPath",
      ]);
      if (r.status !== 0) {
        report(false, `node@${v} from the registry`, "", r.ms, r.stderr);
        return null;
      }
      const [label, bin] = lastLine(r.stdout).split(" ");
      return { label, bin };
    }),
  )
).filter((n) => n !== null);
const versionOf = (label) => label.slice(1).split(".").map(Number);
const atLeast = (label, major, minor = 0) => {
  const [a, b] = versionOf(label);
  return a > major || (a === major && b >= minor);
};
const stripsTypes = (label) => atLeast(label, 22, 18);
/** Node's flags to run .ts files (none where type stripping is on by default), or null where it can't. */
const stripTypesFlags = (label) => {
  const [major, minor] = versionOf(label);
  if ((major === 22 && minor >= 18) || (major === 23 && minor >= 6) || major >= 24) return [];
  return atLeast(label, 22, 6) ? ["--experimental-strip-types"] : null;
};

// The README's "Use it in your tests" samples run too: the first code block after each runner's name.
const readme = readFileSync(join(root, "README.md"), "utf8");
function readmeBlock(marker) {
  const at = readme.indexOf(marker);
  const m = at < 0 ? null : /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (m === null) throw new Error(`README.md: no code block after ${marker}`);
  return m[1];
}
// Test files that fail on purpose, for projects whose own files all pass: test/consumers/failing/<from>.*
// is copied into the project as failing/fails.*.
const failingSamples = {
  vitest: ["vitest.test.ts"],
  jest: ["jest.test.cjs", "jest.test.mjs"],
};
const readmeSamples = {
  esm: ["readme-node.test.mjs", readmeBlock("**node:test**")],
  vitest: ["readme.test.ts", readmeBlock("**Vitest**")],
  jest: ["readme.test.cjs", readmeBlock("**Jest**")],
};

// ===== 3. The projects, installed once each =====

const projects = [
  { name: "esm", from: "esm", deps: [] },
  { name: "cjs", from: "cjs", deps: [] },
  { name: "ts-5.9", from: "ts", deps: ["typescript@~5.9", "@types/node@^20.19"] },
  { name: "ts-6", from: "ts", deps: ["typescript@~6.0", "@types/node@^20.19"] },
  { name: "ts-7", from: "ts", deps: ["typescript@^7", "@types/node@latest"] },
  { name: "vitest-3", from: "vitest", deps: ["vitest@^3"] },
  { name: "vitest-4", from: "vitest", deps: ["vitest@^4"] },
  { name: "vitest-5", from: "vitest", deps: ["vitest@^5"] },
  { name: "jest-30", from: "jest", deps: ["jest@^30", "@jest/globals@^30"] },
  // ts-jest wants TypeScript < 7; 5.9 resolves modules as node10 without a tsconfig (6.0 does not).
  {
    name: "jest-ts-jest",
    from: "jest-ts",
    // Written here, not in the fixture: this repository's tsconfig checks its .ts files as ES modules.
    type: "commonjs",
    deps: ["jest@^30", "@jest/globals@^30", "ts-jest@latest", "typescript@~5.9", "@types/node@^20.19"],
  },
  { name: "run-commonjs", from: "run", type: "commonjs", deps: ["tsx@^4"] },
  { name: "run-module", from: "run", type: "module", deps: [] },
  { name: "mocha", from: "mocha", deps: ["mocha@latest"] },
  // AVA 8 (latest) depends on cbor2@^2.4.0, which the registry this runs against does not have yet.
  { name: "ava-7", from: "ava", deps: ["ava@^7"] },
  { name: "node-ts", from: "node-ts", deps: ["tsx@^4"] },
  { name: "bundle", from: "bundle", deps: ["esbuild@latest"] },
].filter((p) => only === undefined || only.some((o) => p.name.startsWith(o)));

const installed = await pool(
  3,
  projects.map((p) => async () => {
    const dir = join(work, p.name);
    cpSync(join(fixtures, p.from), dir, { recursive: true });
    const sample = readmeSamples[p.from];
    if (sample !== undefined) writeFileSync(join(dir, sample[0]), sample[1]);
    for (const f of failingSamples[p.from] ?? []) {
      mkdirSync(join(dir, "failing"), { recursive: true });
      cpSync(join(fixtures, "failing", f), join(dir, "failing", f.replace(/^[a-z]+/, "fails")));
    }
    if (p.type !== undefined)
      writeFileSync(
        join(dir, "package.json"),
        `${JSON.stringify({ name: `consumer-${p.name}`, private: true, type: p.type }, null, 2)}\n`,
      );
    const r = await run(
      npm,
      ["install", "--no-audit", "--no-fund", "--no-package-lock", tarball, ...p.deps],
      { cwd: dir },
    );
    const versions = p.deps.map((d) => {
      const name = d.slice(0, d.lastIndexOf("@"));
      try {
        return `${name} ${JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version}`;
      } catch {
        return `${name} ?`;
      }
    });
    report(r.status === 0, `install ${p.name}`, ["gort (tarball)", ...versions].join(", "), r.ms, r.stderr);
    return r.status === 0 ? { ...p, dir } : null;
  }),
);

// ===== 4. The cases, per Node version =====

/** A case: a label, a guard (a reason to skip on this Node, or null), and a check of the run. */
function cases(p, node) {
  const bin = (rel) => [node.bin, join(p.dir, "node_modules", rel)];
  const list = [];
  const add = (what, skip, argv, check, env = {}) =>
    list.push({ what: `${p.name}: ${what}`, skip, argv, check, env });
  // The runner's report of a deliberately failing test: status 1 and every pattern in its output.
  const reports =
    (...patterns) =>
    (r) =>
      r.status === 1 && patterns.every((re) => re.test(r.stdout + r.stderr));
  const contains = (s) => (r) => r.status === 0 && r.stdout.includes(s);
  switch (p.from) {
    case "esm":
      add("node main.mjs", null, [node.bin, "main.mjs"], contains("esm: ok"));
      add(
        "README's node:test sample",
        null,
        [node.bin, "--test", "--test-reporter=tap", "readme-node.test.mjs"],
        (r) => r.status === 0 && /# pass 1\b/.test(r.stdout),
      );
      break;
    case "cjs":
      add("node main.cjs (require)", null, [node.bin, "main.cjs"], contains("cjs: ok"));
      // The GORT_TWO_COPIES warning names files that exist, the CommonJS build's as well as the ES modules'.
      add(
        "node two-copies.cjs: the ES modules, then dist/cjs: the warning names both files",
        null,
        [node.bin, "two-copies.cjs"],
        contains("two copies: dist/cjs/gort.cjs beside dist/internal/host.js"),
      );
      add(
        "node two-copies.cjs cjs-first: dist/cjs, then the ES modules",
        null,
        [node.bin, "two-copies.cjs", "cjs-first"],
        contains("two copies: dist/internal/host.js beside dist/cjs/gort.cjs"),
      );
      break;
    case "ts": {
      const tsc = "typescript/bin/tsc";
      add(
        "tsc nodenext strict, then node out/main.js",
        null,
        [...bin(tsc), "-p", "tsconfig.json"],
        (r) => r.status === 0,
        {},
      );
      list.at(-1).next = [node.bin, "out/main.js"];
      list.at(-1).nextCheck = contains("ts: ok");
      add(
        "tsc bundler resolution",
        null,
        [...bin(tsc), "-p", "tsconfig.bundler.json"],
        (r) => r.status === 0,
      );
      add(
        "tsc node16, a CommonJS .cts requiring every subpath (skipLibCheck: false)",
        null,
        [...bin(tsc), "-p", "tsconfig.node16.json"],
        (r) => r.status === 0,
      );
      // module commonjs: node10 resolution (typesVersions, so the ES modules' .d.ts files) and, on 5.x,
      // no esModuleInterop, so a default import of a Node built-in in gort's .d.ts fails (TS1192).
      add(
        "tsc module commonjs (node10), no esModuleInterop, the .cts requiring every subpath",
        p.name === "ts-7" ? "TypeScript 7 has no node10 resolution and no esModuleInterop: false" : null,
        [
          ...bin(tsc),
          "-p",
          "tsconfig.commonjs.json",
          ...(p.name === "ts-6" ? ["--ignoreDeprecations", "6.0"] : []),
        ],
        (r) => r.status === 0,
      );
      break;
    }
    case "vitest": {
      const skip =
        p.name === "vitest-5" && !atLeast(node.label, 22, 12) ? "Vitest 5 needs Node 22.12+" : null;
      const vitest = bin("vitest/vitest.mjs");
      add(
        "vitest run (no config)",
        skip,
        [...vitest, "run", "retry.test.ts"],
        // A test without a body is a todo from Vitest 4 on, a passing empty test in Vitest 3.
        (r) =>
          r.status === 0 && /8 passed.*2 todo|9 passed.*1 todo/.test(r.stdout) && /1 skipped/.test(r.stdout),
      );
      add(
        "README's Vitest sample",
        skip,
        [...vitest, "run", "readme.test.ts"],
        (r) => r.status === 0 && /2 passed/.test(r.stdout),
      );
      add(
        "vitest run, a failed assertion in a bubble: Vitest's diff, status 1",
        skip,
        [...vitest, "run", "failing/fails.test.ts"],
        reports(
          /AssertionError: expected \{ elapsed: \+0, status: 'late' \} to deeply equal/,
          /-\s+"status": "on time",\n\+\s+"status": "late",/,
          /failing\/fails\.test\.ts:9:55/,
          /Tests\s+1 failed \(1\)/,
        ),
      );
      break;
    }
    case "jest": {
      const jest = bin("jest/bin/jest.js");
      const counts = (r) => r.status === 0 && /Tests:\s+1 skipped, 1 todo, 4 passed, 6 total/.test(r.stderr);
      add("jest (no config), CommonJS require()", null, [...jest, "require.test.cjs"], counts);
      add(
        "README's Jest sample",
        null,
        [...jest, "readme.test.cjs"],
        (r) => r.status === 0 && /Tests:\s+1 passed, 1 total/.test(r.stderr),
      );
      const esm = { NODE_OPTIONS: "--experimental-vm-modules --no-warnings" };
      add("jest (no config), ESM mode", null, [...jest, "retry.test.mjs"], counts, esm);
      const failure = (ext) =>
        reports(
          /expect\(received\)\.toEqual\(expected\)/,
          /-\s+"status": "on time",\n\s+\+\s+"status": "late",/,
          new RegExp(`failing/fails\\.test\\.${ext}:9:55`),
          /Tests:\s+1 failed, 1 total/,
        );
      add(
        "jest, CommonJS, a failed assertion in a bubble: Jest's diff, status 1",
        null,
        [...jest, "failing/fails.test.cjs"],
        failure("cjs"),
      );
      add(
        "jest, ESM mode, a failed assertion in a bubble: Jest's diff, status 1",
        null,
        [...jest, "failing/fails.test.mjs"],
        failure("mjs"),
        esm,
      );
      break;
    }
    case "run": {
      const gort = bin("gort/bin/gort.mjs");
      const canTs = stripsTypes(node.label) || p.deps.some((d) => d.startsWith("tsx"));
      for (const f of ["prog.ts", "prog.mts", "prog.js"]) {
        const ts = f !== "prog.js";
        if (ts && !canTs)
          add(
            `gort run ${f} without tsx: one gort: line, status 1`,
            null,
            [...gort, "run", "--faketime", f],
            (r) =>
              r.status === 1 &&
              r.stdout === "" &&
              /^gort: .*npm install --save-dev tsx\n$/.test(r.stderr) &&
              r.stderr.split("\n").length === 2,
          );
        else
          add(
            `gort run --faketime ${f}`,
            null,
            [...gort, "run", "--faketime", f],
            (r) => r.status === 0 && r.stdout === "pong after 1.5s\n" && r.stderr === "",
          );
      }
      add(
        "gort run, a file that fails to load: Node's error, status 1",
        null,
        [...gort, "run", "missing-export.js"],
        (r) =>
          r.status === 1 &&
          /SyntaxError: .*noSuchExport/.test(r.stderr) &&
          !/panic|goroutine 1/.test(r.stderr),
      );
      add(
        "gort run, a top-level throw: a panic of goroutine 1, status 2",
        null,
        [...gort, "run", "panics.js"],
        (r) => r.status === 2 && r.stderr.startsWith("panic: boom\n\ngoroutine 1 [running]:"),
      );
      break;
    }
    case "jest-ts": {
      const jest = bin("jest/bin/jest.js");
      add(
        "jest + ts-jest (default preset, no tsconfig; TypeScript 5.9: node10)",
        null,
        [...jest, "retry.test.ts"],
        (r) => r.status === 0 && /Tests:\s+2 passed, 2 total/.test(r.stderr),
      );
      add(
        "jest + ts-jest, a failed assertion in a bubble: Jest's diff, status 1",
        null,
        [...jest, "failing/fails.test.ts"],
        reports(
          /expect\(received\)\.toEqual\(expected\)/,
          /-\s+"status": "on time",\n\s+\+\s+"status": "late",/,
          /failing\/fails\.test\.ts:9:15/,
          /Tests:\s+1 failed, 1 total/,
        ),
      );
      break;
    }
    case "mocha": {
      const mocha = bin("mocha/bin/mocha.js");
      add(
        "mocha (no config): ESM and CommonJS specs in test/",
        null,
        mocha,
        (r) => r.status === 0 && /\b6 passing\b/.test(r.stdout) && !/failing|pending/.test(r.stdout),
      );
      add(
        "mocha, a failed assertion in a bubble: AssertionError, Mocha's diff, status 1",
        null,
        [...mocha, "failing/fails.mjs"],
        reports(
          /AssertionError \[ERR_ASSERTION\]: Expected values to be strictly deep-equal/,
          /\+ expected - actual\n[\s\S]*-\s+"status": "late"\n\s+\+\s+"status": "on time"/,
          /failing\/fails\.mjs:10:/,
          /\b1 failing\b/,
        ),
      );
      break;
    }
    case "ava": {
      const ava = bin("ava/entrypoints/cli.mjs");
      add(
        "ava (no config, worker threads): ESM and CommonJS test files",
        null,
        ava,
        (r) => r.status === 0 && /\b5 tests passed\b/.test(r.stdout + r.stderr),
      );
      add(
        "ava, failed assertions in a bubble: AVA's diff, node:assert's AssertionError, status 1",
        null,
        [...ava, "failing/fails.js"],
        reports(
          /Difference \(- actual, \+ expected\):\n[\s\S]*-\s+status: 'late',\n\s+\+\s+status: 'on time',/,
          /failing\/fails\.js:12/,
          /AssertionError \[ERR_ASSERTION\]: Expected values to be strictly equal:\n[\s\S]*\+ '0 ms late'\n\s+- 'on time'/,
          /failing\/fails\.js:20:12/,
          /\b2 tests failed\b/,
        ),
      );
      break;
    }
    case "node-ts": {
      const flags = stripTypesFlags(node.label);
      const skip = flags === null ? "node:test on .ts needs Node 22.6+ (type stripping)" : null;
      const argv = [node.bin, ...(flags ?? []), "--test"];
      const tapCounts = (counts) => (r) =>
        r.status === 0 && counts.every((l) => r.stdout.includes(`\n# ${l}\n`));
      const failure = reports(
        /AssertionError \[ERR_ASSERTION\]: Expected values to be strictly deep-equal:/,
        /\+\s+status: 'late'\n\s+-\s+status: 'on time'/,
        /failing\/fails\.ts:9:10/,
      );
      add(
        `node ${flags?.length ? `${flags.join(" ")} ` : ""}--test: *.test.ts, *.test.cts`,
        skip,
        [...argv, "--test-reporter=tap"],
        tapCounts(["tests 6", "pass 5", "skipped 1", "fail 0"]),
      );
      add(
        "node --test, a failed assertion in a bubble: AssertionError with its diff, status 1",
        skip,
        [...argv, "--test-reporter=spec", "failing/fails.ts"],
        failure,
      );
      // tsx --test: TypeScript in node:test on every Node, 20 included (whose --test finds no .ts by itself).
      const tsx = [...bin("tsx/dist/cli.mjs"), "--test"];
      add(
        "tsx --test retry.test.ts",
        null,
        [...tsx, "--test-reporter=tap", "retry.test.ts"],
        tapCounts(["tests 4", "pass 3", "skipped 1", "fail 0"]),
      );
      add(
        "tsx --test require.test.cts",
        atLeast(node.label, 22)
          ? null
          : "tsx on Node 20: a .cts file's require() of any ES module package fails (ERR_VM_MODULE_LINK_FAILURE)",
        [...tsx, "--test-reporter=tap", "require.test.cts"],
        tapCounts(["tests 2", "pass 2", "fail 0"]),
      );
      add(
        "tsx --test, a failed assertion in a bubble: AssertionError with its diff, status 1",
        null,
        [...tsx, "--test-reporter=spec", "failing/fails.ts"],
        failure,
      );
      break;
    }
    case "bundle": {
      // esbuild --bundle --platform=node, then the bundle runs from a directory with no node_modules.
      const esbuild = [join(p.dir, "node_modules", ".bin", "esbuild"), "--bundle", "--platform=node"];
      const deploy = join(work, `deploy-${node.label}`);
      const bundled = (what, format, src, out, extra = [], xfail = undefined) => {
        add(
          what,
          null,
          [...esbuild, src, `--format=${format}`, `--outfile=${join(deploy, out)}`, ...extra],
          (r) => r.status === 0,
        );
        const c = list.at(-1);
        c.next = [node.bin, join(deploy, out)];
        c.nextCheck = contains("bundle: ok (50 polls, 5s)");
        c.xfail = xfail;
      };
      bundled(
        "esbuild --format=esm (root and subpath imports), run the bundle",
        "esm",
        "src/app.ts",
        "app.mjs",
      );
      // gort's ES modules read import.meta.url at load; empty in a CommonJS bundle, selfurl.ts stands in.
      bundled("esbuild --format=cjs, run the bundle", "cjs", "src/app.ts", "app.cjs");
      bundled(
        "esbuild --format=cjs, import.meta.url defined by a banner, run the bundle",
        "cjs",
        "src/app.ts",
        "app-banner.cjs",
        [
          "--define:import.meta.url=__import_meta_url",
          "--banner:js=const __import_meta_url = require('node:url').pathToFileURL(__filename).href;",
        ],
      );
      bundled(
        'esbuild --format=cjs of require("gort"), run the bundle',
        "cjs",
        "src/app.cjs",
        "app-require.cjs",
      );
      break;
    }
  }
  return list;
}

for (const node of nodes) {
  console.log(`\n== Node ${node.label} (${node.bin})`);
  const all = installed
    .filter((p) => p !== null)
    .flatMap((p) => cases(p, node).map((c) => ({ ...c, dir: p.dir })));
  const path = `${join(node.bin, "..")}${process.platform === "win32" ? ";" : ":"}${process.env.PATH}`;
  await pool(
    2,
    all.map((c) => async () => {
      const what = `node ${node.label.padEnd(9)} ${c.what}`;
      if (c.skip !== null) return report("skip", what, c.skip);
      const r = await run(c.argv[0], c.argv.slice(1), { cwd: c.dir, env: { ...c.env, PATH: path } });
      let ok = c.check(r);
      let out = `$ ${c.argv.slice(1).join(" ")}\n${r.stdout}${r.stderr}`;
      let ms = r.ms;
      if (ok && c.next !== undefined) {
        const r2 = await run(c.next[0], c.next.slice(1), { cwd: c.dir, env: { PATH: path } });
        ok = c.nextCheck(r2);
        out += `$ ${c.next.slice(1).join(" ")}\n${r2.stdout}${r2.stderr}`;
        ms += r2.ms;
      }
      if (c.xfail !== undefined) {
        const known = !ok && c.xfail.signature.test(out);
        return report(
          known ? "xfail" : false,
          what,
          known
            ? c.xfail.reason
            : ok
              ? `passes now: drop its xfail (${c.xfail.reason})`
              : "not the known failure",
          ms,
          known ? "" : out,
        );
      }
      report(ok, what, ok ? "" : `exit ${r.status}`, ms, ok ? "" : out);
    }),
  );
}

// `npx gort` itself, once, on this machine's npm and Node.
const runProject = installed.find((p) => p?.name === "run-commonjs");
if (runProject) {
  const r = await run(npx, ["gort", "run", "--faketime", "prog.ts"], { cwd: runProject.dir });
  report(
    r.status === 0 && r.stdout === "pong after 1.5s\n",
    "npx gort run --faketime prog.ts (run-commonjs)",
    "",
    r.ms,
    r.stdout + r.stderr,
  );
}

const failed = results.filter((r) => r.ok === false);
const skipped = results.filter((r) => r.ok === "skip");
const xfailed = results.filter((r) => r.ok === "xfail");
console.log(
  `\ntest:consumers: ${results.length - failed.length - skipped.length - xfailed.length} ok, ${failed.length} failed, ${skipped.length} skipped, ${xfailed.length} known failures (xfail), on ${nodes.map((n) => n.label).join(", ")} in ${secs(performance.now() - t0)}${keep ? `; projects kept in ${work}` : ""}`,
);
if (!keep) rmSync(work, { recursive: true, force: true });
process.exit(failed.length > 0 ? 1 : 0);
