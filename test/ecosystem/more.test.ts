// More timer-using packages and Node APIs, unchanged, in a bubble and on scaled real time (harness.ts):
// concurrency limiters, caolan's async, a mutex with a timeout, rate limiters, throttle/debounce, p-event,
// a TTL cache, date libraries, and Node's own timers/promises iterators, events.once, stream.pipeline
// and readline under timeouts. Each expected time is worked out from the package's source and Node's
// timer rules; the comments give the arithmetic.
import assert from "node:assert/strict";
import { EventEmitter, once } from "node:events";
import { createInterface } from "node:readline";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { test } from "node:test";
import { setInterval as everyMs, scheduler } from "node:timers/promises";
import * as async from "async";
import { E_TIMEOUT, Mutex, withTimeout } from "async-mutex";
import dayjs from "dayjs";
import { RateLimiter, TokenBucket } from "limiter";
import { DateTime } from "luxon";
import { pEvent, TimeoutError } from "p-event";
import pLimit from "p-limit";
import pMap from "p-map";
import QuickLRU from "quick-lru";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { debounce, throttle } from "throttle-debounce";
import * as synctest from "../../src/synctest.ts";
import { failUntil, scenario, script, sleep } from "./harness.ts";

// ===== concurrency limiters =====

scenario(
  "p-map 7.1.1: concurrency 2 over jobs of 300, 100, 200 and 50 ms",
  async (c) => {
    const jobs = [300, 100, 200, 50];
    return pMap(
      jobs.map((ms, i) => [i, ms] as const),
      async ([i, ms]) => {
        await sleep(c.ms(ms));
        c.mark(`job ${i}`);
        return ms * 2;
      },
      { concurrency: 2 },
    );
  },
  {
    // 0 and 1 start at 0; 1 ends at 100 and 2 starts (ends 300); 0 ends at 300 (armed first) and 3 starts
    result: [600, 200, 400, 100],
    elapsed: 350,
    marks: [
      ["job 1", 100],
      ["job 0", 300],
      ["job 2", 300],
      ["job 3", 350],
    ],
  },
  { scale: 5 },
);

scenario(
  "p-map 7.1.1: a signal from AbortSignal.timeout(250) stops a concurrency-1 map mid-way",
  async (c) => {
    const started: number[] = [];
    const out = await pMap(
      [0, 1, 2, 3],
      async (i) => {
        started.push(i);
        await sleep(c.ms(100));
        c.mark(`job ${i}`);
        return i;
      },
      { concurrency: 1, signal: AbortSignal.timeout(c.ms(250)) },
    ).catch((e: Error) => e.name);
    c.mark("map settled");
    return [out, started];
  },
  {
    // the timeout's reason is a DOMException named TimeoutError; job 2 is running when it fires
    result: ["TimeoutError", [0, 1, 2]],
    elapsed: 250,
    marks: [
      ["job 0", 100],
      ["job 1", 200],
      ["map settled", 250],
    ],
  },
  { scale: 5 },
);

scenario(
  "p-limit 7.3.3: five 100 ms tasks at concurrency 1, raised to 3 at 150 ms",
  async (c) => {
    const limit = pLimit(1);
    const tasks = [1, 2, 3, 4, 5].map((n) =>
      limit(async () => {
        await sleep(c.ms(100));
        c.mark(`task ${n}`);
        return n;
      }),
    );
    setTimeout(() => {
      limit.concurrency = 3;
    }, c.ms(150));
    return Promise.all(tasks);
  },
  {
    // 1: 0–100; 2: 100–200; at 150, 3 and 4 start (end 250); 2 ends at 200 and 5 starts (ends 300)
    result: [1, 2, 3, 4, 5],
    elapsed: 300,
    marks: [
      ["task 1", 100],
      ["task 2", 200],
      ["task 3", 250],
      ["task 4", 250],
      ["task 5", 300],
    ],
  },
  { scale: 5 },
);

// ===== caolan/async =====

