// The firing order of timers with equal deadlines, as Go 1.23 orders them — written to kill siftDown's two
// child-range mutants that survived StrykerJS (npm run mutation; docs/failures.md, "General mutation
// testing"): `Math.min(left + 4, n)` → `Math.max` and `j < end` → `j <= end`. Both keep the heap ordered
// (a sift that looks past a node's four children still moves up an entry no greater than them), so
// timers with different deadlines still fire in deadline order and no invariant check fails; what changes
// is which of several equal-deadline timers comes first.
//
// That order is observable in Go. The expected outputs below are what Go 1.23.5 prints for the two
// programs in the comments (built with `go build -tags faketime`, run with GOMAXPROCS=1, decoded with
// scripts/decode-playback.mjs; three runs each, identical). An AfterFunc callback runs in a goroutine of
// its own, and a goroutine made ready goes to runnext, pushing the previous one to the run queue's tail;
// so when k timers fire in one check, in heap order t1…tk, their callbacks run tk, t1, …, t(k−1). The
// engine-level tests undo that rotation and pin the heap's own order; the program-level tests compare
// gort's whole output with Go's, line by line.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { time, WaitGroup } from "../../../src/index.ts";
import { lockState } from "../../../src/internal/debug.ts";
import { Timer } from "../../../src/internal/runtime/timer.ts";
import { println, runTwin, since } from "../../conformance/twins/harness.ts";
import { EngineHarness } from "../../helpers/engine.ts";

const ms = 1_000_000;

let h: EngineHarness | undefined;
afterEach(() => {
  lockState.locks = 0;
  h?.dispose();
  h = undefined;
});

/**
 * Creates one func timer per delay (ms) at time 0 on one heap, applies `resets` ([index, ms]), then plays
 * the scheduler: advance the clock to the heap's wake time and check, until the heap is empty. Returns
 * the timers' indices in firing order, grouped by firing time: "ms: i i i".
 */
function fire(delays: number[], resets: [number, number][]): string[] {
  h = new EngineHarness();
  const e = h;
  e.now = 1;
  const fired = new Map<number, number[]>();
  const ts = delays.map((d, i) => {
    const t = new Timer(() => {
      const at = (e.now - 1) / ms;
      fired.set(at, [...(fired.get(at) ?? []), i]);
    }, null);
    t.reset(e.now + d * ms, 0);
    return t;
  });
  for (const [i, d] of resets) ts[i].reset(e.now + d * ms, 0);
  for (let guard = 0; guard < 100; guard++) {
    const w = e.wakeTime();
    if (w === 0) break;
    if (w > e.now) e.now = w;
    e.check();
  }
  assert.equal(e.heaps[0].len, 0, "every timer fired");
  return [...fired].map(([at, is]) => `${at}: ${is.join(" ")}`);
}

/** Go's callback order for one firing batch (heap order t1…tk) is tk, t1, …, t(k−1): undo it. */
function heapOrderFromGo(goOrder: number[]): number[] {
  return [...goOrder.slice(1), goOrder[0]];
}

// Go program 1 (the callbacks' order after adjust re-heapifies):
//
//   start := time.Now()
//   delays := []int{5, 3, 4, 4, 3, 3, 2, 3, 3, 2, 4}
//   var wg sync.WaitGroup
//   ts := make([]*time.Timer, len(delays))
//   for i, d := range delays {
//       wg.Add(1)
//       ts[i] = time.AfterFunc(time.Duration(d)*time.Millisecond, func() {
//           defer wg.Done()
//           fmt.Printf("f%d ran at %v\n", i, time.Since(start))
//       })
//   }
//   ts[2].Reset(1 * time.Millisecond)
//   wg.Wait()
const adjustDelays = [5, 3, 4, 4, 3, 3, 2, 3, 3, 2, 4];
const adjustGolden = [
  "1.000ms 1 f2 ran at 1ms",
  "2.000ms 1 f9 ran at 2ms",
  "2.000ms 1 f6 ran at 2ms",
  "3.000ms 1 f4 ran at 3ms",
  "3.000ms 1 f8 ran at 3ms",
  "3.000ms 1 f7 ran at 3ms",
  "3.000ms 1 f5 ran at 3ms",
  "3.000ms 1 f1 ran at 3ms",
  "4.000ms 1 f10 ran at 4ms",
  "4.000ms 1 f3 ran at 4ms",
  "5.000ms 1 f0 ran at 5ms",
  "exit 0",
];

