// Public: gort/testing/node — a node:test test whose body runs in a synctest bubble, one line per test.
//
//   import { test } from "gort/testing/node";
//   test("retries with backoff", async () => { … }); // setTimeout, Date, gort's time: all virtual
//   test.skip("not yet", async () => { … });
//
// The runner-agnostic core is gort/synctest; this file only binds it to node:test (which has no .each).
// node:test locates a test at the line that called its test(): here, for every test registered through
// this file (node:test has no option to say otherwise); `test(name, synctest.bubble(fn))` with node:test's
// own test keeps the user's line. The TestContext, and so its signal, reaches the bubble (synctest.bubble).

import type { TestContext } from "node:test";
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

type Body = (t: TestContext) => unknown;
type Register = (name: string, options: object, fn: (t: TestContext) => Promise<void>) => Promise<void>;

type Arg = string | Body | TestOptions | undefined;

function make(register: Register, extra: Record<string, unknown> = {}) {
  // (name, fn, opts), node:test's own order (name, opts, fn), and node:test's nameless forms (fn),
  // (opts, fn), (fn, opts): then the name is the body's, as node:test names it.
  return (...args: Arg[]): Promise<void> => {
    const named = typeof args[0] === "string";
    const name = named ? (args[0] as string) : undefined;
    const rest = named ? args.slice(1) : args;
    const fn = rest.find((x) => typeof x === "function") as Body | undefined;
    const opts = rest.find((x) => typeof x !== "function" && x !== undefined) as TestOptions | undefined;
    const [runner, bubbleOpts] = split(opts);
    // No body: node:test runs a no-op (test.todo("x"): a todo), no bubble needed.
    if (fn === undefined)
      return (register as (n: string, o: object) => Promise<void>)(name ?? "<anonymous>", {
        ...runner,
        ...extra,
      });
    let body: (t: TestContext) => Promise<void>;
    try {
      // A bad option is bubble's TypeError or RangeError, as a rejection (options that are not an
      // object, null aside, go to bubble as they are, for its TypeError).
      body = bubble(fn, typeof opts === "object" ? bubbleOpts : opts);
    } catch (e) {
      return Promise.reject(e);
    }
    return register(name ?? (fn.name || "<anonymous>"), { ...runner, ...extra }, (t) => body(t));
  };
}

/** A node:test test (`test`, `.skip`, `.only`, `.todo`) whose body runs in a bubble. */
export interface BubbleTest {
  (name: string, fn: Body, opts?: TestOptions): Promise<void>;
  /** node:test's order: options before the body. */
  (name: string, opts: TestOptions, fn: Body): Promise<void>;
  /** Without a name, as node:test allows: the test is named after the body function. */
  (fn: Body, opts?: TestOptions): Promise<void>;
  (opts: TestOptions, fn: Body): Promise<void>;
  /** Without a body, as node:test allows: a test that does nothing (with `.todo`, a todo). */
  (name: string, opts?: TestOptions): Promise<void>;
  /** Registered but not run. */
  skip: BubbleTestFn;
  /** Runs only this test when node runs with --test-only. */
  only: BubbleTestFn;
  /** Runs, but a failure does not fail the run. */
  todo: BubbleTestFn;
}

/** One registration form: the body first, or node:test's options first. */
export interface BubbleTestFn {
  (name: string, fn: Body, opts?: TestOptions): Promise<void>;
  (name: string, opts: TestOptions, fn: Body): Promise<void>;
  (fn: Body, opts?: TestOptions): Promise<void>;
  (opts: TestOptions, fn: Body): Promise<void>;
  (name: string, opts?: TestOptions): Promise<void>;
}

function bind(register: Register): BubbleTest {
  return Object.assign(make(register) as BubbleTestFn, {
    skip: make(register, { skip: true }),
    only: make(register, { only: true }),
    todo: make(register, { todo: true }),
  });
}

/**
 * node:test's `test` or `it`, loaded when a test is registered: the CommonJS build bundles this file with
 * all of gort, and loading node:test has effects (a reporter scope; Jest's --detectOpenHandles lists it)
 * that a `require("gort")` must not have.
 */
function nodeTestFn(name: "test" | "it"): Register {
  return (title, options, fn) =>
    (process.getBuiltinModule("node:test") as unknown as Record<typeof name, Register>)[name](
      title,
      options,
      fn,
    );
}

/** Registers a node:test test whose body runs in a bubble; the body gets node:test's TestContext. */
export const test: BubbleTest = bind(nodeTestFn("test"));

/** node:test's `it` (the same test, as node:test has). */
export const it: BubbleTest = bind(nodeTestFn("it"));