scenario(
  "async 3.2.6: retry with a 200 ms interval, a 100 ms timeout around a 300 ms call, a queue of 2 workers",
  async (c) => {
    const ok = failUntil(3);
    let attempt = 0;
    const retried = await async.retry({ times: 5, interval: c.ms(200) }, async () => {
      attempt++;
      await sleep(c.ms(50));
      c.mark(`attempt ${attempt}`);
      return ok(attempt);
    });
    const slow = async.timeout(async () => {
      await sleep(c.ms(300));
      return "slow answer";
    }, c.ms(100));
    const timedOut = await new Promise<string>((resolve) =>
      slow((err: (Error & { code?: string }) | null | undefined, v: unknown) =>
        resolve(err ? String(err.code) : String(v)),
      ),
    );
    c.mark(timedOut);
    const done: string[] = [];
    const q = async.queue(async (task: { name: string; ms: number }) => {
      await sleep(c.ms(task.ms));
      c.mark(task.name);
      done.push(task.name);
    }, 2);
    q.push([
      { name: "a", ms: 100 },
      { name: "b", ms: 300 },
      { name: "c", ms: 100 },
      { name: "d", ms: 100 },
    ]);
    await q.drain();
    return [retried, timedOut, done];
  },
  {
    // attempts 0–50, 250–300, 500–550; the timeout at 650; then a 550+: a 650–750, b 650–950,
    // c 750–850, d 850–950 (armed after b: fires after it)
    result: ["ok on attempt 3", "ETIMEDOUT", ["a", "c", "b", "d"]],
    elapsed: 950,
    marks: [
      ["attempt 1", 50],
      ["attempt 2", 300],
      ["attempt 3", 550],
      ["ETIMEDOUT", 650],
      ["a", 750],
      ["c", 850],
      ["b", 950],
      ["d", 950],
    ],
  },
  { scale: 10 },
);

// ===== async-mutex =====

scenario(
  "async-mutex 0.5.0: withTimeout(500) — a waiter gives up while the holder works 1 s; a later one gets the lock",
  async (c) => {
    const mutex = withTimeout(new Mutex(), c.ms(500));
    const holder = mutex.runExclusive(async () => {
      c.mark("holder in");
      await sleep(c.ms(1000));
      c.mark("holder out");
      return "holder";
    });
    const impatient = (async () => {
      await sleep(c.ms(100));
      try {
        await mutex.acquire();
        return "impatient got it";
      } catch (e) {
        c.mark("impatient gave up");
        return e === E_TIMEOUT ? "E_TIMEOUT" : String(e);
      }
    })();
    const patient = (async () => {
      await sleep(c.ms(700));
      return mutex.runExclusive(() => {
        c.mark("patient in");
        return "patient";
      });
    })();
    return Promise.all([holder, impatient, patient]);
  },
  {
    // the impatient waiter asks at 100, gives up at 600; the patient one asks at 700, gets it at 1000
    result: ["holder", "E_TIMEOUT", "patient"],
    elapsed: 1000,
    marks: [
      ["holder in", 0],
      ["impatient gave up", 600],
      ["holder out", 1000],
      ["patient in", 1000],
    ],
  },
  { scale: 10 },
);

// ===== rate limiters =====

scenario(
  "rate-limiter-flexible 11.4.0: RateLimiterMemory, 2 points per second; the third call waits msBeforeNext",
  async (c) => {
    const limiter = new RateLimiterMemory({ points: 2, duration: c.ms(1000) / 1000 });
    const log: string[] = [];
    const call = async (label: string) => {
      try {
        const r = await limiter.consume("client");
        log.push(`${label}: ok, ${r.remainingPoints} left`);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        log.push(`${label}: limited`);
        c.mark(`${label} limited`);
        await sleep(e.msBeforeNext);
        await call(`${label} again`);
      }
    };
    await call("1");
    await sleep(c.ms(300));
    await call("2");
    await call("3"); // the window (0–1000) is used up: wait until 1000
    c.mark("3 done");
    return log;
  },
  {
    result: ["1: ok, 1 left", "2: ok, 0 left", "3: limited", "3 again: ok, 1 left"],
    elapsed: 1000,
    marks: [
      ["3 limited", 300],
      ["3 done", 1000],
    ],
  },
  { scale: 10 },
);

