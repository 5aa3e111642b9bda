// Port of go1.23 src/runtime/time.go: type timers, the per-P timer heap (docs/design/timers.md §5, §6,
// §11).
//
// Each P (and each synctest bubble) owns one `Timers`: a 4-ary min-heap of entries {when, timer} keyed by
// a cached copy of the timer's `when`. The entries are kept in two parallel arrays, `heapW` (keys, unboxed
// doubles) and `heapT` (timers), so an entry costs 16 bytes and no object of its own.
//
//                       heap[0]                       parent(i) = ⌊(i−1)/4⌋
//          ┌──────────┬───┴─────┬──────────┐          children(i) = 4i+1 … 4i+4
//       heap[1]    heap[2]   heap[3]    heap[4]
//      ┌──┬┴─┬──┐
//     5  6  7  8 …
//
// Lazy maintenance, as in Go: stopping a timer only marks its entry a zombie; moving it only marks it
// modified and lowers `minWhenModified`. The heap is repaired by the heap's owner: `cleanHead` (before an
// insert), `adjust` (once a modified timer could be due, or when zombies pass a quarter of the heap) and
// `run` (at the head). The sift rules are Go's exactly, so timers with equal `when` fire in Go's order,
// which is not FIFO.
//
// Invariants (checked by verify):
//   G1. Heap order: heapW[parent(i)] <= heapW[i] for i > 0; every key > 0.
//   G2. Counters: heapT.length === heapW.length; zombies === number of entries with Z; every entry's
//       timer has H set and ts === this; no timer appears twice.
//   G3. Wake time is never late: wakeTime() !== 0 whenever a non-zombie entry exists, and
//       wakeTime() <= when of every non-zombie entry. (It may be early: zombies, stale minWhenModified.)
//   G7. minWhenHeap === heapW[0] (0 when empty); an empty heap has minWhenModified === 0.
// Rejected alternative: an array of {timer, when} objects — one allocation per entry and boxed keys.

import { anyFault, assertNoLocks, badTimer, faults, VERIFY } from "../debug.ts";
import type { Nanos } from "./nanotime.ts";
import { type Timer, timerHeaped, timerModified, timerZombie } from "./timer.ts";

const timerHeapN = 4;

/** The result of check(), reused to keep the scheduler's hot path allocation-free. */
export interface CheckResult {
  /** The time used (read lazily: it stays the caller's value, possibly 0, if no timer could be due). */
  now: Nanos;
  /**
   * When to check this heap again, 0 if it is empty: wakeTime() if nothing could be due, else the head's
   * key after running. It may be later than a timer moved earlier whose minWhenModified is still in the
   * future (Go does the same); idle sleeps use timeSleepUntil, which reads wakeTime().
   */
  pollUntil: Nanos;
  /** Whether any timer ran. */
  ran: boolean;
  /** How many timers ran (fired). */
  fired: number;
}

export class Timers {
  /** Timers of the heap entries. */
  heapT: Timer[] = [];
  /** Cached keys of the heap entries (Go: timerWhen.when). */
  heapW: Nanos[] = [];
  /** Number of entries whose timer has Z set. */
  zombies = 0;
  /** heapW[0], or 0 if the heap is empty. */
  minWhenHeap: Nanos = 0;
  /**
   * Lower bound of `when` over modified entries; 0 if none. modify only lowers it (or sets it from 0);
   * adjust resets it to 0 (and then applies every modification), and so does every path that empties the
   * heap: deleteMin, cleanHead dropping the last entry, take on its source.
   */
  minWhenModified: Nanos = 0;
  /**
   * The heap's length when Go's `ts.unlock` last ran (Go: ts.len, stored only at unlock): check() holds the
   * heap locked across its run loop, which drops zombies from the head without unlocking, so the zombie
   * test after that loop compares against this length, not the current one. Set at check's entry and by
   * unlockAndRun, the only place the lock is released inside the loop; nothing else reads it.
   */
  lenAtUnlock = 0;
  /** Heap entries adjust has scanned so far: the O(n) work a test bounds (TestLongAdjustTimers). */
  adjustScanned = 0;
  /** The P or bubble that owns this heap (opaque to the engine). */
  owner: unknown;