// Go program 2 (the callbacks' order as each run removes the head: deleteMin sifts the last entry down
// from the root): the same without the Reset, with
//
//   delays := []int{1, 3, 1, 5, 5, 5, 5, 1, 3, 1, 5, 5}
const popDelays = [1, 3, 1, 5, 5, 5, 5, 1, 3, 1, 5, 5];
const popGolden = [
  "1.000ms 1 f9 ran at 1ms",
  "1.000ms 1 f0 ran at 1ms",
  "1.000ms 1 f7 ran at 1ms",
  "1.000ms 1 f2 ran at 1ms",
  "3.000ms 1 f1 ran at 3ms",
  "3.000ms 1 f8 ran at 3ms",
  "5.000ms 1 f11 ran at 5ms",
  "5.000ms 1 f6 ran at 5ms",
  "5.000ms 1 f5 ran at 5ms",
  "5.000ms 1 f4 ran at 5ms",
  "5.000ms 1 f3 ran at 5ms",
  "5.000ms 1 f10 ran at 5ms",
  "exit 0",
];

/** The golden's callback order, batch by batch, turned back into heap order ("ms: i i i"). */
function goldenHeapOrder(golden: string[]): string[] {
  const batches = new Map<number, number[]>();
  for (const line of golden) {
    const m = /^(\d+)\.000ms 1 f(\d+) ran at/.exec(line);
    if (m === null) continue;
    const at = Number(m[1]);
    batches.set(at, [...(batches.get(at) ?? []), Number(m[2])]);
  }
  return [...batches].map(([at, is]) => `${at}: ${heapOrderFromGo(is).join(" ")}`);
}

/** The twin of the Go programs above, run as a gort program under the fake clock at GOMAXPROCS=1. */
function twin(delays: number[], resets: [number, number][]): () => Promise<void> {
  return async () => {
    const start = time.now();
    const wg = new WaitGroup();
    const ts = delays.map((d, i) => {
      wg.add(1);
      return time.afterFunc(d * time.Millisecond, () => {
        try {
          println(`f${i} ran at ${since(start)}`);
        } finally {
          wg.done();
        }
      });
    });
    for (const [i, d] of resets) ts[i].reset(d * time.Millisecond);
    await wg.wait();
  };
}

describe("timers with equal deadlines fire in Go's heap order", () => {
  test("after adjust re-heapifies (a Reset moved a timer earlier): the engine's order", () => {
    const got = fire(adjustDelays, [[2, 1]]);
    assert.deepEqual(got, ["1: 2", "2: 6 9", "3: 8 7 5 1 4", "4: 3 10", "5: 0"]);
    assert.deepEqual(got, goldenHeapOrder(adjustGolden));
  });

  test("as runs remove the head (deleteMin's sift from the root): the engine's order", () => {
    const got = fire(popDelays, []);
    assert.deepEqual(got, ["1: 0 7 2 9", "3: 8 1", "5: 6 5 4 3 10 11"]);
    assert.deepEqual(got, goldenHeapOrder(popGolden));
  });

  test("the Go programs' output, line by line, from gort's runtime", async () => {
    assert.deepEqual(await runTwin(twin(adjustDelays, [[2, 1]])), adjustGolden);
    assert.deepEqual(await runTwin(twin(popDelays, [])), popGolden);
  });
});