scenario(
  "limiter 4.1.0: a RateLimiter of 2 per 400 ms and a TokenBucket refilling 1 per 100 ms pace callers",
  async (c) => {
    const rl = new RateLimiter({ tokensPerInterval: 2, interval: c.ms(400) });
    const paced: string[] = [];
    await Promise.all(
      ["a", "b", "c", "d", "e"].map(async (m) => {
        await rl.removeTokens(1);
        c.mark(`rl ${m}`);
        paced.push(m);
      }),
    );
    const bucket = new TokenBucket({ bucketSize: 2, tokensPerInterval: 1, interval: c.ms(100) });
    for (let i = 1; i <= 4; i++) {
      await bucket.removeTokens(1);
      c.mark(`bucket ${i}`);
    }
    return paced;
  },
  {
    // the RateLimiter hands out 2 tokens per 400 ms window; the TokenBucket starts empty (created at 800)
    // and gains one token per 100 ms
    result: ["a", "b", "c", "d", "e"],
    elapsed: 1200,
    marks: [
      ["rl a", 0],
      ["rl b", 0],
      ["rl c", 400],
      ["rl d", 400],
      ["rl e", 800],
      ["bucket 1", 900],
      ["bucket 2", 1000],
      ["bucket 3", 1100],
      ["bucket 4", 1200],
    ],
  },
  { scale: 5 },
);

// ===== throttle-debounce =====

scenario(
  "throttle-debounce 5.0.2: debounce(300) keeps the last call of a burst; throttle(300) runs leading and trailing",
  async (c) => {
    const calls: string[] = [];
    const save = debounce(c.ms(300), (v: string) => {
      c.mark(`save ${v}`);
      calls.push(`save ${v}`);
    });
    const track = throttle(c.ms(300), (v: number) => {
      c.mark(`track ${v}`);
      calls.push(`track ${v}`);
    });
    await script(c, [
      [0, () => save("a")],
      [100, () => save("ab")],
      [200, () => save("abc")],
      [1000, () => track(1)],
      [1100, () => track(2)],
      [1200, () => track(3)],
      [1700, () => {}],
    ]);
    return calls;
  },
  {
    // debounce re-arms on each call: 200 + 300; throttle: 1 at once, 3 (the last) at 1000 + 300
    result: ["save abc", "track 1", "track 3"],
    elapsed: 1700,
    marks: [
      ["save abc", 500],
      ["track 1", 1000],
      ["track 3", 1300],
    ],
  },
  { scale: 10 },
);

// ===== p-event =====

scenario(
  "p-event 7.1.1: an event awaited under a 1 s timeout comes at 400; the next never comes and times out",
  async (c) => {
    const server = new EventEmitter();
    setTimeout(() => server.emit("listening", 8080), c.ms(400));
    const port = await pEvent(server, "listening", { timeout: c.ms(1000) });
    c.mark("listening");
    const closed = await pEvent(server, "close", { timeout: c.ms(500) }).catch((e: Error) =>
      e instanceof TimeoutError ? "TimeoutError" : String(e),
    );
    c.mark(String(closed));
    return [port, closed, server.listenerCount("close")];
  },
  {
    result: [8080, "TimeoutError", 0],
    elapsed: 900,
    marks: [
      ["listening", 400],
      ["TimeoutError", 900],
    ],
  },
  { scale: 10 },
);

// ===== caches and dates =====

scenario(
  "quick-lru 7.3.0: maxAge 1 s — an entry is gone at its expiry instant, a later one lives on",
  async (c) => {
    const lru = new QuickLRU<string, string>({ maxSize: 10, maxAge: c.ms(1000) });
    lru.set("a", "A");
    await sleep(c.ms(500));
    lru.set("b", "B");
    await sleep(c.ms(200));
    const before = [lru.get("a"), lru.has("b")];
    await sleep(c.ms(300));
    // exactly at a's expiry (Date.now() = set time + maxAge): only the bubble's clock is that exact
    if (c.virtual) assert.deepEqual([lru.has("a"), lru.expiresIn("b")], [false, 500]);
    await sleep(c.ms(200));
    const after = [lru.get("a"), lru.get("b")];
    await sleep(c.ms(400));
    return [before, after, lru.get("b") ?? "b expired", lru.size];
  },
  {
    // a expires at 1000, b at 1500; an entry whose expiry <= Date.now() is gone
    result: [["A", true], [undefined, "B"], "b expired", 0],
    elapsed: 1600,
  },
  { scale: 5 },
);

