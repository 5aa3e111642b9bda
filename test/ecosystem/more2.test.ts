// More timer-using npm packages, unchanged, in a bubble (second batch; harness.ts runs each scenario in
// a bubble with exact virtual times and on scaled real time to confirm them): debouncers, a semaphore's
// rate limit, memoizers and caches with a max age, retry loops, and node-schedule.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimit, Sema } from "async-sema";
import debounce from "debounce";
import justDebounce from "just-debounce-it";
import Keyv from "keyv";
import memoize from "memoizee";
import schedule from "node-schedule";
import pMemoize from "p-memoize";
import promiseRetry from "promise-retry";
import QuickLRU from "quick-lru";
import retry from "retry";
import * as synctest from "../../src/synctest.ts";
import { failUntil, scenario, script, sleep } from "./harness.ts";

scenario(
  "debounce 3.0.0: calls at 0, 100 and 250 ms run once at 550; immediate runs the first call of a burst at once",
  async (c) => {
    const ran: string[] = [];
    const save = debounce((v: string) => {
      ran.push(v);
      c.mark(`save ${v}`);
    }, c.ms(300));
    const click = debounce(
      (v: string) => {
        ran.push(v);
        c.mark(`click ${v}`);
      },
      c.ms(200),
      { immediate: true },
    );
    await script(c, [
      [0, () => save("a")],
      [100, () => save("ab")],
      [250, () => save("abc")],
      [600, () => click("1")],
      [650, () => click("2")],
      [1000, () => click("3")],
      [1100, () => save("x")],
      [1200, () => save.flush()],
    ]);
    await sleep(c.ms(500));
    return { ran, pending: save.isPending };
  },
  {
    result: { ran: ["abc", "1", "3", "x"], pending: false },
    elapsed: 1700,
    marks: [
      ["save abc", 550],
      ["click 1", 600],
      ["click 3", 1000],
      ["save x", 1200],
    ],
  },
);

scenario(
  "just-debounce-it 3.2.0: a trailing call 200 ms after the last of a burst; callFirst runs the first; cancel drops one",
  async (c) => {
    const ran: string[] = [];
    const trailing = justDebounce((v: string) => {
      ran.push(v);
      c.mark(`trailing ${v}`);
    }, c.ms(200));
    const leading = justDebounce(
      (v: string) => {
        ran.push(v);
        c.mark(`leading ${v}`);
      },
      c.ms(200),
      true,
    );
    await script(c, [
      [0, () => trailing("a")],
      [150, () => trailing("b")],
      [300, () => trailing("c")],
      [600, () => leading("1")],
      [700, () => leading("2")],
      [1000, () => leading("3")],
      [1100, () => trailing("dropped")],
      [1200, () => trailing.cancel()],
    ]);
    await sleep(c.ms(400));
    return ran;
  },
  {
    // a call within the wait restarts it, and its own call runs at the end (no second leading call)
    result: ["c", "1", "2", "3"],
    elapsed: 1600,
    marks: [
      ["trailing c", 500],
      ["leading 1", 600],
      ["leading 2", 900],
      ["leading 3", 1000],
    ],
  },
);

scenario(
  "async-sema 3.1.1: RateLimit(2) lets 2 calls a second through; Sema(2) runs 150 ms jobs two at a time",
  async (c) => {
    const limit = RateLimit(2, { timeUnit: c.ms(1000) });
    const starts: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        await limit();
        c.mark(`call ${i}`);
        starts.push(i);
      }),
    );
    const sema = new Sema(2);
    const done: string[] = [];
    await Promise.all(
      ["a", "b", "c", "d", "e"].map(async (job) => {
        await sema.acquire();
        try {
          await sleep(c.ms(150));
          c.mark(`job ${job}`);
          done.push(job);
        } finally {
          sema.release();
        }
      }),
    );
    return { starts, done };
  },
  {
    result: { starts: [1, 2, 3, 4, 5], done: ["a", "b", "c", "d", "e"] },
    elapsed: 2450,
    marks: [
      ["call 1", 0],
      ["call 2", 0],
      ["call 3", 1000],
      ["call 4", 1000],
      ["call 5", 2000],
      ["job a", 2150],
      ["job b", 2150],
      ["job c", 2300],
      ["job d", 2300],
      ["job e", 2450],
    ],
  },
);

