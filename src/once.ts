// Go's sync.Once and Go 1.21's OnceFunc, OnceValue and OnceValues (Go: once.go, oncefunc.go), on a Mutex as
// in Go. Public through sync.ts.

import { badReceiver, checkFunc, funcGate } from "./internal/args.ts";
import { maybePreempt } from "./internal/runtime/proc.ts";
import { Mutex } from "./mutex.ts";

const resolved: Promise<void> = Promise.resolve();

/**
 * Go's sync.Once: runs a function exactly once.
 *
 * `do(f)` calls f if no call of do has called it yet, and resolves when f has returned, or, if f returns
 * a promise, when that promise has settled. Like Go's Once.Do, no call returns before f has finished:
 * concurrent callers park on the Once's Mutex (wait reason "sync.Mutex.Lock") until then. If f throws (or
 * its promise rejects), the error reaches the caller that ran f and the Once still counts as done, as in
 * Go: later calls resolve without calling f. Calling do from inside f deadlocks, as in Go.
 *
 * @example
 * const once = new Once();
 * let loads = 0;
 * const wg = new WaitGroup();
 * for (let i = 0; i < 3; i++) {
 *   wg.go(() =>
 *     once.do(async () => {
 *       await time.sleep(10 * time.Millisecond); // loading a config, say
 *       loads++;
 *     }),
 *   );
 * }
 * await wg.wait(); // every do() returned after the one call of f finished
 * loads; // 1
 */
export class Once {
  private isDone = false;
  private readonly m = new Mutex();

  do(f: () => unknown): Promise<void> {
    if (!(this instanceof Once)) return badReceiver("Once.do", this);
    const bad = funcGate(f, "Once.do");
    if (bad !== null) return bad;
    if (this.isDone) return maybePreempt(undefined) ?? resolved;
    if (this.m.tryLock()) return this.runLocked(f);
    return this.m.lock().then(() => {
      if (this.isDone) {
        this.m.unlock();
        return;
      }
      return this.runLocked(f);
    });
  }

  /** Go: doSlow's body, holding m: call f, then mark done and unlock whatever f did. */
  private runLocked(f: () => unknown): Promise<void> {
    const finish = () => {
      this.isDone = true;
      this.m.unlock();
    };
    let r: unknown;
    try {
      r = f();
    } catch (e) {
      finish();
      return Promise.reject(e);
    }
    if (r === null || typeof r !== "object" || typeof (r as PromiseLike<unknown>).then !== "function") {
      finish();
      return resolved;
    }
    return Promise.resolve(r as PromiseLike<unknown>).then(finish, (e) => {
      finish();
      throw e;
    });
  }

  /** Whether f has run (and finished). */
  get done(): boolean {
    return this.isDone;
  }
}

/**
 * Go 1.21's sync.OnceFunc: a function that calls f only the first time it is called; every call resolves
 * once that first call of f has finished. If f throws, every call rejects with the same error.
 *
 * @example
 * let inits = 0;
 * const init = onceFunc(() => {
 *   inits++;
 * });
 * await init();
 * await init();
 * inits; // 1
 */
export function onceFunc(f: () => unknown): () => Promise<void> {
  checkFunc(f, "onceFunc");
  const g = onceValue(f);
  return () => g().then(() => undefined);
}

/**
 * Go 1.21's sync.OnceValue: a function that calls f only the first time it is called and resolves, then
 * and ever after, with f's result (awaited if a promise). If f throws, every call rejects with that error.
 *
 * @example
 * const config = onceValue(async () => {
 *   await time.sleep(time.Millisecond);
 *   return { port: 8080 };
 * });
 * (await config()).port; // 8080
 * (await config()) === (await config()); // true: computed once
 */
export function onceValue<T>(f: () => T | PromiseLike<T>): () => Promise<Awaited<T>> {
  checkFunc(f, "onceValue");
  const once = new Once();
  let failed = false;
  let err: unknown;
  let value: Awaited<T>;
  const run = async () => {
    try {
      value = await f();
    } catch (e) {
      failed = true;
      err = e;
    }
  };
  return () =>
    once.do(run).then(() => {
      if (failed) throw err;
      return value;
    });
}

/**
 * Go 1.21's sync.OnceValues: a function that calls f only the first time it is called and resolves, then
 * and ever after, with f's two results as a new `[a, b]` pair (Go's `a, b := g()`). f returns the pair, or
 * a promise of it. If f throws, every call rejects with that error, as {@link onceValue}.
 *
 * @throws TypeError if f is not a function; every call rejects with a TypeError if f's result is not an
 *   array.
 * @example
 * let reads = 0;
 * const readConfig = onceValues(async (): Promise<[string, Error | null]> => {
 *   reads++;
 *   return ["port=8080", null];
 * });
 * const [cfg, err] = await readConfig();
 * cfg; // "port=8080"
 * err; // null
 * await readConfig();
 * reads; // 1
 */
export function onceValues<T1, T2>(
  f: () => readonly [T1, T2] | PromiseLike<readonly [T1, T2]>,
): () => Promise<[T1, T2]> {
  if (typeof f !== "function") throw new TypeError("onceValues: f is not a function");
  const g = onceValue(f);
  return () =>
    g().then((r) => {
      if (!Array.isArray(r)) throw new TypeError("onceValues: f did not return a [value, value] pair");
      return [r[0], r[1]];
    });
}
