// Public: gort/testing/vitest — a Vitest test whose body runs in a synctest bubble, one line per test.
//
//   import { test } from "gort/testing/vitest";
//   test("retries with backoff", async () => { … }); // setTimeout, Date, gort's time: all virtual
//
// The runner-agnostic core is gort/synctest; this file only binds it to Vitest.

import { type TestContext, test as vitestTest } from "vitest";
import { type BubbleOptions, bubble } from "../synctest.ts";

/** Vitest's per-test timeout (real ms) plus the bubble's options. */
export type TestOptions = BubbleOptions & { timeout?: number };

/** Registers a Vitest test whose body runs in a bubble; the body gets Vitest's test context. */
export function test(name: string, fn: (ctx: TestContext) => unknown, opts?: TestOptions): void {
  const { timeout, ...bubbleOpts } = opts ?? {};
  const body = bubble(fn, bubbleOpts);
  vitestTest(name, (ctx) => body(ctx), timeout);
}

/** Alias of test, as Vitest has. */
export const it = test;