scenario(
  "memoizee 0.4.17: promise: true, maxAge 1 s — calls within the second share one 100 ms lookup; preFetch refreshes it early",
  async (c) => {
    let lookups = 0;
    const lookup = async (id: string) => {
      lookups++;
      c.mark(`lookup ${id} #${lookups}`);
      await sleep(c.ms(100));
      return `${id}@${lookups}`;
    };
    const cached = memoize(lookup, { promise: true, maxAge: c.ms(1000) });
    const got: string[] = [];
    got.push(await cached("u1")); // 100
    await sleep(c.ms(400));
    got.push(await cached("u1")); // 500: cached
    await sleep(c.ms(700));
    got.push(await cached("u1")); // 1200: expired at 1100, looked up again, 1300
    const early = memoize(lookup, { promise: true, maxAge: c.ms(1000), preFetch: 0.5 });
    got.push(await early("u2")); // 1400
    await sleep(c.ms(600));
    got.push(await early("u2")); // 2000: past half its age, served and refreshed in the background
    await sleep(c.ms(200));
    got.push(await early("u2")); // 2200: the refreshed value
    cached.clear();
    early.clear();
    return got;
  },
  {
    result: ["u1@1", "u1@1", "u1@2", "u2@3", "u2@3", "u2@4"],
    elapsed: 2200,
    marks: [
      ["lookup u1 #1", 0],
      ["lookup u1 #2", 1200],
      ["lookup u2 #3", 1300],
      ["lookup u2 #4", 2000],
    ],
  },
);

scenario(
  "p-memoize 8.0.0 over a quick-lru 7.3.0 with maxAge 500: concurrent calls share one fetch; it expires after 500 ms",
  async (c) => {
    let fetches = 0;
    const fetchUser = pMemoize(
      async (id: number) => {
        const n = ++fetches;
        c.mark(`fetch ${id}`);
        await sleep(c.ms(200));
        return { id, n };
      },
      { cache: new QuickLRU<number, { id: number; n: number }>({ maxSize: 10, maxAge: c.ms(500) }) },
    );
    const first = await Promise.all([fetchUser(1), fetchUser(1), fetchUser(2)]);
    await sleep(c.ms(300));
    const warm = await fetchUser(1); // 500: set at 200, still fresh
    await sleep(c.ms(300));
    const cold = await fetchUser(1); // 800: expired at 700
    return { first: first.map((u) => u.n), warm: warm.n, cold: cold.n };
  },
  {
    result: { first: [1, 1, 2], warm: 1, cold: 3 },
    elapsed: 1000,
    marks: [
      ["fetch 1", 0],
      ["fetch 2", 0],
      ["fetch 1", 800],
    ],
  },
);

scenario(
  "keyv 5.6.0: a store-wide ttl of 1 s and a per-key ttl of 300 ms expire on the bubble's Date.now()",
  async (c) => {
    const store = new Keyv<string>({ ttl: c.ms(1000) });
    await store.set("session", "s1");
    await store.set("otp", "123456", c.ms(300));
    const seen: string[] = [];
    for (const at of [0, 200, 600, 1200]) {
      await script(c, [[at, () => {}]]);
      seen.push(`${at}: ${(await store.get("session")) ?? "-"} ${(await store.get("otp")) ?? "-"}`);
    }
    return seen;
  },
  { result: ["0: s1 123456", "200: s1 123456", "600: s1 -", "1200: - -"], elapsed: 2000 },
  { scale: 10 },
);

scenario(
  "promise-retry 2.0.1: retries 3 times, 100 ms then doubling, around a call that fails twice",
  async (c) => {
    const attempts: number[] = [];
    const call = failUntil(3);
    const got = await promiseRetry(
      async (again, n) => {
        c.mark(`attempt ${n}`);
        attempts.push(n);
        await sleep(c.ms(50));
        try {
          return call(n);
        } catch (e) {
          return again(e);
        }
      },
      { retries: 3, factor: 2, minTimeout: c.ms(100), randomize: false },
    );
    let failure = "";
    await promiseRetry(
      async (again, n) => {
        c.mark(`doomed ${n}`);
        return again(new Error(`fail ${n}`));
      },
      { retries: 2, factor: 3, minTimeout: c.ms(100), randomize: false },
    ).catch((e: Error) => {
      failure = e.message;
    });
    return { got, attempts, failure };
  },
  {
    result: { got: "ok on attempt 3", attempts: [1, 2, 3], failure: "fail 3" },
    elapsed: 850,
    marks: [
      ["attempt 1", 0],
      ["attempt 2", 150],
      ["attempt 3", 400],
      ["doomed 1", 450],
      ["doomed 2", 550],
      ["doomed 3", 850],
    ],
  },
);

