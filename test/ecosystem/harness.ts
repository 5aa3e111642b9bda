// The ecosystem tier (issue 15): popular npm packages that use timers, unchanged, in a bubble. Each
// scenario is written once against a Clock and run twice:
//
// - in a bubble, with its durations as written: its result, the marks it records and the elapsed time
//   (performance.now() and Date.now() deltas) must be exactly what Node's timer semantics give — timers
//   fire in arming order at their due instant, a delay outside [1, 2^31 − 1] is 1 ms, setTimeout(0)
//   included;
// - on real time, outside any bubble, with every duration divided by `scale` (less, in the runs that
//   follow a failed one): the same result and the
//   same order of marks (up to the lateness that run itself shows: a loaded machine fires timers late),
//   which confirms the expectation against real Node. That run asserts no speed: only a lower bound
//   (timers never fire meaningfully early), loose enough for libuv's cached loop time.
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
  /** Real time only: the longest the event loop was late to a 1 ms interval during the run, in ms. */
  stall: number;
}

async function play(fn: (c: Clock) => Promise<unknown>, scale: number, virtual: boolean): Promise<Outcome> {
  const t0 = performance.now();
  const d0 = Date.now();
  const marks: [string, number][] = [];
  // On real time, a ref'd handle keeps the loop alive, as a test runner's would (libraries unref their
  // timers, and a process with nothing else to do would exit before they fire), and measures how late
  // the loop runs a 1 ms interval: the machine's load, which makes the scenario's own timers late too.
  let stall = 0;
  let last = t0;
  const keepAlive = virtual
    ? undefined
    : setInterval(() => {
        const now = performance.now();
        stall = Math.max(stall, now - last - 1);
        last = now;
      }, 1);
  let result: unknown;
  try {
    result = await fn({
      ms: (n) => n / scale,
      mark: (label) => marks.push([label, performance.now() - t0]),
      virtual,
    });
  } finally {
    clearInterval(keepAlive);
  }
  return { result, elapsed: performance.now() - t0, dateElapsed: Date.now() - d0, marks, stall };
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
    const got = await synctest.run(() => play(fn, 1, true), opts.bubble);
    assert.deepEqual(got.result, want.result);
    assert.deepEqual(got.marks, marks);
    assert.equal(got.elapsed, want.elapsed);
    assert.equal(got.dateElapsed, Math.floor(want.elapsed));
  });
  test(`${name} — on real time, durations / ${scale}: the same result and order`, async () => {
    // Real time is noisy (a loaded machine runs a timer late, and chained sleeps add up; a result can
    // record an order that lateness changed): the check passes if one of four runs agrees, each run after
    // a failed one with durations twice as long (down to the durations as written), so that the machine's
    // stalls shrink against the gaps the scenario relies on.
    const failures: unknown[] = [];
    for (let attempt = 0, s = scale; attempt < 4; attempt++, s = Math.max(1, s / 2)) {
      try {
        check(await play(fn, s, false), want, s);
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
  assert.deepEqual(
    got.marks.map(([l]) => l).sort(),
    marks.map(([l]) => l).sort(),
    `marks: ${got.marks.map(([l]) => l).join(", ")}`,
  );
  // Each mark's due time in real ms: the nth mark of a label is the nth of that label in `want`.
  const due = dueTimes(got.marks, marks, scale);
  // A loaded machine runs timers late, and chained sleeps add their delays: a mark may come before one
  // that was due earlier by no more than the lateness this very run shows — at its end, or twice the
  // longest stall of its event loop (a mark behind two chained timers). Marks due at the same instant may
  // come in either order (a library that computes delays from Date.now() can cross a millisecond between
  // two calls). On a quiet machine that leaves a few ms: the order is checked.
  const late = Math.max(got.elapsed - want.elapsed / scale, 2 * got.stall, 0);
  for (let i = 0; i < due.length; i++)
    for (let j = i + 1; j < due.length; j++)
      assert.ok(
        due[i] - due[j] <= late + 1,
        `${got.marks[j][0]} (due at ${due[j]} ms) came after ${got.marks[i][0]} (due at ${due[i]} ms), ` +
          `though this run was at most ${late.toFixed(1)} ms late: ${got.marks.map(([l]) => l).join(", ")}`,
      );
  // A lower bound only (no test may depend on speed): a timer is never due before its delay, give or
  // take libuv's loop time, cached at the start of the loop turn that armed it.
  const slack = (ms: number) => ms / scale / 2 - 5;
  assert.ok(got.elapsed >= slack(want.elapsed), `elapsed ${got.elapsed} ms for ${want.elapsed} / ${scale}`);
  for (let i = 0; i < marks.length; i++)
    assert.ok(got.marks[i][1] >= slack(due[i] * scale), `${got.marks[i][0]} at ${got.marks[i][1]} ms`);
}

/** For each mark of `got`, in real ms, the due time `want` gives the same occurrence of its label. */
function dueTimes(got: [string, number][], want: [string, number][], scale: number): number[] {
  const seen = new Map<string, number>();
  return got.map(([label]) => {
    const n = seen.get(label) ?? 0;
    seen.set(label, n + 1);
    const w = want.filter(([l]) => l === label)[n];
    return w[1] / scale;
  });
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
