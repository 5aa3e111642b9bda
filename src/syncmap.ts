// Public: Go's sync.Map (go1.23 src/sync/map.go), named SyncMap so that it does not shadow the global Map;
// re-exported by sync.ts. It never blocks or yields: on gort's one thread a plain Map is just as safe
// between goroutines, so SyncMap is for code ported from Go.
//
// Differences from Go, all deliberate: keys are a JavaScript Map's (SameValueZero: a NaN key is found
// again, Go's never is); compareAndSwap and compareAndDelete compare values with === (Go's ==: NaN never
// equal, 0 equals -0; no panic for incomparable values, objects compare by identity); range visits keys
// in insertion order (Go: any).

/**
 * Go's sync.Map, named SyncMap so that it does not shadow the global Map. Go's methods with Go's results;
 * Go's `(value, ok)` pairs are objects named after Go's results and discriminated by the boolean, as a
 * channel's `recvOk`: `const { value, ok } = m.load(k)`. No method blocks or yields: on gort's one thread
 * a plain Map is just as safe between goroutines, SyncMap is for code ported from Go.
 *
 * Keys are compared as a JavaScript Map's (SameValueZero); values in compareAndSwap and compareAndDelete
 * with === (Go's ==, without its panic for incomparable values: objects compare by identity).
 *
 * @example
 * const m = new SyncMap<string, number>();
 * m.store("a", 1);
 * m.load("a"); // { value: 1, ok: true }
 * m.load("b"); // { value: undefined, ok: false }
 * m.loadOrStore("a", 2); // { actual: 1, loaded: true }
 * m.compareAndSwap("a", 1, 3); // true
 * m.swap("a", 4); // { previous: 3, loaded: true }
 * const keys: string[] = [];
 * m.range((k) => {
 *   keys.push(k);
 *   return true; // false stops the range
 * });
 * keys; // ["a"]
 */
export class SyncMap<K, V> {
  readonly #m = new Map<K, V>();

  /** The value stored for key (Go: Load): `{ value, ok: true }`, or `{ value: undefined, ok: false }`. */
  load(key: K): { value: V; ok: true } | { value: undefined; ok: false } {
    const m = this.#m;
    return m.has(key) ? { value: m.get(key) as V, ok: true } : { value: undefined, ok: false };
  }

  /** Sets the value for key (Go: Store). */
  store(key: K, value: V): void {
    this.#m.set(key, value);
  }

  /**
   * The existing value for key if there is one (loaded true), else stores value and returns it (loaded
   * false) (Go: LoadOrStore).
   */
  loadOrStore(key: K, value: V): { actual: V; loaded: boolean } {
    const m = this.#m;
    if (m.has(key)) return { actual: m.get(key) as V, loaded: true };
    m.set(key, value);
    return { actual: value, loaded: false };
  }

  /** Deletes key, returning its previous value if it had one (Go: LoadAndDelete). */
  loadAndDelete(key: K): { value: V; loaded: true } | { value: undefined; loaded: false } {
    const m = this.#m;
    if (!m.has(key)) return { value: undefined, loaded: false };
    const value = m.get(key) as V;
    m.delete(key);
    return { value, loaded: true };
  }

  /** Deletes the value for key (Go: Delete). */
  delete(key: K): void {
    this.#m.delete(key);
  }

  /** Stores value for key and returns the previous value if there was one (Go: Swap). */
  swap(key: K, value: V): { previous: V; loaded: true } | { previous: undefined; loaded: false } {
    const m = this.#m;
    const loaded = m.has(key);
    const previous = m.get(key);
    m.set(key, value);
    return loaded ? { previous: previous as V, loaded } : { previous: undefined, loaded };
  }

  /** Stores new_ for key if key holds a value === old (Go: CompareAndSwap); false for a missing key. */
  compareAndSwap(key: K, old: V, new_: V): boolean {
    const m = this.#m;
    if (!m.has(key) || m.get(key) !== old) return false;
    m.set(key, new_);
    return true;
  }

  /** Deletes key if it holds a value === old (Go: CompareAndDelete); false for a missing key. */
  compareAndDelete(key: K, old: V): boolean {
    const m = this.#m;
    if (!m.has(key) || m.get(key) !== old) return false;
    m.delete(key);
    return true;
  }

  /**
   * Calls f for each key and value, in insertion order, until f returns false (Go: Range). As Go 1.23's,
   * with f changing the map: no key is visited twice, keys stored during the range are not visited, a key
   * deleted before its turn is not visited, and a key stored again before its turn is visited with its
   * new value.
   */
  range(f: (key: K, value: V) => boolean): void {
    if (typeof f !== "function") throw new TypeError("SyncMap.range: f is not a function");
    const m = this.#m;
    for (const key of [...m.keys()]) {
      if (!m.has(key)) continue;
      if (f(key, m.get(key) as V) === false) return;
    }
  }

  /** Deletes every entry (Go 1.23: Clear). */
  clear(): void {
    this.#m.clear();
  }
}
