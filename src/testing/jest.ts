// Public: gort/testing/jest — a Jest test whose body runs in a synctest bubble, one line per test.
//
//   import { test } from "gort/testing/jest";
//   test("retries with backoff", async () => { … }); // setTimeout, Date, gort's time: all virtual
//   test.each([[1], [2]])("case %i", async (n) => { … });
//   test.concurrent("runs alongside its neighbours", async () => { … }); // each in a bubble of its own
//
// The runner-agnostic core is gort/synctest; this file only binds it to Jest (through @jest/globals, so
// it works with injectGlobals: false too). Jest's default CommonJS mode require()s the package's CommonJS
// build (dist/cjs, the "require" condition); its ESM mode (NODE_OPTIONS=--experimental-vm-modules) imports
// the ES modules.

import { test as jestTest } from "@jest/globals";
import { type BubbleOptions, bubble } from "../synctest.ts";

/** Jest's per-test timeout (real ms) plus the bubble's options. */
export type TestOptions = BubbleOptions & { timeout?: number };

type Body = () => unknown;
type Register = (name: string, fn: () => Promise<void>, timeout?: number) => unknown;

/** The options of a registration: an options object, or Jest's timeout in ms as a number. */
function optionsOf(o: TestOptions | number | undefined): TestOptions | undefined {
  return typeof o === "number" ? { timeout: o } : o;
}

function make(register: Register) {
  return (name: string, fn: Body, opts?: TestOptions | number): void => {
    // Jest's third argument is its timeout in ms; an object adds the bubble's options. Options that are
    // not an object (null: the defaults) go to bubble as they are, for its TypeError.
    const o = optionsOf(opts);
    const { timeout, ...bubbleOpts } = o ?? {};
    const body = bubble(fn, typeof o === "object" ? bubbleOpts : o);
    // A body with no parameters: Jest takes one with a parameter for a done-callback test.
    register(name, () => body(), timeout);
  };
}

/**
 * A row of test.each's table: an array (spread into the body's arguments) or any other value (the body's
 * one argument). The tuple in the union makes TypeScript infer an array literal row as a tuple, as
 * Jest's own test.each does: `[[1, "a"]]` gives the body `(n: number, s: string)`, not
 * `(...args: (string | number)[])`.
 */
type EachRow = readonly [unknown] | readonly unknown[] | NonNullable<unknown> | null | undefined;

/** The body's arguments for a row: the row's elements when it is an array, else the row itself. */
type EachArgs<Row> = Row extends readonly unknown[] ? [...Row] : [Row];

/** The table forms of test.each: one row per test, spread into the body's arguments when it is an array. */
type Each = <Row extends EachRow>(table: readonly Row[]) => EachTest<Row>;

/** One table's registration: the body first (then a timeout or options), or options first. */
interface EachTest<Row> {
  (name: string, fn: (...args: EachArgs<Row>) => unknown, opts?: TestOptions | number): void;
  (name: string, opts: TestOptions, fn: (...args: EachArgs<Row>) => unknown): void;
}

function makeEach(each: typeof jestTest.each): Each {
  return (table) => (name: string, a: unknown, b?: unknown) => {
    // (name, fn, timeout or options), or options first.
    const [fn, opts] = (typeof a === "function" ? [a, b] : [b, a]) as [
      (...args: unknown[]) => unknown,
      TestOptions | number | undefined,
    ];
    const o = optionsOf(opts);
    const { timeout, ...bubbleOpts } = o ?? {};
    const body = bubble(
      (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args),
      typeof o === "object" ? bubbleOpts : o,
    );
    // (...args) has length 0, so Jest never mistakes it for a done-callback test.
    (each(table as unknown[]) as (n: string, f: (...a: unknown[]) => unknown, t?: number) => void)(
      name,
      (...args: unknown[]) => body(...args),
      timeout,
    );
  };
}

/** A Jest test (`test`, `.skip`, `.only`, `.todo`, `.each`, `.concurrent`) whose body runs in a bubble. */
export interface BubbleTest {
  (name: string, fn: Body, opts?: TestOptions | number): void;
  /** Registered but not run. */
  skip(name: string, fn: Body, opts?: TestOptions | number): void;
  /** Runs only this test (and other .only tests) in the file. */
  only(name: string, fn: Body, opts?: TestOptions | number): void;
  /** A placeholder: listed as todo, no body. */
  todo(name: string): void;
  /** One test per row of the table; `%s`/`%i`/`$name` in the name as Jest formats them. */
  each: Each;
  /**
   * Runs alongside the file's other concurrent tests (Jest's test.concurrent, up to its maxConcurrency;
   * `.skip`, `.only`, `.each`), each in a bubble of its own: every bubble keeps its own clock, so the virtual
   * times each test sees do not depend on the others.
   */
  concurrent: ConcurrentTest;
}

/** test.concurrent and its forms, each test's body in a bubble of its own. */
export interface ConcurrentTest {
  (name: string, fn: Body, opts?: TestOptions | number): void;
  /** Registered but not run. */
  skip(name: string, fn: Body, opts?: TestOptions | number): void;
  /** Runs only this test (and other .only tests) in the file. */
  only(name: string, fn: Body, opts?: TestOptions | number): void;
  /** One concurrent test per row of the table. */
  each: Each;
}

/** Registers a Jest test whose body runs in a bubble. */
export const test: BubbleTest = Object.assign(make(jestTest as Register), {
  skip: make(jestTest.skip as Register),
  only: make(jestTest.only as Register),
  todo: (name: string) => {
    jestTest.todo(name);
  },
  each: makeEach(jestTest.each.bind(jestTest)),
  concurrent: Object.assign(make(jestTest.concurrent as Register), {
    skip: make(jestTest.concurrent.skip as Register),
    only: make(jestTest.concurrent.only as Register),
    each: makeEach(jestTest.concurrent.each.bind(jestTest.concurrent) as typeof jestTest.each),
  }),
});

/** Alias of test, as Jest has. */
export const it: BubbleTest = test;
