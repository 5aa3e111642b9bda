// The gort command, end to end: each test spawns `node bin/gort.mjs …` as a child process.
//   - every example's output under `--faketime --timestamps --seed 1`, line by line, against
//     examples/expected/<name>.txt (and the deadlock report against <name>.stderr.txt), and its exit status;
//   - every example also runs at --procs 4;
//   - --help, --version, bad flags and missing files (one line, status 2);
//   - panics and deadlocks (Go's report, status 2), top-level code as goroutine 1, exported main, argv;
//   - --trace: Chrome trace-event JSON with the fields Perfetto needs, the text timeline, the SVG.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "gort.mjs");
const work = mkdtempSync(join(tmpdir(), "gort-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from the repository root. timeoutMs is a hang guard only: the examples start at once, each
 * loading tsx, and a loaded machine can take tens of seconds for that. */
function gort(args: string[], timeoutMs = 120_000, headOnly = false): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, GORT_VERIFY: "", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      // headOnly: the reader takes the first chunk and goes away, as `head` does.
      if (headOnly) child.stdout.destroy();
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`gort ${args.join(" ")} timed out\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Compares output with expected text line by line, naming the first line that differs. */
function assertLines(actual: string, expected: string, what: string): void {
  const a = actual.split("\n");
  const e = expected.split("\n");
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    assert.equal(a[i], e[i], `${what}, line ${i + 1}:\n  got:      ${a[i]}\n  expected: ${e[i]}`);
  }
}

/** Absolute paths under the repository root become relative, so reports compare across machines. */
function relativize(s: string): string {
  return s.split(`${root}/`).join("").split(`file://${root}/`).join("");
}

const examples = readdirSync(join(root, "examples"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3))
  .sort();

describe("examples under --faketime --timestamps --seed 1", { concurrency: true }, () => {
  test("there are at least six, each with an expected output", () => {
    assert.ok(examples.length >= 6, `only ${examples.length} examples`);
    for (const name of ["ticker", "worker-pool", "rate-limiter", "retry", "context-tree", "deadlock"])
      assert.ok(examples.includes(name), `examples/${name}.ts is missing`);
    for (const name of examples)
      assert.ok(
        existsSync(join(root, "examples", "expected", `${name}.txt`)),
        `no expected output for ${name}`,
      );
  });

  for (const name of examples) {
    test(name, async () => {
      const r = await gort(["run", "--faketime", "--timestamps", "--seed", "1", `examples/${name}.ts`]);
      const expected = readFileSync(join(root, "examples", "expected", `${name}.txt`), "utf8");
      assertLines(r.stdout, expected, `examples/${name}.ts stdout`);
      const errFile = join(root, "examples", "expected", `${name}.stderr.txt`);
      if (existsSync(errFile)) {
        assertLines(relativize(r.stderr), readFileSync(errFile, "utf8"), `examples/${name}.ts stderr`);
        assert.equal(r.status, 2, "a deadlock or panic exits with status 2");
      } else {
        assert.equal(r.stderr, "", `examples/${name}.ts wrote to stderr`);
        assert.equal(r.status, 0);
      }
    });
  }
});

describe("examples at --procs 4", { concurrency: true }, () => {
  for (const name of examples) {
    test(name, async () => {
      const r = await gort(["run", "--faketime", "--procs", "4", "--seed", "7", `examples/${name}.ts`]);
      const failing = existsSync(join(root, "examples", "expected", `${name}.stderr.txt`));
      assert.equal(r.status, failing ? 2 : 0, r.stderr);
      // As many lines as at procs 1 (which worker takes a job, and the order of simultaneous events, may differ).
      const expected = readFileSync(join(root, "examples", "expected", `${name}.txt`), "utf8");
      const strip = (s: string) =>
        s
          .split("\n")
          .filter((l) => l !== "")
          .map((l) => l.replace(/^[0-9.]+ms /, ""));
      assert.equal(strip(r.stdout).length, strip(expected).length, r.stdout);
    });
  }
});

describe("command line", { concurrency: true }, () => {
  test("--help prints the usage and exits 0", async () => {
    for (const args of [["--help"], ["-h"], ["help"], ["run", "--help"]]) {
      const r = await gort(args);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^Usage: gort run \[flags\] <file\.ts\|file\.js> \[args\.\.\.\]/);
      for (const flag of ["--procs", "--faketime", "--seed", "--trace", "--timestamps", "--version"])
        assert.ok(r.stdout.includes(flag), `help does not mention ${flag}`);
      assert.equal(r.stderr, "");
    }
  });

  test("--version prints package.json's version", async () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    const r = await gort(["--version"]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, new RegExp(`^gort ${pkg.version.replace(/\./g, "\\.")} \\(node v[0-9.]+\\)\\n$`));
  });

  const bad: [string[], string][] = [
    [[], "gort: no command (try: gort run <file.ts>, or gort --help)"],
    [["build", "x.ts"], 'gort: unknown command "build" (the command is run: gort run <file.ts>)'],
    [["--bogus"], "gort: unknown flag --bogus (see gort --help)"],
    [["run", "--bogus", "examples/ticker.ts"], "gort: unknown flag --bogus (see gort --help)"],
    [["run", "--procs", "0", "examples/ticker.ts"], 'gort: --procs wants an integer from 1 to 1024, got "0"'],
    [
      ["run", "--procs=two", "examples/ticker.ts"],
      'gort: --procs wants an integer from 1 to 1024, got "two"',
    ],
    [
      ["run", "--seed", "-1", "examples/ticker.ts"],
      'gort: --seed wants an integer from 0 to 4294967295, got "-1"',
    ],
    [["run", "--faketime=yes", "examples/ticker.ts"], "gort: flag --faketime takes no value"],
    [["run", "--trace"], "gort: flag --trace needs a value"],
    [["run", "--faketime"], "gort: run: no program file given (gort run [flags] <file.ts>)"],
    [["run", "examples/nope.ts"], "gort: cannot find file examples/nope.ts"],
    [["run", "examples"], "gort: examples is not a file"],
    [
      ["run", "package.json"],
      "gort: package.json: not a TypeScript or JavaScript file (.ts, .mts, .js, .mjs)",
    ],
    [
      ["run", "--trace", "/nonexistent-dir/t.json", "examples/ticker.ts"],
      "gort: cannot write trace file /nonexistent-dir/t.json: ENOENT: no such file or directory, open '/nonexistent-dir/t.json'",
    ],
  ];
  for (const [args, message] of bad) {
    test(`gort ${args.join(" ")} → one line, status 2`, async () => {
      const r = await gort(args);
      assert.equal(r.status, 2);
      assert.equal(r.stderr, `${message}\n`);
      assert.equal(r.stdout, "");
    });
  }

  test("a panic prints Go's report and exits 2", async () => {
    const r = await gort(["run", "--faketime", "--timestamps", "test/cli/fixtures/panic.ts"]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "0.000ms main: waiting\n");
    const lines = relativize(r.stderr).split("\n");
    // --timestamps stamps the report too, with the time of the panic (Go under faketime does).
    assert.equal(lines[0], "250.000ms panic: something went wrong");
    assert.equal(lines[1], "250.000ms ");
    assert.equal(lines[2], "250.000ms goroutine 2 [running]:");
    assert.match(lines[3], /^250\.000ms .*test\/cli\/fixtures\/panic\.ts:8:\d+/);
  });

  for (const clock of [["--faketime"], []]) {
    test(`an unhandled rejection (an un-awaited send on a closed channel) is a panic: Go's report, status 2 ${clock.length > 0 ? "(fake clock)" : "(real clock)"}`, async () => {
      const r = await gort(["run", ...clock, "test/cli/fixtures/unawaited-panic.ts"]);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, "before\nafter\n");
      const lines = relativize(r.stderr).split("\n");
      assert.equal(lines[0], "panic: send on closed channel");
      assert.equal(lines[1], "");
      assert.equal(lines[2], "goroutine 1 [running]:", "top-level code made the promise");
      assert.match(r.stderr, /test\/cli\/fixtures\/unawaited-panic\.ts:7:\d+/);
    });

    test(`a rejection left unhandled by a goroutine names that goroutine ${clock.length > 0 ? "(fake clock)" : "(real clock)"}`, async () => {
      const r = await gort(["run", ...clock, "test/cli/fixtures/floating-rejection.ts"]);
      assert.equal(r.status, 2, r.stderr);
      // (Node looks for unhandled rejections only once its tick queue is empty: under the fake clock,
      // whose jumps queue ticks, main may have printed by then.)
      const lines = relativize(r.stderr).split("\n");
      assert.deepEqual(lines.slice(0, 3), ["panic: floating rejection", "", "goroutine 2 [running]:"]);
      assert.match(lines[3], /test\/cli\/fixtures\/floating-rejection\.ts:7:\d+/);
    });
  }

  test("top-level code is goroutine 1; argv, partial writes, stderr stamps, then main", async () => {
    const r = await gort(["run", "--faketime", "--timestamps", "test/cli/fixtures/toplevel.ts", "x", "y z"]);
    assert.equal(r.status, 0, r.stderr);
    assertLines(
      r.stdout,
      [
        '0.000ms args: ["x","y z"]',
        "1000.000ms from goroutine 2",
        "1000.000ms partial write",
        "1000.000ms second line",
        "1500.000ms main done at 2009-11-10 23:00:01.5 +0000 UTC m=+1.500000001",
        "",
      ].join("\n"),
      "toplevel.ts",
    );
    assert.equal(r.stderr, "1000.000ms to stderr\n");
  });

  test("a file that fails to load is Node's error and status 1, not a panic", async () => {
    const r = await gort(["run", "test/cli/fixtures/missing-export.ts"]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /SyntaxError: .*noSuchExport/);
    assert.doesNotMatch(r.stderr, /panic|goroutine 1/);
  });

  test("a file with a syntax error is a load error (status 1, no panic), through tsx or Node's stripping", async () => {
    // Written at run time: a fixture that does not parse would fail the repository's lint.
    const dir = mkdtempSync(join(tmpdir(), "gort-cli-syntax-"));
    try {
      writeFileSync(join(dir, "dep.ts"), "export const x: number = ;\n");
      writeFileSync(join(dir, "main.ts"), 'import { x } from "./dep.ts";\nconsole.log(x);\n');
      for (const f of ["dep.ts", "main.ts"]) {
        const r = await gort(["run", join(dir, f)]);
        assert.equal(r.status, 1, r.stderr);
        assert.match(r.stderr, /dep\.ts:1/, "names the file and line that does not parse");
        assert.doesNotMatch(r.stderr, /panic|goroutine 1/);
        assert.equal(r.stdout, "");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a program that sets process.exitCode and ends normally exits with it, as node does", async () => {
    const r = await gort(["run", "--faketime", "test/cli/fixtures/exitcode.ts"]);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, "done\n");
    assert.equal(r.status, 7);
  });

  test("stdout closed by its reader (`gort run p.ts | head`): exits silently with SIGPIPE's status, as Go", async () => {
    const r = await gort(["run", "test/cli/fixtures/epipe.ts"], 120_000, true);
    assert.match(r.stdout, /^line 0\n/);
    assert.equal(r.stderr, "", "no EPIPE stack trace, and the program did not run on to the end");
    assert.equal(r.status, 141);
  });

  test("a top-level error with no frame of the program's (Promise.any's AggregateError) is a panic, not a load error", async () => {
    const r = await gort(["run", "test/cli/fixtures/promise-any.ts"]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^panic: AggregateError: All promises were rejected\n/);
  });

  test('a .js program in a "type": "commonjs" package loads as an ES module (top-level await)', async () => {
    const r = await gort(["run", "--faketime", "test/cli/fixtures/commonjs/tla.js"]);
    assert.equal(r.stderr, "");
    assert.equal(r.status, 0);
    assert.equal(r.stdout, "slept 1s\n");
  });

  test("a deadlock at top level names goroutine 1", async () => {
    const r = await gort(["run", "--faketime", "test/cli/fixtures/toplevel-deadlock.ts"]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "blocking at top level\n");
    assert.equal(
      r.stderr,
      "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n\ton nobody (cap 0)\n",
    );
  });

  test("on the real clock, top-level code fed by host timers and HTTP handlers waits for them; then deadlocks", async () => {
    const r = await gort(["run", "test/cli/fixtures/host-fed.ts"]);
    assert.equal(
      r.stdout,
      "from a host timer\nrequest for /hello\na host timer that feeds nobody\n",
      r.stderr,
    );
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n\ton nobody (cap 0)\n",
    );
  });

  test("without --faketime the clock is real", async () => {
    const t0 = Date.now();
    const r = await gort(["run", "--timestamps", "examples/ticker.ts"]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Date.now() - t0 >= 1600, "the ticker example sleeps 1.6s of real time");
    // Ticks 500, 1000 and 1500 ms after the ticker was made, then "Ticker stopped" at >= 1600. A machine
    // that stalls the process past a whole period skips that tick (Go's ticker drops ticks for a slow
    // receiver), so there are 1–3 ticks rather than exactly 3; their values are whole periods apart.
    const lines = r.stdout.trim().split("\n");
    assert.ok(lines.length >= 2 && lines.length <= 4, r.stdout);
    const last = lines[lines.length - 1];
    assert.match(last, /^[0-9.]+ms Ticker stopped$/);
    assert.ok(Number.parseFloat(last) >= 1600, last); // real time passed; no upper bound: a loaded machine is slow
    const ticks = lines.slice(0, -1).map((line) => {
      const m = /^([0-9.]+)ms Tick at .* m=\+(\d+)\.(\d{9})$/.exec(line);
      assert.ok(m !== null, line);
      assert.ok(Number.parseFloat(m[1]) >= 500, line);
      return BigInt(m[2]) * 1_000_000_000n + BigInt(m[3]);
    });
    for (let i = 1; i < ticks.length; i++) {
      const gap = ticks[i] - ticks[i - 1];
      assert.ok(gap > 0n && gap % 500_000_000n === 0n, `ticks ${i - 1} and ${i} are ${gap} ns apart`);
    }
  });

  test("the same seed gives the same run; --seed changes select's choices", async () => {
    const args = (seed: string) => [
      "run",
      "--faketime",
      "--procs",
      "3",
      "--seed",
      seed,
      "examples/worker-pool.ts",
    ];
    const [a, b] = await Promise.all([gort(args("5")), gort(args("5"))]);
    assert.equal(a.stdout, b.stdout);
    const outs = new Set<string>();
    for (const seed of ["1", "2", "3", "4", "5", "6"]) outs.add((await gort(args(seed))).stdout);
    assert.ok(outs.size > 1, "six seeds, one schedule");
  });
});