  constructor(owner?: unknown) {
    this.owner = owner;
  }

  /** Number of entries, zombies included (Go: ts.len). */
  get len(): number {
    return this.heapT.length;
  }

  /** Go: (*timers).wakeTime. The earlier non-zero of minWhenModified and minWhenHeap; 0 if none. */
  wakeTime(): Nanos {
    const nextWhen = this.minWhenModified;
    const when = this.minWhenHeap;
    if (when === 0 || (nextWhen !== 0 && nextWhen < when)) return nextWhen;
    return when;
  }

  /** Go: (*timers).updateMinWhenHeap. */
  updateMinWhenHeap(): void {
    this.minWhenHeap = this.heapT.length === 0 ? 0 : this.heapW[0];
  }

  /** Go: (*timers).updateMinWhenModified. Only ever lowers the bound (or sets it from 0). */
  updateMinWhenModified(when: Nanos): void {
    const old = this.minWhenModified;
    if (old === 0 || when < old) this.minWhenModified = when;
  }

  /** Go: (*timers).addHeap. Appends t keyed by t.when and sifts it up. */
  addHeap(t: Timer): void {
    if (t.ts !== null) badTimer("ts set in timer");
    t.ts = this;
    this.heapT.push(t);
    this.heapW.push(t.when);
    this.siftUp(this.heapT.length - 1);
    if (this.heapT[0] === t) this.updateMinWhenHeap();
  }

  /** Go: (*timers).deleteMin. Removes heap[0]; the caller has already cleared its state bits. */
  deleteMin(): void {
    const heapT = this.heapT;
    const heapW = this.heapW;
    const t = heapT[0];
    if (t.ts !== this) badTimer("wrong timers");
    t.ts = null;
    const last = heapT.length - 1;
    if (last > 0) {
      heapT[0] = heapT[last];
      heapW[0] = heapW[last];
    }
    heapT.pop();
    heapW.pop();
    if (last > 0) this.siftDown(0);
    this.updateMinWhenHeap();
    if (last === 0) this.minWhenModified = 0;
  }

  /** Go: (*timers).siftUp. Moves entry i up while its key is strictly less than its parent's. */
  siftUp(i: number): void {
    const heapT = this.heapT;
    const heapW = this.heapW;
    if (i >= heapT.length) badTimer("siftUp: index out of range");
    const t = heapT[i];
    const when = heapW[i];
    if (!(when > 0)) badTimer("siftUp: when <= 0");
    while (i > 0) {
      const p = ((i - 1) / timerHeapN) | 0;
      if (when >= heapW[p]) break;
      heapT[i] = heapT[p];
      heapW[i] = heapW[p];
      i = p;
    }
    heapT[i] = t;
    heapW[i] = when;
  }

  /**
   * Go: (*timers).siftDown. Moves entry i down: at each level the smallest child strictly less than the
   * entry's key (leftmost on ties) moves up.
   */
  siftDown(i: number): void {
    const heapT = this.heapT;
    const heapW = this.heapW;
    const n = heapT.length;
    if (i >= n) badTimer("siftDown: index out of range");
    if (i * timerHeapN + 1 >= n) return;
    const t = heapT[i];
    const when = heapW[i];
    if (!(when > 0)) badTimer("siftDown: when <= 0");
    for (;;) {
      const left = i * timerHeapN + 1;
      if (left >= n) break;
      let w = when;
      let c = -1;
      const end = Math.min(left + timerHeapN, n);
      for (let j = left; j < end; j++) {
        if (heapW[j] < w) {
          w = heapW[j];
          c = j;
        }
      }
      if (c < 0) break;
      heapT[i] = heapT[c];
      heapW[i] = heapW[c];
      i = c;
    }
    heapT[i] = t;
    heapW[i] = when;
  }

  /** Go: (*timers).initHeap. O(n) heapify. */
  initHeap(): void {
    const n = this.heapT.length;
    if (n <= 1) return;
    for (let i = ((n - 2) / timerHeapN) | 0; i >= 0; i--) this.siftDown(i);
  }

