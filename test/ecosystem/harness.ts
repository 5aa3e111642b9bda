// The ecosystem tier (issue 15): popular npm packages that use timers, unchanged, in a bubble. Each
// scenario is written once against a Clock and run twice:
//
// - in a bubble, with its durations as written: its result, the marks it records and the elapsed time
//   (performance.now() and Date.now() deltas) must be exactly what Node's timer semantics give — timers
//   fire in arming order at their due instant, a delay outside [1, 2^31 − 1] is 1 ms, setTimeout(0)
//   included;
// - on real time, outside any bubble, with every duration divided by `scale`: the same result and the
//   same order of marks, which confirms the expectation against real Node. That run asserts no speed:
//   only a lower bound (timers never fire meaningfully early), loose enough for libuv's cached loop time.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { BubbleOptions } from "../../src/synctest.ts";
import * as synctest from "../../src/synctest.ts";

export interface Clock {
  /** A duration of the scenario in ms: as written in the bubble, divided by the scale on real time. */
  ms(n: number): number;
  /** Records an event, stamped with the ms elapsed since the scenario started. */
  mark(label: string): void;
  /** Whether this is the bubble run (exact virtual time) or the scaled real-time run. */
  readonly virtual: boolean;
}

export interface Want {
  /** What the scenario returns (compared with deepEqual in both runs). */
  result: unknown;
  /** Elapsed virtual ms, exactly. */
  elapsed: number;
  /** Each mark with its exact virtual time; the real run checks the labels' order. */
  marks?: [string, number][];
}

export interface ScenarioOptions {
  /** Real-time run: durations are divided by this (default 20). */
  scale?: number;
  /** Options for the bubble run. */
  bubble?: BubbleOptions;
}

interface Outcome {
  result: unknown;
  elapsed: number;
  dateElapsed: number;
  marks: [string, number][];
}

async function play(fn: (c: Clock) => Promise<unknown>, scale: number): Promise<Outcome> {
  const t0 = performance.now();
  const d0 = Date.now();
  const marks: [string, number][] = [];
  // On real time, a ref'd handle keeps the loop alive, as a test runner's would: libraries unref their
  // timers, and a process with nothing else to do would exit before they fire.
  const keepAlive = scale === 1 ? undefined : setInterval(() => {}, 60_000);
  let result: unknown;
  try {
    result = await fn({
      ms: (n) => n / scale,
      mark: (label) => marks.push([label, performance.now() - t0]),
      virtual: scale === 1,
    });
  } finally {
    clearInterval(keepAlive);
  }
  return { result, elapsed: performance.now() - t0, dateElapsed: Date.now() - d0, marks };
}

/** Registers the two tests of one scenario (see the top of this file). */
export function scenario(
  name: string,
  fn: (c: Clock) => Promise<unknown>,
  want: Want,
  opts: ScenarioOptions = {},
): void {
  const scale = opts.scale ?? 20;
  const marks = want.marks ?? [];
  test(`${name} — in a bubble: the result, and ${want.elapsed} ms of virtual time exactly`, async () => {
    const got = await synctest.run(() => play(fn, 1), opts.bubble);
    assert.deepEqual(got.result, want.result);
    assert.deepEqual(got.marks, marks);
    assert.equal(got.elapsed, want.elapsed);
    assert.equal(got.dateElapsed, Math.floor(want.elapsed));
  });
  test(`${name} — on real time, durations / ${scale}: the same result and order`, async () => {
    // Real time is noisy (a loaded machine runs a timer late, and chained sleeps add up): the check
    // passes if one of three runs agrees.
    const failures: unknown[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        check(await play(fn, scale), want, scale);
        return;
      } catch (e) {
        failures.push(e);
      }
    }
    throw failures[0];
  });
}

function check(got: Outcome, want: Want, scale: number): void {
  const marks = want.marks ?? [];
  assert.deepEqual(got.result, want.result);
  // Marks due at the same virtual instant may come in either order on real time (a library that
  // computes delays from Date.now() can cross a millisecond between two calls): compared as groups.
  assert.equal(got.marks.length, marks.length, `marks: ${got.marks.map(([l]) => l).join(", ")}`);
  assert.deepEqual(groups(got.marks, marks), groups(marks, marks));
  // A lower bound only (no test may depend on speed): a timer is never due before its delay, give or
  // take libuv's loop time, cached at the start of the loop turn that armed it.
  const slack = (ms: number) => ms / scale / 2 - 5;
  assert.ok(got.elapsed >= slack(want.elapsed), `elapsed ${got.elapsed} ms for ${want.elapsed} / ${scale}`);
  for (let i = 0; i < marks.length; i++)
    assert.ok(got.marks[i][1] >= slack(marks[i][1]), `${marks[i][0]} at ${got.marks[i][1]} ms`);
}

/** The labels of `got`, cut where `want` changes time, each group sorted. */
function groups(got: [string, number][], want: [string, number][]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < got.length; i++) {
    if (i === 0 || want[i]?.[1] !== want[i - 1][1]) out.push([]);
    out[out.length - 1].push(got[i][0]);
  }
  return out.map((g) => g.sort());
}

/** A promise for ms of the scenario's time, on whatever clock setTimeout is. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A call that fails (503) before its nth attempt and then answers. */
export const failUntil = (n: number) => (attempt: number) => {
  if (attempt < n) throw new Error(`503 on attempt ${attempt}`);
  return `ok on attempt ${attempt}`;
};

/**
 * Runs each step at its ms of the scenario's time, every timer armed at the start (not chained, so a
 * loaded machine running one late does not shift the others); a step at 0 runs at once. Resolves after
 * the last step.
 */
export function script(c: Clock, steps: [number, () => void][]): Promise<void> {
  let last = Promise.resolve();
  for (const [at, step] of steps) {
    if (at === 0) step();
    else last = new Promise<void>((r) => setTimeout(() => r(step()), c.ms(at)));
  }
  return last;
}
