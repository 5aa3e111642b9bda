// Event-time libraries — reactive streams, debounce/throttle, state machines, cron — unchanged, in a
// bubble and on scaled real time (harness.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Cron } from "croner";
import debounce from "lodash.debounce";
import throttle from "lodash.throttle";
import {
  debounceTime,
  defer,
  distinctUntilChanged,
  from,
  interval,
  lastValueFrom,
  map,
  retry,
  Subject,
  switchMap,
  take,
  tap,
  timeout,
  timer,
  toArray,
} from "rxjs";
import { createActor, createMachine, fromPromise, waitFor } from "xstate";
import * as synctest from "../../src/synctest.ts";
import { scenario, script, sleep } from "./harness.ts";

scenario(
  "rxjs 7.8.2: a typeahead — debounceTime(250), distinctUntilChanged, switchMap to a 100 ms search",
  async (c) => {
    const keys = new Subject<string>();
    const typed: [number, string][] = [
      [0, "r"],
      [100, "rx"],
      [200, "rxj"],
      [600, "rxjs"],
      [700, "rxjs!"],
    ];
    for (const [at, q] of typed) setTimeout(() => keys.next(q), c.ms(at));
    setTimeout(() => keys.complete(), c.ms(1200));
    const results = keys.pipe(
      debounceTime(c.ms(250)),
      distinctUntilChanged(),
      switchMap((q) => timer(c.ms(100)).pipe(map(() => `results for ${q}`))),
    );
    return lastValueFrom(
      results.pipe(
        tap((r) => c.mark(r)),
        toArray(),
      ),
    );
  },
  {
    // quiet 250 ms after 200 and after 700; each search takes 100 ms; the source completes at 1200
    result: ["results for rxj", "results for rxjs!"],
    elapsed: 1200,
    marks: [
      ["results for rxj", 550],
      ["results for rxjs!", 1050],
    ],
  },
  { scale: 10 },
);

scenario(
  "rxjs 7.8.2: retry with an exponential delay, a first-value timeout, interval and timer(0)",
  async (c) => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      await sleep(c.ms(50));
      if (calls < 3) throw new Error(`503 (${calls})`);
      return `ok after ${calls} calls`;
    };
    const answer = await lastValueFrom(
      defer(() => from(flaky())).pipe(
        retry({ count: 3, delay: (_e, n) => timer(c.ms(100 * 2 ** (n - 1))) }),
        timeout({ first: c.ms(5000) }),
      ),
    );
    c.mark(answer);
    const ticks = await lastValueFrom(
      interval(c.ms(1000)).pipe(
        take(3),
        map((i) => {
          c.mark(`tick ${i}`);
          return i;
        }),
        toArray(),
      ),
    );
    await lastValueFrom(timer(0)); // a 0 ms delay is Node's 1 ms
    c.mark("timer(0)");
    return [answer, ticks];
  },
  {
    // calls at 0–50 and 150–200 fail; delays 100 and 200; the third call runs 400–450
    result: ["ok after 3 calls", [0, 1, 2]],
    elapsed: 3451,
    marks: [
      ["ok after 3 calls", 450],
      ["tick 0", 1450],
      ["tick 1", 2450],
      ["tick 2", 3450],
      ["timer(0)", 3451],
    ],
  },
  { scale: 20 },
);

scenario(
  "lodash.debounce 4.0.8: one trailing call per burst; cancel drops a pending call, flush runs it now",
  async (c) => {
    const calls: string[] = [];
    const search = debounce((q: string) => {
      c.mark(`search ${q}`);
      calls.push(q);
    }, c.ms(300));
    await script(c, [
      [0, () => search("a")],
      [50, () => search("ab")],
      [100, () => search("abc")], // the timer armed at 0 finds the last call 200 ms old at 300: 100 more
      [1000, () => search("dropped")],
      [1100, () => search.cancel()],
      [1500, () => search("flushed")],
      [1600, () => search.flush()],
    ]);
    return calls;
  },
  {
    result: ["abc", "flushed"],
    elapsed: 1600,
    marks: [
      ["search abc", 400],
      ["search flushed", 1600],
    ],
  },
  { scale: 10 },
);