  /**
   * Go: (*timers).cleanHead. Drops zombies at the tail (no sift needed) and repairs the head until it is a
   * live, unmodified timer. Called before every insert.
   */
  cleanHead(): void {
    const heapT = this.heapT;
    const heapW = this.heapW;
    for (;;) {
      const n = heapT.length;
      if (n === 0) return;
      const tail = heapT[n - 1];
      if ((tail.state & timerZombie) !== 0) {
        tail.state &= ~(timerHeaped | timerZombie | timerModified);
        tail.ts = null;
        this.zombies--;
        heapT.pop();
        heapW.pop();
        if (n === 1) {
          // Emptied: keep G7 exact (Go leaves minWhenHeap stale here, which only makes wakeTime early).
          this.minWhenHeap = 0;
          this.minWhenModified = 0;
        }
        continue;
      }
      const t = heapT[0];
      if (t.ts !== this) badTimer("bad ts");
      if ((t.state & (timerModified | timerZombie)) === 0) return;
      t.lock();
      const updated = t.updateHeap();
      t.unlock();
      if (!updated) return;
    }
  }

  /**
   * Go: (*timers).adjust. Applies every pending modification and drops every zombie, then re-heapifies.
   * Unless forced, it runs only once a modified timer could be due (minWhenModified <= now).
   * The order of the first two steps keeps wakeTime() never late while the scan runs (seed commit 2, I2).
   */
  adjust(now: Nanos, force: boolean): void {
    if (!force) {
      const first = this.minWhenModified;
      if (first === 0 || first > now) return;
    }
    // 1. Lock in the current lower bound, 2. then forget the modified bound: modify() re-lowers it.
    this.minWhenHeap = this.wakeTime();
    this.minWhenModified = 0;
    // 3. Scan.
    this.adjustScanned += this.heapT.length;
    const heapT = this.heapT;
    const heapW = this.heapW;
    let changed = false;
    for (let i = 0; i < heapT.length; i++) {
      const t = heapT[i];
      if (t.ts !== this) badTimer("bad ts");
      const s = t.state;
      if ((s & (timerModified | timerZombie)) === 0) continue;
      t.lock();
      if ((s & timerHeaped) === 0) badTimer("adjust: not heaped");
      if ((s & timerZombie) !== 0) {
        this.zombies--;
        t.state &= ~(timerHeaped | timerZombie | timerModified);
        const last = heapT.length - 1;
        heapT[i] = heapT[last];
        heapW[i] = heapW[last];
        heapT.pop();
        heapW.pop();
        t.ts = null;
        i--;
      } else {
        heapW[i] = t.when;
        t.state &= ~timerModified;
      }
      changed = true;
      t.unlock();
    }
    if (changed) this.initHeap();
    // 4. The precise value.
    this.updateMinWhenHeap();
  }

  /**
   * Go: (*timers).run. Runs the head timer if it is due at `now`. Returns 0 if it ran a timer, the next
   * `when` if the head is not yet due, −1 if the heap is empty.
   */
  run(now: Nanos): Nanos {
    const heapT = this.heapT;
    for (;;) {
      if (heapT.length === 0) return -1;
      const t = heapT[0];
      if (t.ts !== this) badTimer("bad ts");
      if ((t.state & (timerModified | timerZombie)) === 0 && this.heapW[0] > now) return this.heapW[0];
      t.lock();
      if (t.updateHeap()) {
        t.unlock();
        continue;
      }
      if ((t.state & timerHeaped) === 0 || (t.state & timerModified) !== 0) badTimer("run: bad state");
      if (t.when > now) {
        t.unlock();
        return t.when;
      }
      t.unlockAndRun(now);
      return 0;
    }
  }