test("dayjs 1.11.23 and luxon 3.7.2 read the bubble's clock: 2000-01-01T00:00:00Z, then 90 virtual minutes later", async () => {
  const got = await synctest.run(async () => {
    const start = dayjs();
    const lux = DateTime.utc();
    await sleep(90 * 60_000);
    return {
      start: start.toISOString(),
      later: dayjs().toISOString(),
      diffMin: dayjs().diff(start, "minute"),
      luxStart: lux.toISO(),
      luxLater: DateTime.utc().toFormat("yyyy-LL-dd HH:mm"),
      luxDiff: DateTime.utc().diff(lux, ["hours", "minutes"]).toObject(),
    };
  });
  assert.deepEqual(got, {
    start: "2000-01-01T00:00:00.000Z",
    later: "2000-01-01T01:30:00.000Z",
    diffMin: 90,
    luxStart: "2000-01-01T00:00:00.000Z",
    luxLater: "2000-01-01 01:30",
    luxDiff: { hours: 1, minutes: 30 },
  });
});

// ===== Node's own APIs =====

scenario(
  "node:timers/promises: a setInterval async iterator for 5 ticks, then scheduler.wait(250)",
  async (c) => {
    let n = 0;
    for await (const v of everyMs(c.ms(100), "tick")) {
      n++;
      c.mark(`${v} ${n}`);
      if (n === 5) break;
    }
    await scheduler.wait(c.ms(250));
    c.mark("waited");
    return n;
  },
  {
    result: 5,
    elapsed: 750,
    marks: [
      ["tick 1", 100],
      ["tick 2", 200],
      ["tick 3", 300],
      ["tick 4", 400],
      ["tick 5", 500],
      ["waited", 750],
    ],
  },
  { scale: 10 },
);

