// Unhandled gort panics under plain `node` (outside `gort run`), through runtime/unhandled.ts: each test
// spawns `node --import tsx test/unit/fixtures/unhandled-panic.ts <scenario>` and checks stdout, stderr
// and the exit status. A gort panic nobody handles ends the process with Go's report and status 2; every
// other rejection or exception, in every --unhandled-rejections mode, behaves byte for byte as it does
// without gort loaded.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const fixture = fileURLToPath(new URL("./fixtures/unhandled-panic.ts", import.meta.url));
const cwd = fileURLToPath(new URL("../../", import.meta.url));

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], nodeFlags: string[] = []): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", fixture, ...args], { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (status) =>
      resolve({ status, stdout, stderr: stderr.replace(/\(node:\d+\)/g, "(node:PID)") }),
    );
  });
}

/** Runs the jobs at most two at a time (the machine is shared). */
async function pool<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

test("an un-awaited send on a closed channel at top level: Go's panic report, status 2", async () => {
  const r = await run(["send"]);
  assert.equal(r.stdout, "start\nend\n");
  assert.match(
    r.stderr,
    /^panic: send on closed channel\n\ngoroutine 0 \[running\]:\n {4}at .*unhandled-panic\.ts:\d+:\d+\)\n$/,
  );
  assert.equal(r.status, 2);
});

test("a panic thrown outside any goroutine (close(null) in a host timer): Go's report, status 2", async () => {
  const r = await run(["close"]);
  assert.equal(r.stdout, "start\nend\n");
  assert.match(
    r.stderr,
    /^panic: close of nil channel\n\ngoroutine 0 \[running\]:\n {4}at .*unhandled-panic\.ts:/,
  );
  assert.equal(r.status, 2);
});

test("a Runtime.run() failure nobody catches: the runtime's report as Go prints it, status 2", async () => {
  const r = await run(["run"]);
  assert.equal(r.stdout, "start\n");
  assert.match(
    r.stderr,
    /^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \[chan receive\]:\n/,
  );
  assert.doesNotMatch(r.stderr, /Node\.js v|DeadlockError/);
  assert.equal(r.status, 2);
});

test("a program's own handlers decide: an uncaughtException or unhandledRejection listener keeps it alive", async () => {
  const [h, rh] = await pool([() => run(["handler"]), () => run(["rejection-handler"])]);
  assert.deepEqual(h, { status: 0, stdout: "start\nend\nhandled: send on closed channel\n", stderr: "" });
  assert.deepEqual(rh, {
    status: 0,
    stdout: "start\nend\nhandled: GoPanic: send on closed channel\n",
    stderr: "",
  });
});

const modes = ["", "strict", "warn", "warn-with-error-code", "none"];

test("a gort panic in each --unhandled-rejections mode: Go's report where Node would crash, else Node's", async () => {
  const results = await pool(
    modes.map((m) => () => run(["send"], m === "" ? [] : [`--unhandled-rejections=${m}`])),
  );
  const byMode = Object.fromEntries(modes.map((m, i) => [m || "throw", results[i]]));
  for (const m of ["throw", "strict"]) {
    assert.match(byMode[m].stderr, /^panic: send on closed channel\n/, m);
    assert.equal(byMode[m].status, 2, m);
  }
  assert.match(byMode.warn.stderr, /UnhandledPromiseRejectionWarning: GoPanic: send on closed channel/);
  assert.equal(byMode.warn.status, 0);
  assert.match(byMode["warn-with-error-code"].stderr, /UnhandledPromiseRejectionWarning: GoPanic/);
  assert.equal(byMode["warn-with-error-code"].status, 1);
  assert.deepEqual(byMode.none, { status: 0, stdout: "start\nend\n", stderr: "" });
});

test("other rejections and exceptions behave exactly as without gort, in every mode", async () => {
  const cases: [string, string[]][] = [];
  for (const m of modes) cases.push(["plain-error", m === "" ? [] : [`--unhandled-rejections=${m}`]]);
  cases.push(["plain-string", []], ["plain-string", ["--unhandled-rejections=strict"]]);
  cases.push(["plain-undefined", []], ["plain-throw", []]);
  const jobs = cases.flatMap(([s, flags]) => [() => run([s], flags), () => run([s, "gort"], flags)]);
  const results = await pool(jobs);
  for (let i = 0; i < cases.length; i++) {
    const [without, withGort] = [results[2 * i], results[2 * i + 1]];
    assert.deepEqual(withGort, without, `${cases[i][0]} ${cases[i][1].join(" ")}`);
    assert.doesNotMatch(withGort.stderr, /^panic: /m);
  }
});