  /**
   * Go: (*timers).check. Runs every timer of this heap that is due at `now` (0 = read the clock, lazily,
   * only if a timer could be due). `local` says the heap belongs to the caller's own P: only then are
   * zombies force-cleaned when they pass a quarter of the heap. Fills and returns `out`.
   */
  check(now: Nanos, clock: () => Nanos, local: boolean, out: CheckResult): CheckResult {
    assertNoLocks("checkTimers");
    out.ran = false;
    out.fired = 0;
    out.pollUntil = 0;
    const next = this.wakeTime();
    if (next === 0) {
      out.now = now;
      return out;
    }
    if (now === 0) now = clock();
    out.now = now;
    let force = local && this.zombies > this.heapT.length / 4;
    if (this.zombies < 0) badTimer("negative zombies");
    if (now < next && !force) {
      out.pollUntil = next;
      return out;
    }
    if (this.heapT.length > 0) {
      this.lenAtUnlock = this.heapT.length;
      this.adjust(now, false);
      while (this.heapT.length > 0) {
        const tw = this.run(now);
        if (tw !== 0) {
          if (tw > 0) out.pollUntil = tw;
          break;
        }
        out.ran = true;
        out.fired++;
      }
      // Go's ts.len here is the length at the last unlock (entry, or the last timer run), not the current
      // one: zombies the run loop dropped from the head still count (fuzz wide seed 20572).
      force = local && this.zombies > this.lenAtUnlock / 4;
      if (force) this.adjust(now, true);
    }
    if (VERIFY) this.verify();
    return out;
  }

  /**
   * Go: (*timers).take (history: moveTimers/adoptTimers; seed commit 4, I4). Moves every live timer of
   * `src` (a P being destroyed) into this heap, keyed by its authoritative `when`; zombies are dropped.
   * `src` is left empty with all counters 0.
   */
  take(src: Timers): void {
    const heapT = src.heapT;
    const heapW = src.heapW;
    src.heapT = [];
    src.heapW = [];
    src.zombies = 0;
    src.minWhenHeap = 0;
    src.minWhenModified = 0;
    for (let i = 0; i < heapT.length; i++) {
      const t = heapT[i];
      t.ts = null;
      if ((t.state & timerZombie) !== 0) {
        t.state &= ~(timerHeaped | timerZombie | timerModified);
      } else {
        // Seed 4's bug, re-created only by the test switch: the move does not resolve a pending
        // modification (Go ≤ 1.22's moveTimers without `t.when = t.nextwhen`): the timer is re-filed under
        // its entry's stale key, so a Reset done before the move is lost.
        if (anyFault && faults.takeDropsModified && (t.state & timerModified) !== 0) t.when = heapW[i];
        t.state &= ~timerModified;
        this.addHeap(t);
      }
    }
    if (VERIFY) {
      src.verify();
      this.verify();
    }
  }

  /** Checks G1–G3 and G7 for this heap and T1–T5 for every timer in it; throws through badTimer. */
  verify(): void {
    const heapT = this.heapT;
    const heapW = this.heapW;
    const n = heapT.length;
    if (heapW.length !== n) badTimer("G2: key and timer arrays differ in length");
    let zombies = 0;
    let minLive = Number.POSITIVE_INFINITY;
    const seen = new Set<Timer>();
    for (let i = 0; i < n; i++) {
      const t = heapT[i];
      if (seen.has(t)) badTimer("G2: timer twice in one heap");
      seen.add(t);
      if (t.ts !== this) badTimer("G2: entry's ts is another heap");
      if ((t.state & timerHeaped) === 0) badTimer("G2: entry without H");
      if (!(heapW[i] > 0)) badTimer("G1: key <= 0");
      if (i > 0 && heapW[((i - 1) / timerHeapN) | 0] > heapW[i]) badTimer("G1: bad timer heap");
      if ((t.state & timerZombie) !== 0) zombies++;
      else {
        if (t.when < minLive) minLive = t.when;
        if ((t.state & timerModified) === 0 && heapW[i] !== t.when)
          badTimer("T4: heap key differs from when");
      }
      t.verifyTimer(false);
    }
    if (zombies !== this.zombies) badTimer(`G2: zombies ${this.zombies}, counted ${zombies}`);
    if (this.minWhenHeap !== (n === 0 ? 0 : heapW[0])) badTimer("G7: minWhenHeap");
    if (n === 0 && this.minWhenModified !== 0) badTimer("G7: minWhenModified on an empty heap");
    if (minLive !== Number.POSITIVE_INFINITY) {
      const wt = this.wakeTime();
      if (wt === 0 || wt > minLive) badTimer(`G3: wakeTime ${wt} later than a live timer at ${minLive}`);
    }
  }
}