scenario(
  "node:timers/promises: a setInterval iterator whose consumer is slow, stopped by AbortSignal.timeout(1000)",
  async (c) => {
    const seen: number[] = [];
    try {
      let n = 0;
      for await (const _ of everyMs(c.ms(100), null, { signal: AbortSignal.timeout(c.ms(1000)) })) {
        n++;
        seen.push(n);
        c.mark(`tick ${n}`);
        await sleep(c.ms(250)); // ticks queue up meanwhile, and come out at once
      }
      return "not aborted";
    } catch (e) {
      c.mark((e as Error).name);
      return [(e as Error).name, seen];
    }
  },
  {
    // Node's iterator (lib/timers/promises.js) counts the ticks that fire while the consumer is away and
    // yields them without waiting, checking the signal only once that backlog is empty: ticks fire at
    // 100 … 900 (the abort, armed first, fires before the tick at 1000 and clears the interval); the
    // consumer takes one every 250 ms from 100, the ninth at 2100, and finds the abort at 2350
    result: ["AbortError", [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    elapsed: 2350,
    marks: [
      ["tick 1", 100],
      ["tick 2", 350],
      ["tick 3", 600],
      ["tick 4", 850],
      ["tick 5", 1100],
      ["tick 6", 1350],
      ["tick 7", 1600],
      ["tick 8", 1850],
      ["tick 9", 2100],
      ["AbortError", 2350],
    ],
  },
  { scale: 5 },
);

scenario(
  "events.once under AbortSignal.timeout: an event at 200 beats a 500 ms timeout; a missing one aborts at 500",
  async (c) => {
    const ee = new EventEmitter();
    setTimeout(() => ee.emit("ready", "db"), c.ms(200));
    const [what] = await once(ee, "ready", { signal: AbortSignal.timeout(c.ms(500)) });
    c.mark(`ready ${what}`);
    const missing = await once(ee, "drain", { signal: AbortSignal.timeout(c.ms(500)) }).catch(
      (e: Error) => `${e.name} (${(e.cause as Error).name})`,
    );
    c.mark("gave up");
    return [what, missing, ee.listenerCount("drain")];
  },
  {
    result: ["db", "AbortError (TimeoutError)", 0],
    elapsed: 700,
    marks: [
      ["ready db", 200],
      ["gave up", 700],
    ],
  },
  { scale: 10 },
);

/** A readable that yields `n` chunks, one every `ms`. */
function slowSource(n: number, ms: number): Readable {
  return Readable.from(
    (async function* () {
      for (let i = 1; i <= n; i++) {
        await sleep(ms);
        yield `chunk ${i}\n`;
      }
    })(),
  );
}

/**
 * A readable pushed one chunk every `ms` by an interval (a socket-like source: destroying it stops it at
 * once, where an async generator's Readable.from waits for its pending next() on Node 24).
 */
function pushedSource(n: number, ms: number): Readable {
  const r = new Readable({ read() {} });
  let i = 0;
  const t = setInterval(() => {
    i++;
    r.push(`chunk ${i}\n`);
    if (i === n) {
      clearInterval(t);
      r.push(null);
    }
  }, ms);
  r.on("close", () => clearInterval(t));
  return r;
}

scenario(
  "stream/promises pipeline: a slow source through a transform into a sink, then one cut by AbortSignal.timeout(350)",
  async (c) => {
    const got: string[] = [];
    const sink = () =>
      new Writable({
        write(chunk, _enc, cb) {
          got.push(String(chunk).trim());
          c.mark(String(chunk).trim());
          cb();
        },
      });
    const upper = () =>
      new Transform({
        transform(chunk, _enc, cb) {
          cb(null, String(chunk).toUpperCase());
        },
      });
    await pipeline(pushedSource(3, c.ms(100)), upper(), sink());
    c.mark("first done");
    const cut = await pipeline(pushedSource(5, c.ms(100)), upper(), sink(), {
      signal: AbortSignal.timeout(c.ms(350)),
    }).catch((e: Error) => e.name);
    c.mark(String(cut));
    return [got, cut];
  },
  {
    result: [["CHUNK 1", "CHUNK 2", "CHUNK 3", "CHUNK 1", "CHUNK 2", "CHUNK 3"], "AbortError"],
    elapsed: 650,
    marks: [
      ["CHUNK 1", 100],
      ["CHUNK 2", 200],
      ["CHUNK 3", 300],
      ["first done", 300],
      ["CHUNK 1", 400],
      ["CHUNK 2", 500],
      ["CHUNK 3", 600],
      ["AbortError", 650],
    ],
  },
  { scale: 10 },
);

scenario(
  "readline over a slow stream: lines as they come, each under a 150 ms idle timer that finally fires",
  async (c) => {
    const rl = createInterface({ input: slowSource(3, c.ms(100)), crlfDelay: Number.POSITIVE_INFINITY });
    const lines: string[] = [];
    let idle: ReturnType<typeof setTimeout> | undefined;
    const idleFired = new Promise<string>((resolve) => {
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => resolve("idle"), c.ms(150));
      };
      arm();
      rl.on("line", (line) => {
        lines.push(line);
        c.mark(line);
        arm();
      });
    });
    await once(rl, "close");
    c.mark("closed");
    const why = await idleFired;
    c.mark(why);
    return [lines, why];
  },
  {
    // the source ends right after its last line (300); the idle timer re-armed then fires at 450
    result: [["chunk 1", "chunk 2", "chunk 3"], "idle"],
    elapsed: 450,
    marks: [
      ["chunk 1", 100],
      ["chunk 2", 200],
      ["chunk 3", 300],
      ["closed", 300],
      ["idle", 450],
    ],
  },
  { scale: 10 },
);

// ===== regressions (fakes.ts) =====

test("a process.nextTick of bubble code holds the clock until it and its microtasks have run", async () => {
  // A tick queued by a microtask, or a promise resolved from a tick, used to run after the bubble had
  // checked for a drained microtask queue and jumped to the next timer (here 1000): a stream's 'end'
  // after an async generator's last chunk came a timer late.
  const got = await synctest.run(async () => {
    const t0 = Date.now();
    const log: string[] = [];
    const mark = (s: string) => log.push(`${s}@${Date.now() - t0}`);
    setTimeout(() => mark("1000"), 1000);
    setTimeout(() => {
      void Promise.resolve().then(() => process.nextTick(() => process.nextTick(() => mark("tick in tick"))));
    }, 100);
    await new Promise<void>((resolve) =>
      setTimeout(async () => {
        await null;
        process.nextTick(resolve);
      }, 200),
    );
    mark("resolved from a tick");
    const src = Readable.from(
      (async function* () {
        await sleep(100);
        yield "x";
      })(),
    );
    src.resume();
    await once(src, "end");
    mark("stream end");
    return log;
  });
  assert.deepEqual(got, ["tick in tick@100", "resolved from a tick@200", "stream end@300"]);
});
