// The types of test.each in gort/testing/vitest and gort/testing/jest, checked by `npm run typecheck`
// (tsconfig.json includes test/) and never run: importing either module outside its runner registers
// nothing useful (@jest/globals throws outside Jest), so the calls sit in functions no one calls. Each
// table must give the body the arguments the runner's own test.each gives it; each `@ts-expect-error` line
// must be an error, or the type check fails.
import type { BubbleTest as JestTest } from "../../src/testing/jest.ts";
import type { BubbleTest as VitestTest } from "../../src/testing/vitest.ts";

/** Equal<A, B> is true only when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function same<A, B>(..._: Equal<A, B> extends true ? [] : [never]): void {}

// gort/testing/jest's test.each has the very type of gort/testing/vitest's, checked below.
same<JestTest["each"], VitestTest["each"]>();

export function eachTypes(test: VitestTest): void {
  // An array row: a tuple, its elements the body's arguments (Vitest's and Jest's own: (n: number, s: string)).
  test.each([
    [1, "a"],
    [2, "b"],
  ])("row %i %s", (n, s) => {
    same<typeof n, number>();
    same<typeof s, string>();
  });
  test.each([[1, "a", true, { k: 1n }]])("row", (...args) => {
    same<typeof args, [number, string, boolean, { k: bigint }]>();
  });
  // Rows of different lengths: a union of tuples, as the runners have it.
  test.each([[1], [2, "b"]])("ragged", (...args) => {
    same<typeof args, [number] | [number, string]>();
  });
  // An object row: the body's one argument, destructured.
  test.each([
    { a: 1, b: "x" },
    { a: 2, b: "y" },
  ])("obj $a", ({ a, b }) => {
    same<typeof a, number>();
    same<typeof b, string>();
  });
  // A primitive row: the body's one argument.
  test.each([1, 2, 3])("n %i", (n) => {
    same<typeof n, number>();
  });
  // A table typed elsewhere keeps its type; `as const` keeps its literals.
  const typed: [number, string][] = [[1, "a"]];
  test.each(typed)("typed", (n, s) => {
    same<typeof n, number>();
    same<typeof s, string>();
  });
  test.each([[1, "a"]] as const)("const", (n, s) => {
    same<typeof n, 1>();
    same<typeof s, "a">();
  });
  // A table widened before the call: the runners' own test.each gives (string | number)[] there too.
  const widened = [[1, "a"]];
  test.each(widened)("widened", (...args) => {
    same<typeof args, (string | number)[]>();
  });
  // Options after the body, as the other forms take them.
  test.each([[1, "a"]])("opts", async (n) => void n, { timeout: 1000 });

  // @ts-expect-error: the row's first element is a number
  test.each([[1, "a"]])("wrong", (n: string) => void n);
  // @ts-expect-error: the row has two elements, not three
  test.each([[1, "a"]])("too many", (_n: number, _s: string, _x: boolean) => {});
}