scenario(
  "lodash.throttle 4.1.1: leading and trailing calls, at most one per 300 ms",
  async (c) => {
    const sent: number[] = [];
    const save = throttle((n: number) => {
      c.mark(`save ${n}`);
      sent.push(n);
    }, c.ms(300));
    await script(
      c,
      [0, 50, 100, 450, 500, 1000].map((t) => [t, () => save(t)]),
    );
    save.cancel(); // the trailing timer armed at 1000 has nothing to send
    return sent;
  },
  {
    // 0 leads; the trailing edge at 300 sends the call made at 100; 450 leads again (350 ms after the
    // last call); the trailing edge at 750 sends 500; 1000 leads
    result: [0, 100, 450, 500, 1000],
    elapsed: 1000,
    marks: [
      ["save 0", 0],
      ["save 100", 300],
      ["save 450", 450],
      ["save 500", 750],
      ["save 1000", 1000],
    ],
  },
  { scale: 5 },
);

scenario(
  "xstate 5.33.3: a traffic light's delayed transitions go round once in 60 s",
  async (c) => {
    const light = createMachine({
      id: "light",
      initial: "green",
      states: {
        green: { after: { [c.ms(30_000)]: "yellow" } },
        yellow: { after: { [c.ms(5000)]: "red" } },
        red: { after: { [c.ms(25_000)]: "green" } },
      },
    });
    const actor = createActor(light);
    let changes = 0;
    const seen: string[] = [];
    actor.subscribe((s) => {
      seen.push(String(s.value));
      if (changes++ > 0) c.mark(String(s.value));
    });
    actor.start();
    await waitFor(actor, (s) => s.matches("green") && changes === 4);
    actor.stop();
    return seen;
  },
  {
    result: ["green", "yellow", "red", "green"],
    elapsed: 60_000,
    marks: [
      ["yellow", 30_000],
      ["red", 35_000],
      ["green", 60_000],
    ],
  },
  { scale: 400 },
);

scenario(
  "xstate 5.33.3: a load that takes 3 s loses to its 2 s 'after' timeout; the retry answers in 500 ms",
  async (c) => {
    let attempt = 0;
    const machine = createMachine({
      id: "load",
      initial: "loading",
      states: {
        loading: {
          invoke: {
            src: fromPromise(async () => {
              attempt++;
              await sleep(c.ms(attempt === 1 ? 3000 : 500));
              return attempt;
            }),
            onDone: "ready",
          },
          after: { [c.ms(2000)]: "failed" },
        },
        failed: { on: { RETRY: "loading" } },
        ready: { type: "final" },
      },
    });
    const actor = createActor(machine).start();
    actor.subscribe((s) => c.mark(String(s.value)));
    await waitFor(actor, (s) => s.matches("failed"));
    actor.send({ type: "RETRY" });
    const done = await waitFor(actor, (s) => s.matches("ready"));
    return [String(done.value), attempt];
  },
  {
    // the first load's promise is left pending (its 3 s timer: a pending one-shot, no failure)
    result: ["ready", 2],
    elapsed: 2500,
    marks: [
      ["failed", 2000],
      ["loading", 2000],
      ["ready", 2500],
    ],
  },
  { scale: 20 },
);

scenario(
  "croner 11.0.1: a one-off job at a Date fires at it; a stopped job never does",
  async (c) => {
    const at = new Date(Date.now() + c.ms(3000));
    const stopped = new Cron(new Date(Date.now() + c.ms(1000)), () => c.mark("stopped job ran"));
    const ran = new Promise<number>((resolve) => new Cron(at, () => resolve(Date.now() - at.getTime())));
    await sleep(c.ms(500));
    stopped.stop();
    const late = await ran;
    c.mark("one-off job ran");
    return late >= 0;
  },
  { result: true, elapsed: 3000, marks: [["one-off job ran", 3000]] },
  { scale: 20 },
);

// Cron patterns fire on whole seconds of the wall clock, which cannot be scaled: bubble only. Croner
// sleeps at most 30 s at a time and checks again, so a job 3 hours away costs 360 timer firings.
test("croner 11.0.1 — in a bubble: '*/5 * * * * *' runs at 5, 10 and 15 s past the epoch; a 03:00 UTC job after 3 h", async () => {
  const got = await synctest.run(async () => {
    const t0 = Date.now();
    const fives: number[] = [];
    await new Promise<void>((done) => {
      const job = new Cron("*/5 * * * * *", { maxRuns: 3 }, () => {
        fives.push(Date.now() - t0);
        if (job.runsLeft() === 0) done();
      });
    });
    const nightly = await new Promise<string>((done) => {
      new Cron("0 0 3 * * *", { timezone: "Etc/UTC", maxRuns: 1 }, () => done(new Date().toISOString()));
    });
    return { fives, nightly };
  });
  assert.deepEqual(got.fives, [5000, 10_000, 15_000]);
  assert.equal(got.nightly, "2000-01-01T03:00:00.000Z");
});