describe("--trace", () => {
  test("writes Chrome trace-event JSON, a text timeline and an SVG in one run", async () => {
    const json = join(work, "trace.json");
    const txt = join(work, "trace.txt");
    const svg = join(work, "trace.svg");
    const r = await gort([
      "run",
      "--faketime",
      "--procs",
      "2",
      "--seed",
      "1",
      "--trace",
      json,
      "--trace",
      txt,
      "--trace",
      svg,
      "examples/worker-pool.ts",
    ]);
    assert.equal(r.status, 0, r.stderr);

    // Chrome trace-event format: an object with a traceEvents array; ph, pid, tid, ts (µs), name.
    const doc = JSON.parse(readFileSync(json, "utf8")) as { traceEvents: Record<string, unknown>[] };
    assert.ok(Array.isArray(doc.traceEvents));
    const evs = doc.traceEvents;
    assert.ok(evs.length > 50, `only ${evs.length} events`);
    for (const e of evs) {
      assert.equal(typeof e.ph, "string", JSON.stringify(e));
      assert.equal(typeof e.name, "string", JSON.stringify(e));
      assert.equal(typeof e.pid, "number", JSON.stringify(e));
      if (e.ph !== "C") assert.equal(typeof e.tid, "number", JSON.stringify(e));
      if (e.ph !== "M") {
        assert.equal(typeof e.ts, "number", JSON.stringify(e));
        assert.ok((e.ts as number) >= 0, JSON.stringify(e));
      }
      if (e.ph === "X") assert.ok(typeof e.dur === "number" && e.dur >= 0, JSON.stringify(e));
      if (e.ph === "i") assert.ok(e.s === "t" || e.s === "p" || e.s === "g", JSON.stringify(e));
    }
    // M metadata names the process and one track per P.
    const meta = evs.filter((e) => e.ph === "M");
    assert.ok(meta.some((e) => e.name === "process_name"));
    const threads = meta
      .filter((e) => e.name === "thread_name")
      .map((e) => (e.args as { name: string }).name)
      .sort();
    assert.ok(threads.includes("P0") && threads.includes("P1"), threads.join(","));
    // Goroutines are slices on P tracks; their end says why (block with a reason, end).
    const slices = evs.filter((e) => e.ph === "X");
    assert.ok(slices.some((e) => e.name === "G1"));
    assert.ok(slices.some((e) => (e.args as { reason?: string }).reason === "sleep"));
    assert.ok(slices.some((e) => (e.args as { end?: string }).end === "end"));
    // Timers are instants; clock jumps too; counters for running Ps and goroutines.
    const instants = evs.filter((e) => e.ph === "i").map((e) => e.name);
    for (const n of ["timer.add", "timer.fire", "clock jump"]) assert.ok(instants.includes(n), `no ${n}`);
    // 300ms of virtual time: the last job ends at 720ms.
    const maxTs = Math.max(...evs.filter((e) => e.ph !== "M").map((e) => e.ts as number));
    assert.equal(maxTs, 720_000);
    const counters = new Set(evs.filter((e) => e.ph === "C").map((e) => e.name));
    assert.ok(counters.has("running Ps") && counters.has("goroutines"));

    const text = readFileSync(txt, "utf8");
    assert.match(text, /^# gort trace \(fake clock, 2 Ps, seed 1\)/);
    for (const re of [
      /^ +0\.000ms +P0 +P runs\n +G1 created by the host$/m, // main is created on P0, as Go's schedinit
      /^ +P[01] +G\d+ runs$/m,
      /G\d+ blocks: sleep$/m,
      /G\d+ blocks: chan receive$/m,
      /G\d+ unblocked/m,
      /timer t\d+ fire \(when 80\.000ms\)$/m,
      /^ +80\.000ms +clock jumps \+80ms to 80\.000ms$/m,
      /G\d+ ends$/m,
      /P[01] +P idle$/m,
      /runtime exits \(exit\)$/m,
    ])
      assert.match(text, re);

    const pic = readFileSync(svg, "utf8");
    assert.match(pic, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(pic.includes(">P1</text>"));
    assert.ok(pic.trimEnd().endsWith("</svg>"));
  });

  test('"-" writes the text timeline to stderr; a deadlock still closes the trace', async () => {
    const json = join(work, "deadlock.json");
    const r = await gort([
      "run",
      "--faketime",
      "--seed",
      "1",
      "--trace",
      "-",
      "--trace",
      json,
      "examples/deadlock.ts",
    ]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^# gort trace/);
    assert.match(r.stderr, /runtime exits \(DeadlockError\)/);
    assert.match(r.stderr, /fatal error: all goroutines are asleep - deadlock!/);
    const doc = JSON.parse(readFileSync(json, "utf8")) as { traceEvents: { name: string }[] };
    assert.ok(doc.traceEvents.some((e) => e.name === "runtime exit (DeadlockError)"));
  });
});

describe("npm start (scripts/demo.ts)", () => {
  test("--quick: simulated minutes in a few seconds; summary, trace, timeline, picture", async () => {
    const out = join(work, "demo");
    const r = await new Promise<Result>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "scripts/demo.ts", "--quick", `--out=${out}`],
        {
          cwd: root,
          env: { ...process.env, GORT_VERIFY: "" },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
      });
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split("\n");
    assert.equal(lines[0].slice(0, 12), "+00:00.000  ");
    assert.ok(lines.some((l) => l.startsWith("+10:00.000  shutting down")));
    for (const key of [
      "virtual time",
      "wall time",
      "timers fired",
      "goroutines",
      "peak heap",
      "trace",
      "picture",
    ])
      assert.ok(
        lines.some((l) => l.trimStart().startsWith(key)),
        `summary has no ${key} line`,
      );
    const doc = JSON.parse(readFileSync(join(out, "demo-trace.json"), "utf8")) as { traceEvents: unknown[] };
    assert.ok(doc.traceEvents.length > 10_000);
    assert.match(readFileSync(join(out, "demo-trace.txt"), "utf8"), /^# gort trace/);
    assert.match(readFileSync(join(out, "trace.svg"), "utf8"), /<svg /);
  });
});
