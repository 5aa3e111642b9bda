// Public: Go's sync.Pool (go1.23 src/sync/pool.go); re-exported by sync.ts. It never blocks.
//
// Difference from Go, deliberate: Pool holds what put gives it until get takes it back, up to `max` items
// (default 1024; put drops the rest): JavaScript has no hook into the collector, so unlike Go's nothing is
// freed at a GC.

/** Options of a {@link Pool}. */
export interface PoolOptions<T> {
  /** Makes a value for get when the pool is empty (Go: the New field); without it get returns undefined. */
  new?: (() => T) | undefined;
  /** The most values the pool keeps (default 1024); put drops a value beyond it. */
  max?: number | undefined;
}

/**
 * Go's sync.Pool: a free list of values to reuse. get returns a value put earlier (the last one put), or
 * calls `new` (undefined without it); put gives one back. Unlike Go's, nothing is dropped at a garbage
 * collection (JavaScript gives no hook into it): the pool keeps up to `max` values (default 1024) and put
 * drops any beyond, as Go's Pool may drop any value at any time. put(null) and put(undefined) store
 * nothing, as Go's Put(nil).
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
  readonly #free: T[] = [];
  readonly #new: (() => T) | undefined;
  readonly #max: number;

  constructor(options: PoolOptions<T> = {}) {
    const { new: make, max = 1024 } = options;
    if (make !== undefined && typeof make !== "function")
      throw new TypeError("Pool: options.new is not a function");
    if (!(Number.isSafeInteger(max) && max >= 0) && max !== Number.POSITIVE_INFINITY)
      throw new RangeError(`Pool: options.max must be a non-negative integer or Infinity, got ${max}`);
    this.#new = make;
    this.#max = max;
  }

  /** A value from the pool, else new's result, else undefined (Go: Get). */
  get(): T | undefined {
    const free = this.#free;
    if (free.length > 0) return free.pop();
    return this.#new?.();
  }

  /** Gives x back for reuse (Go: Put); null and undefined are not stored, nor x once the pool is full. */
  put(x: T): void {
    if (x === null || x === undefined || this.#free.length >= this.#max) return;
    this.#free.push(x);
  }
}
