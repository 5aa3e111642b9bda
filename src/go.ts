// Public: goroutines and runtimes (Go's `go` statement, runtime.GOMAXPROCS, runtime.Gosched).

import { checkFunc } from "./internal/args.ts";
import { type G, waitReasonIO } from "./internal/runtime/g.ts";
import { currentRuntime, GoexitSignal, type GoFunc, getg } from "./internal/runtime/proc.ts";
import { siteFor } from "./internal/runtime/traceback.ts";
import { Runtime, type RuntimeOptions, type RuntimeStats } from "./runtime.ts";

export { GoexitSignal, GoFatalError } from "./internal/runtime/proc.ts";

/**
 * runtime.Goexit: ends the calling goroutine after running its pending `finally` blocks (Go's deferred
 * calls). It throws a GoexitSignal that the runtime catches; a catch-all in the goroutine must rethrow
 * it. Called from the main goroutine, the program continues until the other goroutines have exited, then
 * fails with Go's "no goroutines (main called runtime.Goexit) - deadlock!".
 *
 * @example
 * const done = chan<string>();
 * go(async () => {
 *   try {
 *     goexit(); // ends this goroutine; its finally blocks still run, like Go's deferred calls
 *   } finally {
 *     await done.send("deferred call ran");
 *   }
 * });
 * console.log(await done.recv()); // deferred call ran
 */
export function goexit(): never {
  throw new GoexitSignal();
}
export { Runtime, type RuntimeOptions, type RuntimeStats };

/**
 * Starts `fn(...args)` as a goroutine (Go's `go fn(args)`), in the runtime of the calling goroutine, or the
 * process-wide default runtime outside any goroutine. It runs when the caller next blocks or yields.
 *
 * @example
 * const done = chan<string>();
 * go(async (name: string) => { await done.send(`hello, ${name}`); }, "gopher");
 * console.log(await done.recv()); // hello, gopher
 */
export function go<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
  checkFunc(fn, "go", "fn");
  const gp = getg();
  const rt = gp !== null ? gp.rt : currentRuntime();
  rt.newproc(fn as GoFunc, args, gp, true, rt.spawnSites ? siteFor(fn as GoFunc, go) : null);
}

/**
 * runtime.GOMAXPROCS: sets the number of logical processors of the current runtime and returns the
 * previous setting; n < 1 leaves it unchanged (Go's behaviour), so GOMAXPROCS(0) reads it.
 *
 * @example
 * GOMAXPROCS(0); // 1: n < 1 only reads the setting
 * GOMAXPROCS(4); // 1: the previous setting
 * GOMAXPROCS(0); // 4
 */
export function GOMAXPROCS(n: number): number {
  const rt = currentRuntime();
  const prev = rt.gomaxprocs;
  if (typeof n !== "number" || Number.isNaN(n)) throw new TypeError(`GOMAXPROCS: not a number: ${String(n)}`);
  if (n >= 1) rt.procresize(Math.min(Math.floor(n), 1024));
  return prev;
}

/**
 * runtime.NumGoroutine: the goroutines that exist now in the runtime of the calling goroutine (the
 * default runtime outside goroutines), the caller included.
 *
 * @example
 * import { numGoroutine } from "gort";
 * const block = chan<void>();
 * go(() => block.recv());
 * go(() => block.recv());
 * numGoroutine(); // 3
 * block.close();
 */
export function numGoroutine(): number {
  const gp = getg();
  return (gp !== null ? gp.rt : currentRuntime()).allgs.size;
}

/**
 * runtime.Gosched: yields the processor, letting other goroutines run.
 *
 * @example
 * const order: string[] = [];
 * go(() => {
 *   order.push("goroutine");
 * });
 * order.push("main");
 * await gosched(); // the new goroutine runs now
 * console.log(order.join(", ")); // main, goroutine
 */
export function gosched(): Promise<void> {
  const gp = getg();
  if (gp === null) {
    const rt = currentRuntime();
    return rt.gosched(rt.externalG()) as Promise<void>;
  }
  return gp.rt.gosched(gp) as Promise<void>;
}

/**
 * Awaits a promise gort does not own (a file read, `fetch`) the way Go's goroutines make a system call:
 * the goroutine's processor serves other goroutines meanwhile, virtual time stands still until it settles,
 * and the goroutine resumes exactly as itself. Plain `await` works too; `io` makes the accounting exact
 * when several goroutines await foreign promises at once.
 *
 * @example
 * import { stat } from "node:fs/promises";
 * const st = await io(stat(process.execPath)); // real I/O: the runtime's clock stands still meanwhile
 * st.isFile(); // true
 */
export function io<T>(p: PromiseLike<T>): Promise<T> {
  const gp: G | null = getg();
  if (gp === null || gp.external) return Promise.resolve(p);
  // As a promise (p itself if it is one): a thenable whose `then` throws rejects, as `await` would have it.
  return gp.rt.parkIO(gp, Promise.resolve(p), waitReasonIO) as Promise<T>;
}
