// Public: gort/testing/vitest — a Vitest test whose body runs in a synctest bubble, one line per test.
//
//   import { test } from "gort/testing/vitest";
//   test("retries with backoff", async () => { … }); // setTimeout, Date, gort's time: all virtual
//   test.each([[1], [2]])("case %i", async (n) => { … });
//   test.concurrent("runs alongside its neighbours", async () => { … }); // each in a bubble of its own
//   test.concurrent.each([[1], [2]])("case %i", async (n) => { … });
//
// The runner-agnostic core is gort/synctest; this file only binds it to Vitest, importing `test` from
// "vitest" itself, so it works with Vitest's default `globals: false`.

import { type TestContext, test as vitestTest } from "vitest";
import { type BubbleOptions, bubble } from "../synctest.ts";

/** Vitest's per-test timeout (real ms) plus the bubble's options. */
export type TestOptions = BubbleOptions & { timeout?: number };

type Body = (ctx: TestContext) => unknown;
type Register = (name: string, fn: (ctx: TestContext) => Promise<void>, timeout?: number) => unknown;

/** The options of a registration: an options object, or Vitest's timeout in ms as a number. */
function optionsOf(o: TestOptions | number | undefined): TestOptions | undefined {
  return typeof o === "number" ? { timeout: o } : o;
}

function make(register: Register) {
  // Vitest's forms: (name, fn, timeout or options) and (name, options, fn).
  return (name: string, a?: Body | TestOptions, b?: Body | TestOptions | number): void => {
    const [fn, o] = typeof a === "function" ? [a, b] : [b, a];
    if (fn === undefined && (o === undefined || typeof o === "object")) {
      // No body: Vitest lists the test as todo.
      (register as (n: string, o?: unknown) => unknown)(name, o);
      return;
    }
    if (typeof fn !== "function")
      throw new TypeError(`gort/testing/vitest: test "${name}" has no body function`);
    const opts = optionsOf(o as TestOptions | number | undefined);
    const { timeout, ...bubbleOpts } = opts ?? {};
    // Options that are not an object (null: the defaults) go to bubble as they are, for its TypeError.
    const body = bubble(fn, typeof opts === "object" ? bubbleOpts : opts);
    register(name, (ctx) => body(ctx), timeout);
  };
}

/**
 * A row of test.each's table: an array (spread into the body's arguments) or any other value (the body's
 * one argument). The tuple in the union makes TypeScript infer an array literal row as a tuple, as
 * Vitest's own test.each does: `[[1, "a"]]` gives the body `(n: number, s: string)`, not
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

function makeEach(each: typeof vitestTest.each): Each {
  return (table) => (name: string, a: unknown, b?: unknown) => {
    // (name, fn, timeout or options), and Vitest's (name, options, fn) too.
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
    (each(table as unknown[]) as (n: string, f: (...a: unknown[]) => unknown, t?: number) => void)(
      name,
      (...args: unknown[]) => body(...args),
      timeout,
    );
  };
}

/** One registration, in Vitest's two forms: the body first (then a timeout or options), or options first. */
export interface Registration {
  (name: string, fn: Body, opts?: TestOptions | number): void;
  (name: string, opts: TestOptions, fn: Body): void;
  /** Without a body, as Vitest allows: listed as todo. */
  (name: string, opts?: TestOptions): void;
}

/** A Vitest test (`test`, `.skip`, `.only`, `.todo`, `.each`, `.concurrent`) whose body runs in a bubble. */
export interface BubbleTest {
  (name: string, fn: Body, opts?: TestOptions | number): void;
  /** Vitest's order: options before the body. */
  (name: string, opts: TestOptions, fn: Body): void;
  /** Without a body, as Vitest allows: listed as todo. */
  (name: string, opts?: TestOptions): void;
  /** Registered but not run. */
  skip: Registration;
  /** Runs only this test (and other .only tests) in the file. */
  only: Registration;
  /** A placeholder: listed as todo, no body. */
  todo(name: string): void;
  /** One test per row of the table; `%s`/`%i`/`$name` in the name as Vitest formats them. */
  each: Each;
  /**
   * Runs alongside the file's other concurrent tests (Vitest's test.concurrent; `.skip`, `.only`, `.each`),
   * each in a bubble of its own: every bubble keeps its own clock, so the virtual times each test sees do
   * not depend on the others.
   */
  concurrent: ConcurrentTest;
}

/** test.concurrent and its forms, each test's body in a bubble of its own. */
export interface ConcurrentTest {
  (name: string, fn: Body, opts?: TestOptions | number): void;
  (name: string, opts: TestOptions, fn: Body): void;
  /** Registered but not run. */
  skip: Registration;
  /** Runs only this test (and other .only tests) in the file. */
  only: Registration;
  /** One concurrent test per row of the table. */
  each: Each;
}

/** Registers a Vitest test whose body runs in a bubble; the body gets Vitest's test context. */
export const test: BubbleTest = Object.assign(make(vitestTest as Register), {
  skip: make(vitestTest.skip as Register),
  only: make(vitestTest.only as Register),
  todo: (name: string) => {
    vitestTest.todo(name);
  },
  each: makeEach(vitestTest.each.bind(vitestTest)),
  concurrent: Object.assign(make(vitestTest.concurrent as Register), {
    skip: make(vitestTest.concurrent.skip as Register),
    only: make(vitestTest.concurrent.only as Register),
    each: makeEach(vitestTest.concurrent.each.bind(vitestTest.concurrent) as typeof vitestTest.each),
  }),
});

/** Alias of test, as Vitest has. */
export const it: BubbleTest = test;