scenario(
  "retry 0.13.1: an operation with maxRetryTime 1 s and a 100 ms timeout per attempt gives up at its time limit",
  async (c) => {
    const op = retry.operation({ retries: 10, factor: 2, minTimeout: c.ms(100), maxRetryTime: c.ms(1000) });
    const outcome = await new Promise<string>((resolve) => {
      op.attempt(
        (n) => {
          c.mark(`attempt ${n}`);
          // each attempt of a call that hangs ends at its 100 ms timeout
        },
        // retry 0.13.1 reads `cb` (its @types say `callback`)
        {
          timeout: c.ms(100),
          cb: () => {
            const err = new Error(`timeout ${op.attempts()}`);
            if (!op.retry(err)) resolve(`gave up: ${op.mainError()?.message}, ${op.errors().length} errors`);
          },
        } as retry.AttemptTimeoutOptions,
      );
    });
    return outcome;
  },
  {
    // attempt n starts at its retry's delay (100, 200, 400…) after the previous attempt's timeout; the
    // retry after the 4th attempt's timeout at 1100 is past maxRetryTime (1000 since the first attempt)
    result: "gave up: timeout 4, 5 errors",
    elapsed: 1100,
    marks: [
      ["attempt 1", 0],
      ["attempt 2", 200],
      ["attempt 3", 500],
      ["attempt 4", 1000],
    ],
  },
);

scenario(
  "node-schedule 2.1.1: one-off jobs at Dates 300 and 700 ms away; cancelling one; a rescheduled job",
  async (c) => {
    const ran: string[] = [];
    const now = Date.now();
    const done = new Promise<void>((resolve) => {
      schedule.scheduleJob(new Date(now + c.ms(700)), () => {
        c.mark("late");
        ran.push("late");
        resolve();
      });
    });
    schedule.scheduleJob("early", new Date(now + c.ms(300)), () => {
      c.mark("early");
      ran.push("early");
    });
    const cancelled = schedule.scheduleJob(new Date(now + c.ms(500)), () => {
      ran.push("cancelled");
    });
    const moved = schedule.scheduleJob(new Date(now + c.ms(200)), () => {
      c.mark("moved");
      ran.push("moved");
    });
    await sleep(c.ms(100));
    cancelled.cancel();
    moved.reschedule(new Date(now + c.ms(600)).getTime());
    await done;
    return ran;
  },
  {
    result: ["early", "moved", "late"],
    elapsed: 700,
    marks: [
      ["early", 300],
      ["moved", 600],
      ["late", 700],
    ],
  },
);

test("node-schedule 2.1.1: a RecurrenceRule every 15 s and a cron string at minute 1 run on the bubble's clock", async () => {
  const at = () => new Date().toISOString().slice(11, 19);
  const got = await synctest.run(async () => {
    const ticks: string[] = [];
    const rule = new schedule.RecurrenceRule();
    rule.second = [0, 15, 30, 45];
    rule.tz = "Etc/UTC";
    const every15 = schedule.scheduleJob(rule, () => {
      ticks.push(`rule ${at()}`);
    });
    const hourly = schedule.scheduleJob({ rule: "0 1 * * * *", tz: "Etc/UTC" }, () => {
      ticks.push(`cron ${at()}`);
    });
    await sleep(61_000);
    every15.cancel();
    await sleep(3600_000);
    hourly.cancel();
    return { ticks, now: at() };
  });
  assert.deepEqual(got, {
    ticks: [
      "rule 00:00:15",
      "rule 00:00:30",
      "rule 00:00:45",
      "rule 00:01:00",
      "cron 00:01:00",
      "cron 01:01:00",
    ],
    now: "01:01:01",
  });
});
