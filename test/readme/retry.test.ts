// The README's synctest example, verbatim between the markers (test/readme/readme.test.ts checks that
// the README shows exactly this code).
// README-BEGIN
import assert from "node:assert/strict";
import { test } from "node:test";
import * as synctest from "../../src/synctest.ts";

// Code that never heard of gort: plain setTimeout and Date.
async function retry<T>(fn: () => Promise<T>, attempts = 5, backoff = 1000): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i + 1 >= attempts) throw e;
      await new Promise((r) => setTimeout(r, backoff * 2 ** i));
    }
  }
}

test("retry backs off 1s, 2s, 4s", () =>
  synctest.run(async () => {
    const start = Date.now();
    let calls = 0;
    await retry(async () => {
      if (++calls < 4) throw new Error("flaky");
    });
    assert.equal(calls, 4);
    assert.equal(Date.now() - start, 7000); // 1000 + 2000 + 4000 virtual ms, no real waiting
  }));
// README-END
