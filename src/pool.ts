// Public: Go's sync.Pool (go1.23 src/sync/pool.go); re-exported by sync.ts. It never blocks.
//
// Layout, as Go's: one local pool per P (the P of the goroutine calling get or put; P0 for code outside
// goroutines), each a private slot and a shared list. put fills the private slot if it is empty, else
// pushes on the shared list's head; get takes the private value, else the shared head (the last value put
// there), else steals the tail (the oldest) of another P's shared list, from the next P on, else calls
// `new`. So one goroutine's put a, b, c then get, get, get gives a, c, b, as Go's does at GOMAXPROCS=1
// (oracle program `sync_pool_order`). The local pools are made for GOMAXPROCS at the first get or put;
// a P beyond them (GOMAXPROCS grew) makes new ones and drops what the old ones held, as Go's pinSlow does.
//
// Difference from Go, deliberate: Pool holds what put gives it until get takes it back, up to `max` items
// (default 1024; put drops the rest): JavaScript has no hook into the collector, so unlike Go's nothing is
// freed at a GC (Go's victim cache, which only a GC fills, is not needed).
//
// Invariants (checked by verify() when VERIFY is on):
//   o1. count is the number of values held, over every local pool (private slots and shared lists), and
//       is at most max.
//   o2. no local pool holds null or undefined.

import { checkOptions } from "./internal/args.ts";
import { fatal, VERIFY } from "./internal/debug.ts";
import { getg } from "./internal/runtime/getg.ts";

/** Options of a {@link Pool}. */
export interface PoolOptions<T> {
  /** Makes a value for get when the pool is empty (Go: the New field); without it get returns undefined. */
  new?: (() => T) | undefined;
  /** The most values the pool keeps (default 1024); put drops a value beyond it. */
  max?: number | undefined;
}

/** One P's part of a Pool (Go: poolLocal). */
interface Local<T> {
  /** Used by its own P only (Go: private); undefined when empty. */
  private: T | undefined;
  /** Go's poolChain: its own P pushes and pops at the end (the head), other Ps steal at index 0 (the tail). */
  readonly shared: T[];
}

/**
 * Go's sync.Pool: a free list of values to reuse. get returns a value put earlier, or calls `new`
 * (undefined without it); put gives one back. Which value get returns is Go's: each P keeps a private
 * value and a shared list, so after put(a), put(b), put(c) in one goroutine, get returns a, then c, then
 * b (Go's order at GOMAXPROCS=1; with more Ps a goroutine may also get values another P put). Unlike Go's,
 * nothing is dropped at a garbage collection (JavaScript gives no hook into it): the pool keeps up to
 * `max` values (default 1024) and put drops any beyond, as Go's Pool may drop any value at any time.
 * put(null) and put(undefined) store nothing, as Go's Put(nil).
 *
 * @throws TypeError if `new` is not a function; RangeError if `max` is not a non-negative integer or
 *   Infinity.
 * @example
 * const bufs = new Pool({ new: () => new Uint8Array(4096) });
 * const b = bufs.get()!; // a new buffer: the pool is empty
 * bufs.put(b);
 * bufs.get() === b; // true
 */
export class Pool<T> {
  /** One local pool per P, made at the first get or put (Go: local, localSize). */
  #locals: Local<T>[] = [];
  /** Values held in all local pools (o1). */
  #count = 0;
  readonly #new: (() => T) | undefined;
  readonly #max: number;

  constructor(options: PoolOptions<T> = {}) {
    checkOptions(options, "Pool", {}); // an object (null: the defaults); its options below
    const { new: make, max = 1024 } = options ?? {};
    if (make !== undefined && typeof make !== "function")
      throw new TypeError("Pool: options.new is not a function");
    if (!(Number.isSafeInteger(max) && max >= 0) && max !== Number.POSITIVE_INFINITY)
      throw new RangeError(`Pool: options.max must be a non-negative integer or Infinity, got ${max}`);
    this.#new = make;
    this.#max = max;
  }

  /**
   * The calling goroutine's P and its local pool (Go: pin). A P beyond the local pools (the first call,
   * or GOMAXPROCS grew) makes one per P, dropping what the old ones held (Go: pinSlow).
   */
  #pin(): number {
    const gp = getg();
    const pp = gp === null ? null : gp.rt.curP;
    const pid = pp === null ? 0 : pp.id;
    if (pid >= this.#locals.length) {
      const n = Math.max(pid + 1, pp === null ? 1 : pp.rt.allp.length);
      this.#locals = Array.from({ length: n }, () => ({ private: undefined, shared: [] }));
      this.#count = 0;
    }
    return pid;
  }

  /**
   * A value from the pool, else new's result, else undefined (Go: Get): this P's private value, else the
   * last value on its shared list, else the oldest on another P's (from the next P on).
   */
  get(): T | undefined {
    const pid = this.#pin();
    const locals = this.#locals;
    const l = locals[pid];
    let x = l.private;
    l.private = undefined;
    if (x === undefined) x = l.shared.pop();
    for (let i = 0; x === undefined && i < locals.length; i++)
      x = locals[(pid + i + 1) % locals.length].shared.shift();
    if (x !== undefined) {
      this.#count--;
      if (VERIFY) this.verify();
      return x;
    }
    return this.#new?.();
  }

  /**
   * Gives x back for reuse (Go: Put): into this P's private slot if empty, else onto its shared list. null
   * and undefined are not stored, nor x once the pool holds max values.
   */
  put(x: T): void {
    if (x === null || x === undefined || this.#count >= this.#max) return;
    const pid = this.#pin(); // first: it may make the local pools
    const l = this.#locals[pid];
    if (l.private === undefined) l.private = x;
    else l.shared.push(x);
    this.#count++;
    if (VERIFY) this.verify();
  }

  /** Checks o1 and o2. */
  verify(): void {
    let n = 0;
    for (const l of this.#locals) {
      if (l.private !== undefined) n++;
      for (const v of l.shared) {
        if (v === null || v === undefined) fatal("Pool: o2: null or undefined held");
        n++;
      }
    }
    if (n !== this.#count || n > this.#max) fatal(`Pool: o1: ${n} values held, count ${this.#count}`);
  }
}
