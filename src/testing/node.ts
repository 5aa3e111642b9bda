// Public: gort/testing/node — a node:test test whose body runs in a synctest bubble, one line per test.
//
//   import { test } from "gort/testing/node";
//   test("retries with backoff", async () => { … }); // setTimeout, Date, gort's time: all virtual
//
// The runner-agnostic core is gort/synctest; this file only binds it to node:test.

import { it as nodeIt, test as nodeTest, type TestContext } from "node:test";
import { type BubbleOptions, bubble } from "../synctest.ts";

/** node:test's own options (skip, only, todo, timeout, …) plus the bubble's. */
export type TestOptions = BubbleOptions & {
  skip?: boolean | string;
  only?: boolean;
  todo?: boolean | string;
  timeout?: number;
  concurrency?: number | boolean;
};

const runnerKeys = ["skip", "only", "todo", "timeout", "concurrency"] as const;

function split(opts: TestOptions | undefined): [Record<string, unknown>, BubbleOptions] {
  const runner: Record<string, unknown> = {};
  const bubbleOpts: Record<string, unknown> = { ...opts };
  for (const k of runnerKeys) {
    if (opts?.[k] !== undefined) runner[k] = opts[k];
    delete bubbleOpts[k];
  }
  return [runner, bubbleOpts as BubbleOptions];
}

/** Registers a node:test test whose body runs in a bubble; the body gets node:test's TestContext. */
export function test(name: string, fn: (t: TestContext) => unknown, opts?: TestOptions): Promise<void> {
  const [runner, bubbleOpts] = split(opts);
  const body = bubble(fn, bubbleOpts);
  return nodeTest(name, runner, (t) => body(t));
}

/** Alias of test, as node:test has. */
export function it(name: string, fn: (t: TestContext) => unknown, opts?: TestOptions): Promise<void> {
  const [runner, bubbleOpts] = split(opts);
  const body = bubble(fn, bubbleOpts);
  return nodeIt(name, runner, (t) => body(t));
}
