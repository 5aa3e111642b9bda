// Public: gort/testing/jest — a Jest test whose body runs in a synctest bubble, one line per test.
//
//   import { test } from "gort/testing/jest";
//   test("retries with backoff", async () => { … }); // setTimeout, Date, gort's time: all virtual
//
// The runner-agnostic core is gort/synctest; this file only binds it to Jest (through @jest/globals, so
// it works with injectGlobals: false too). Jest runs ES modules with NODE_OPTIONS=--experimental-vm-modules.

import { test as jestTest } from "@jest/globals";
import { type BubbleOptions, bubble } from "../synctest.ts";

/** Jest's per-test timeout (real ms) plus the bubble's options. */
export type TestOptions = BubbleOptions & { timeout?: number };

/** Registers a Jest test whose body runs in a bubble. */
export function test(name: string, fn: () => unknown, opts?: TestOptions): void {
  const { timeout, ...bubbleOpts } = opts ?? {};
  const body = bubble(fn, bubbleOpts);
  // A body with no parameters: Jest takes one with a parameter for a done-callback test.
  jestTest(name, () => body(), timeout);
}

/** Alias of test, as Jest has. */
export const it = test;
