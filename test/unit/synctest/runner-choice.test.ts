// synctest.test registers with the runner running the file: a global `it` (Mocha, Jasmine, Jest and
// Vitest with globals) before node:test, and an error naming the way out under Vitest or Jest without
// globals. Mocha defines `it` but no `expect`; a test registered with node:test there ran outside Mocha,
// and a failing one left Mocha's exit status 0.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as synctest from "../../../src/synctest.ts";

const g = globalThis as { it?: unknown };

test("with a global `it` and no `expect` (Mocha), synctest.test registers with that `it`, body in a bubble", async () => {
  const registered: [string, () => Promise<void>][] = [];
  g.it = (name: string, body: () => Promise<void>) => registered.push([name, body]);
  try {
    synctest.test("waits a virtual minute", async () => {
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, 60_000));
      assert.equal(Date.now() - t0, 60_000);
    });
  } finally {
    delete g.it;
  }
  assert.deepEqual(
    registered.map(([name]) => name),
    ["waits a virtual minute"],
  );
  await registered[0][1](); // what Mocha does with it
});

test("under Vitest or Jest without globals, synctest.test throws, naming gort/testing/<runner>", () => {
  for (const [env, runner] of [
    ["VITEST", "vitest"],
    ["JEST_WORKER_ID", "jest"],
  ] as const) {
    const saved = process.env[env];
    process.env[env] = "1";
    try {
      assert.throws(() => synctest.test("never registered", () => {}), {
        name: "TypeError",
        message: new RegExp(`without its globals.*gort/testing/${runner}`),
      });
    } finally {
      if (saved === undefined) delete process.env[env];
      else process.env[env] = saved;
    }
  }
});
