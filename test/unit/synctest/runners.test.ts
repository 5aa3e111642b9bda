// gort/testing/{node,vitest,jest}: each helper is proved by the runner it serves. The sample tests live
// in test/runners/<runner>/ (*.spec.ts, which scripts/run-tests.mjs does not pick up); each runner is
// spawned on its passing sample (it must pass) and on a deliberately deadlocking one (it must fail, and
// print the DeadlockError report: the blocked goroutine, what it waits on, where it was started).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, test } from "node:test";

const root = new URL("../../../", import.meta.url).pathname;

function sh(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base.NODE_TEST_CONTEXT; // else a nested `node --test` reports to us as a subtest stream
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      // A hang guard only: nine runner processes (jest, vitest, node --test) start at once; a loaded
      // 2-core machine took 24 s for jest's.
      { cwd: root, timeout: 180_000, env: { ...base, NO_COLOR: "1", FORCE_COLOR: "0", ...env } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === "number" ? err.code : 1;
        resolve({ code, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const runners = {
  node: (file: string) =>
    sh(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", `test/runners/node/${file}`]),
  vitest: (file: string) =>
    sh(npx, [
      "vitest",
      "run",
      "--reporter=verbose",
      "--config",
      "test/runners/vitest/vitest.config.ts",
      file,
    ]),
  jest: (file: string) =>
    sh(npx, ["jest", "--verbose", "--config", "test/runners/jest/jest.config.mjs", file], {
      NODE_OPTIONS: "--experimental-vm-modules --no-warnings",
    }),
};

const passing = [
  "retry backs off 1s, 2s, 4s in virtual time",
  "goroutines, channels and performance.now share the bubble's clock",
  "inside the body, Date and setTimeout are the bubble's",
  "a setTimeout callback awaiting a timer of its own finishes at 1100 ms, as in Node",
  "performance.now() starts at a whole number > 0; process.hrtime follows the bubble's clock",
  "a one-shot timeout still pending at the end does not fail the test",
];

describe("runner helpers, each proved in its runner", { concurrency: true }, () => {
  for (const [name, run] of Object.entries(runners)) {
    test(`${name}: the passing sample passes (one line per test, virtual time, no tick)`, async () => {
      const t0 = performance.now();
      const { code, out } = await run("pass.spec.ts");
      console.log(`${name} pass.spec.ts: exit ${code} in ${Math.round(performance.now() - t0)} ms`);
      assert.equal(code, 0, out);
      for (const t of passing) assert.ok(out.includes(t), `${name} ran "${t}":\n${out}`);
      if (name === "jest") assert.match(out, /Tests:\s+6 passed, 6 total/, out);
      if (name === "vitest") assert.match(out, /Tests\s+6 passed \(6\)/, out);
      if (name === "node") assert.match(out, /pass 6/, out);
    });

    test(`${name}: an assertion failing in a bubble shows as itself, with the runner's diff`, async () => {
      const { code, out } = await run("throws.spec.ts");
      assert.notEqual(code, 0, out);
      assert.doesNotMatch(out, /GoPanicError|panic: /, out);
      assert.match(out, /retries: 3/, out);
      assert.match(out, /retries: 4/, out);
      if (name === "node") assert.match(out, /AssertionError|ERR_ASSERTION/, out);
    });

    test(`${name}: an interval left running fails the test, named with the line that created it`, async () => {
      const { code, out } = await run("interval.spec.ts");
      assert.notEqual(code, 0, out);
      assert.match(out, /SynctestError/, out);
      assert.match(out, /periodic timers still running when the bubble ended/, out);
      assert.match(
        out,
        new RegExp(
          `setInterval every 1000ms, next at 3000\\.000ms, created at \\S*test/runners/${name}/interval\\.spec\\.ts:6:\\d+`,
        ),
        out,
      );
    });

    test(`${name}: a deadlocking sample fails with the DeadlockError report`, async () => {
      const { code, out } = await run("deadlock.spec.ts");
      assert.notEqual(code, 0, out);
      assert.match(out, /DeadlockError/, out);
      assert.match(out, /deadlock: main bubble goroutine has exited but blocked goroutines remain/, out);
      assert.match(out, /goroutine 2 \[chan send\]:/, out);
      assert.match(out, /on replies \(cap 0\)/, out);
      assert.match(
        out,
        new RegExp(`created by goroutine 1 at \\S*test/runners/${name}/deadlock\\.spec\\.ts:7:\\d+`),
        out,
      );
    });

    // Bubble tests the runner runs concurrently (node:test's describe { concurrency: 8 }; Vitest's
    // test.concurrent, the helper's, and describe.concurrent): each bubble sees exact virtual times of its
    // own; a deadlock, an assertion and (node:test) the runner's timeout fail only their own test, each
    // reported as itself; a real-clock test alongside sees real time.
    if (name !== "jest")
      test(`${name}: concurrent bubble tests keep exact clocks of their own; failures stay in their test`, async () => {
        const { code, out } = await run("concurrent.spec.ts");
        assert.notEqual(code, 0, out);
        for (let i = 0; i < 20; i++)
          assert.match(out, new RegExp(`(✔|✓) .*bubble ${i} waits ${(i + 1) * 1000} virtual ms`), out);
        assert.match(out, /(✔|✓) .*a real-clock test alongside sees real time/, out);
        const most = Number(/bubbles in flight at most: (\d+)/.exec(out)?.[1]);
        assert.ok(most >= 2, `the bubbles ran concurrently (at most ${most} at once):\n${out}`);
        assert.match(out, /DeadlockError/, out);
        assert.match(out, /goroutine 2 \[chan send\]:\s+on orphans \(cap 0\)/, out);
        assert.match(
          out,
          new RegExp(`created by goroutine 1 at \\S*test/runners/${name}/concurrent\\.spec\\.ts:\\d+:\\d+`),
          out,
        );
        assert.doesNotMatch(out, /GoPanicError|panic: /, out);
        if (name === "node") {
          assert.match(
            out,
            /AssertionError \[ERR_ASSERTION\]: Expected values to be strictly deep-equal/,
            out,
          );
          assert.match(out, /\+\s+2\n\s+-\s+3/, out);
          for (let i = 0; i < 3; i++)
            assert.match(out, new RegExp(`✔ bubble ${i} alongside it, on host I/O and virtual sleeps`), out);
          assert.match(
            out,
            /✖ held by a promise nothing settles, it times out[^\n]*\n\s+'test timed out after 300ms'/,
            out,
          );
          assert.match(out, /pass 24\n.*fail 2\n.*cancelled 1/s, out);
        } else {
          assert.match(
            out,
            /AssertionError: expected \{ attempts: \[ 1, 2 \] \} to deeply equal \{ attempts: \[ 1, 3 \] \}/,
            out,
          );
          assert.match(out, /-\s+3,\n\s*\+\s+2,/, out);
          assert.match(out, /Tests\s+2 failed \| 21 passed \(23\)/, out);
        }
      });

    // The helper's test.concurrent forms (plain, .each, .skip) in Jest and Vitest: registered through the
    // runner's own, each test in a bubble of its own, run side by side with exact clocks.
    if (name !== "node")
      test(`${name}: test.concurrent, .each and .skip register through the runner's own`, async () => {
        const { code, out } = await run("concurrent-forms.spec.ts");
        assert.equal(code, 0, out);
        for (let i = 0; i < 4; i++)
          assert.match(out, new RegExp(`(✓|√) .*concurrent\\.each: bubble ${i} waits exactly`), out);
        assert.match(out, /(✓|√) .*concurrent: bubble 4 waits exactly/, out);
        assert.match(out, /concurrent\.skip: never runs/, out);
        assert.doesNotMatch(out, /a skipped test ran/, out);
        const most = Number(/bubbles in flight at most: (\d+)/.exec(out)?.[1]);
        assert.ok(most >= 2, `the bubbles ran concurrently (at most ${most} at once):\n${out}`);
        if (name === "jest") assert.match(out, /Tests:\s+1 skipped, 5 passed, 6 total/, out);
        else assert.match(out, /Tests\s+5 passed \| 1 skipped \(6\)/, out);
      });

    // Timer-driven front-end code under DOM environments (test/runners/dom-bodies.ts), each test in a bubble:
    // Jest's jest-environment-jsdom (the global a jsdom window in a vm context: jsdom's timers, which start
    // Node's through the main realm's global), Vitest's jsdom and happy-dom environments (its default pool,
    // and a vm pool, whose global is jsdom's window as in Jest), node:test with a jsdom window installed by
    // hand. Every virtual time is what real time gives; before gort took Node's timers from node:timers and
    // the main realm, Jest's and Vitest's vm pool failed (gort did not load: jsdom's window has no
    // setImmediate), and jsdom's own timers ran on real time in a bubble.
    test(`${name}: DOM environments: jsdom's${name === "vitest" ? " and happy-dom's" : ""} timers on the bubble's clock`, async () => {
      const files =
        name === "vitest" ? ["dom-jsdom.spec.ts", "dom-happy-dom.spec.ts"] : ["dom-jsdom.spec.ts"];
      for (const file of files) {
        const { code, out } = await run(file);
        assert.equal(code, 0, out);
        if (name === "jest") assert.match(out, /Tests:\s+7 passed, 7 total/, out);
        if (name === "vitest") assert.match(out, /Tests\s+7 passed \(7\)/, out);
        if (name === "node") assert.match(out, /pass 7/, out);
      }
      if (name === "vitest") {
        const { code, out } = await sh(npx, [
          "vitest",
          "run",
          "--pool=vmThreads",
          "--config",
          "test/runners/vitest/vitest.config.ts",
          "dom-jsdom.spec.ts",
        ]);
        assert.equal(code, 0, out);
        assert.match(out, /Tests\s+7 passed \(7\)/, out);
      }
    });

    // The runner's own fake timers (@sinonjs/fake-timers underneath) turned on in a bubble's body and off
    // in an afterEach outside it: they put back gort's bubble fakes, and the host's functions must return.
    if (name !== "node")
      test(`${name}: its fake timers on in a bubble, off after it: the host's timers and Date are back`, async () => {
        const { code, out } = await run("faketimers.spec.ts");
        assert.equal(code, 0, out);
        if (name === "jest") assert.match(out, /Tests:\s+4 passed, 4 total/, out);
        if (name === "vitest") assert.match(out, /Tests\s+4 passed \(4\)/, out);
      });
  }
});
