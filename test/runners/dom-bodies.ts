// The bodies shared by test/runners/{node,vitest,jest}/dom-*.spec.ts: timer-driven front-end code under a
// DOM environment (jsdom or happy-dom), each run by the runner's gort/testing helper in a bubble of its
// own. Each asserts the virtual times real time would give (what it does with real timers, give or take
// the host's lateness), so a DOM's timers left on real time fail it (and make it wait real ms).
import assert from "node:assert/strict";
import lodashDebounce from "lodash.debounce";

// The window's objects, untyped: the program is type-checked without TypeScript's DOM library.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Dom = any;
const w = globalThis as unknown as Record<string, Dom>;
// Taken when this module loads, before any bubble: the DOM's own functions, as a library keeps them.
const windowSetTimeout = w.window.setTimeout as (cb: () => void, ms: number) => unknown;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function append(tag: string): Dom {
  const el = w.document.createElement(tag);
  w.document.body.appendChild(el);
  return el;
}

export const domBodies: Record<string, () => Promise<void>> = {
  "input events debounced by window.setTimeout fire 50 ms after the last one": async () => {
    const input = append("input");
    const t0 = Date.now();
    const fired: number[] = [];
    let h: unknown;
    input.addEventListener("input", () => {
      w.window.clearTimeout(h);
      h = w.window.setTimeout(() => fired.push(Date.now() - t0), 50);
    });
    for (let i = 0; i < 3; i++) {
      input.dispatchEvent(new w.Event("input"));
      await sleep(20);
    }
    await sleep(100);
    assert.deepEqual(fired, [90]);
    assert.equal(Date.now() - t0, 160);
  },
  "a window.setTimeout taken before the bubble runs on its clock, with the DOM's handle": async () => {
    const t0 = Date.now();
    const p0 = performance.now();
    let handle: unknown;
    await new Promise<void>((r) => {
      handle = windowSetTimeout.call(w.window, r, 30);
    });
    assert.equal(Date.now() - t0, 30);
    assert.equal(Number((performance.now() - p0).toFixed(6)), 30); // to the ns: fractional ms readings
    // The handle is the DOM's own kind (jsdom's a number), as outside the bubble.
    const outside = typeof w.window.setTimeout(() => {}, 0);
    assert.equal(typeof handle, outside);
  },
  "a setInterval poll updates the DOM's text every 40 ms": async () => {
    const div = append("div");
    const t0 = Date.now();
    const texts: string[] = [];
    let n = 0;
    const id = setInterval(() => {
      div.textContent = `tick ${++n} at ${Date.now() - t0}`;
      texts.push(div.textContent);
      if (n === 3) clearInterval(id);
    }, 40);
    await sleep(150);
    assert.deepEqual(texts, ["tick 1 at 40", "tick 2 at 80", "tick 3 at 120"]);
  },
  "requestAnimationFrame frames come on the bubble's clock": async () => {
    if (typeof w.requestAnimationFrame !== "function") return;
    const t0 = performance.now();
    const at: number[] = [];
    const stamps: number[] = [];
    await new Promise<void>((done) => {
      const frame = (ts: number) => {
        at.push(Math.round(performance.now() - t0));
        stamps.push(ts);
        if (at.length < 3) w.requestAnimationFrame(frame);
        else done();
      };
      w.requestAnimationFrame(frame);
    });
    // jsdom (pretendToBeVisual): a 1000/60 ms interval; happy-dom: an immediate. (The frames' stamps are
    // on the window's performance, whose origin need not be the global's: Vitest's jsdom keeps Node's.)
    const jsdom = String(w.navigator?.userAgent).includes("jsdom");
    assert.deepEqual(at, jsdom ? [17, 34, 51] : [0, 0, 0]);
    assert.deepEqual(
      stamps.slice(1).map((ts, i) => Math.round(ts - stamps[i]!)),
      jsdom ? [17, 17] : [0, 0],
    );
  },
  "the window's performance: timeOrigin + now() is Date.now(), now() moves with the clock": async () => {
    const perf = w.window.performance as Performance;
    assert.equal(Math.round(perf.timeOrigin + perf.now()), Date.now());
    const p0 = perf.now();
    await sleep(1234);
    // (To the nanosecond: a window's origin offset and the bubble's start reading are fractional ms.)
    assert.equal(Number((perf.now() - p0).toFixed(6)), 1234);
    assert.equal(Math.round(perf.timeOrigin + perf.now()), Date.now());
  },
  "AbortSignal.timeout aborts after 50 ms": async () => {
    const t0 = Date.now();
    const s = AbortSignal.timeout(50);
    const name = await new Promise((r) => s.addEventListener("abort", () => r((s.reason as Error).name)));
    assert.equal(name, "TimeoutError");
    assert.equal(Date.now() - t0, 50);
  },
  "lodash.debounce and a retry loop with backoff": async () => {
    const t0 = Date.now();
    const calls: number[] = [];
    const f = lodashDebounce(() => calls.push(Date.now() - t0), 30);
    f();
    await sleep(10);
    f();
    await sleep(100);
    assert.deepEqual(calls, [40]);
    const at: number[] = [];
    for (let i = 0; i < 3; i++) {
      at.push(Date.now() - t0);
      if (i < 2) await sleep(10 * 2 ** i);
    }
    assert.deepEqual(at, [110, 120, 140]);
    // biome-ignore lint/complexity/useDateNow: the Date constructor's reading of the clock, on purpose
    assert.equal(new Date().getTime() - t0, 140);
  },
};
