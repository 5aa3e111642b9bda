// Options objects and the arguments of gort/trace, signal.notifyContext and a few methods, checked up front
// (internal/args.ts: badOptions, a3): a bad one is a TypeError (a RangeError for a number out of range)
// naming the call and the option and saying what is accepted — thrown, or the rejection of a call that
// returns a promise — and nothing has changed. undefined and null options objects mean every default.
// docs/failures.md lists these under "an option of the wrong type or out of range".
import assert from "node:assert/strict";
import * as diagnostics_channel from "node:diagnostics_channel";
import { describe, test } from "node:test";
import { context, isGoPanic, numGoroutine, Runtime, semaphore, signal, sync, time } from "../../src/index.ts";
import * as synctest from "../../src/synctest.ts";
import { test as nodeBubbleTest } from "../../src/testing/node.ts";
import * as trace from "../../src/trace.ts";

type Ctor = new (...a: never[]) => Error;

/** f throws (sync) an error of class E with exactly this message. */
function throwsExactly(f: () => unknown, E: Ctor, message: string): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof E, `${String(e)} is a ${E.name}`);
    assert.ok(!isGoPanic(e));
    assert.equal((e as Error).message, message);
    return true;
  });
}

/** f returns a promise (never throws synchronously) that rejects with an error of class E and this message. */
async function rejectsExactly(f: () => Promise<unknown>, E: Ctor, message: string): Promise<void> {
  let p: Promise<unknown> | undefined;
  assert.doesNotThrow(() => {
    p = f();
  }, "a call that returns a promise does not throw");
  await assert.rejects(p!, (e: unknown) => {
    assert.ok(e instanceof E, `${String(e)} is a ${E.name}`);
    assert.equal((e as Error).message, message);
    return true;
  });
}

const bad = (v: unknown): never => v as never;

describe("new Runtime options", () => {
  const who = "new Runtime";
  const cases: [Record<string, unknown>, Ctor, string][] = [
    [
      { stallTimeout: Number.NaN },
      TypeError,
      "stallTimeout must be a number of ms from 0 to 2147483647 (0: never), got NaN",
    ],
    [
      { stallTimeout: -1 },
      RangeError,
      "stallTimeout must be a number of ms from 0 to 2147483647 (0: never), got -1",
    ],
    [
      { stallTimeout: Number.POSITIVE_INFINITY },
      RangeError,
      "stallTimeout must be a number of ms from 0 to 2147483647 (0: never), got Infinity",
    ],
    [{ fakeEpoch: 5 }, TypeError, "fakeEpoch must be a bigint in the int64 range, got 5"],
    [
      { fakeEpoch: 1n << 63n },
      RangeError,
      "fakeEpoch must be a bigint in the int64 range, got 9223372036854775808n",
    ],
    [{ clock: "FAKE" }, TypeError, 'clock must be "real" or "fake", got string "FAKE"'],
    [{ seed: Number.NaN }, TypeError, "seed must be an integer, got NaN"],
    [{ seed: "2" }, TypeError, 'seed must be an integer, got string "2"'],
    [{ seed: 1.5 }, RangeError, "seed must be an integer, got 1.5"],
    [{ timerPrecision: "x" }, TypeError, 'timerPrecision must be "ms" or "sub-ms", got string "x"'],
    [
      { maxClockAdvances: "x" },
      TypeError,
      'maxClockAdvances must be a non-negative integer or Infinity, got string "x"',
    ],
    [
      { maxClockAdvances: -1 },
      RangeError,
      "maxClockAdvances must be a non-negative integer or Infinity, got -1",
    ],
    [
      { maxVirtualTime: Number.NaN },
      TypeError,
      "maxVirtualTime must be a non-negative number of ns or Infinity, got NaN",
    ],
    [
      { maxVirtualTime: -1 },
      RangeError,
      "maxVirtualTime must be a non-negative number of ns or Infinity, got -1",
    ],
    [{ label: 5 }, TypeError, "label must be a string, got 5"],
    [{ spawnSites: "yes" }, TypeError, 'spawnSites must be a boolean, got string "yes"'],
    [{ waitForGoroutines: 1 }, TypeError, "waitForGoroutines must be a boolean, got 1"],
    [{ procs: "2" }, TypeError, 'procs must be a positive integer (at most 1024), got string "2"'],
    [{ procs: null }, TypeError, "procs must be a positive integer (at most 1024), got null"],
  ];

  test("each option of the wrong type or out of range: a TypeError or RangeError naming it", () => {
    for (const [opts, E, msg] of cases) throwsExactly(() => new Runtime(opts), E, `${who}: options.${msg}`);
    // procs out of range keeps the runtime's own message
    throwsExactly(
      () => new Runtime({ procs: 0 }),
      RangeError,
      "gort: procs must be a positive integer, got 0",
    );
  });

  test("options that are not an object are a TypeError; undefined and null mean every default", async () => {
    for (const [opts, got] of [
      [5, "5"],
      ["fake", 'string "fake"'],
      [[], "object"],
    ] as const)
      throwsExactly(() => new Runtime(bad(opts)), TypeError, `${who}: options must be an object, got ${got}`);
    for (const opts of [undefined, null]) {
      const rt = new Runtime(bad(opts));
      assert.equal(rt.gomaxprocs, 1);
      assert.equal(await rt.run(() => 7), 7);
    }
  });

  test("every option at a good value is accepted; unknown keys are left alone; undefined is the default", async () => {
    const rt = new Runtime({
      procs: 2,
      clock: "fake",
      seed: -3,
      spawnSites: false,
      fakeEpoch: 0n,
      waitForGoroutines: false,
      maxVirtualTime: Number.POSITIVE_INFINITY,
      maxClockAdvances: Number.POSITIVE_INFINITY,
      stallTimeout: 0,
      label: "x",
      timerPrecision: "sub-ms",
      stallTimout: Number.NaN, // a misspelt key: not an option, left alone
    } as never);
    assert.equal(await rt.run(() => time.now().unixNano()), 0n, "the fake clock starts at fakeEpoch");
    const rt2 = new Runtime({
      clock: "fake",
      seed: undefined,
      fakeEpoch: undefined,
      stallTimeout: undefined,
    });
    await rt2.run(() => time.sleep(time.Second));
  });
});

describe("synctest options", () => {
  const ok = () => {};

  test("synctest.run rejects (never throws) with a TypeError or RangeError naming the option", async () => {
    const cases: [unknown, Ctor, string][] = [
      [5, TypeError, "options must be an object, got 5"],
      [
        { stallTimeout: Number.NaN },
        TypeError,
        "options.stallTimeout must be a number of ms from 0 to 2147483647 (0: wait forever), got NaN",
      ],
      [
        { timeout: -1 },
        RangeError,
        "options.timeout must be a number of ms from 0 to 2147483647 (0: no limit), got -1",
      ],
      [{ seed: Number.NaN }, TypeError, "options.seed must be an integer, got NaN"],
      [
        { maxClockAdvances: "x" },
        TypeError,
        'options.maxClockAdvances must be a non-negative integer or Infinity, got string "x"',
      ],
      [
        { maxTimerFirings: 1.5 },
        RangeError,
        "options.maxTimerFirings must be a non-negative integer or Infinity, got 1.5",
      ],
      [
        { maxVirtualTime: -1 },
        RangeError,
        "options.maxVirtualTime must be a non-negative number of ns or Infinity, got -1",
      ],
      [{ procs: "2" }, TypeError, 'options.procs must be a positive integer (at most 1024), got string "2"'],
      [{ signal: "x" }, TypeError, 'options.signal must be an AbortSignal, got string "x"'],
      [{ fakeGlobals: 0 }, TypeError, "options.fakeGlobals must be a boolean, got 0"],
      [
        { allowPendingTimers: "yes" },
        TypeError,
        'options.allowPendingTimers must be a boolean, got string "yes"',
      ],
      [{ strictTimers: null }, TypeError, "options.strictTimers must be a boolean, got null"],
      [{ sites: 1 }, TypeError, "options.sites must be a boolean, got 1"],
    ];
    for (const [opts, E, msg] of cases)
      await rejectsExactly(() => synctest.run(ok, bad(opts)), E, `synctest.run: ${msg}`);
    assert.equal(await synctest.run(() => 1, bad(null)), 1, "null options: the defaults");
  });

  test("synctest.explore rejects; its seeds and firstSeed are checked too", async () => {
    await rejectsExactly(
      () => synctest.explore(ok, { seeds: -1 }),
      RangeError,
      "synctest.explore: options.seeds must be a non-negative integer, got -1",
    );
    await rejectsExactly(
      () => synctest.explore(ok, { firstSeed: bad("1") }),
      TypeError,
      'synctest.explore: options.firstSeed must be an integer, got string "1"',
    );
    await rejectsExactly(
      () => synctest.explore(ok, { stallTimeout: Number.NaN }),
      TypeError,
      "synctest.explore: options.stallTimeout must be a number of ms from 0 to 2147483647 (0: wait forever), got NaN",
    );
    await rejectsExactly(
      () => synctest.explore(bad(5)),
      TypeError,
      "synctest.explore: fn is not a function: 5",
    );
    let runs = 0;
    await synctest.explore(
      () => {
        runs++;
      },
      { seeds: 3, firstSeed: 7 },
    );
    assert.equal(runs, 3);
  });

  test("synctest.bubble and synctest.test (no promise of their own) throw at once", () => {
    throwsExactly(
      () => synctest.bubble(ok, { sites: bad("no") }),
      TypeError,
      'synctest.bubble: options.sites must be a boolean, got string "no"',
    );
    throwsExactly(() => synctest.bubble(bad(5)), TypeError, "synctest.bubble: fn is not a function: 5");
    throwsExactly(
      () => synctest.bubble(ok, bad(5)),
      TypeError,
      "synctest.bubble: options must be an object, got 5",
    );
    throwsExactly(
      () => synctest.test("never registered", ok, { stallTimeout: Number.NaN }),
      TypeError,
      "synctest.test: options.stallTimeout must be a number of ms from 0 to 2147483647 (0: wait forever), got NaN",
    );
    throwsExactly(
      () => synctest.test("never registered", bad(5)),
      TypeError,
      "synctest.test: fn is not a function: 5",
    );
  });

  test("synctest.bubble with null options runs with the defaults", async () => {
    const body = synctest.bubble(() => time.sleep(time.Hour), bad(null));
    await body();
  });

  test("gort/testing/node's test rejects (never throws) for bad options, before registering", async () => {
    await rejectsExactly(
      () => nodeBubbleTest("never registered", ok, { stallTimeout: Number.NaN }),
      TypeError,
      "synctest.bubble: options.stallTimeout must be a number of ms from 0 to 2147483647 (0: wait forever), got NaN",
    );
    await rejectsExactly(
      () => nodeBubbleTest("never registered", ok, bad(5)),
      TypeError,
      "synctest.bubble: options must be an object, got 5",
    );
  });
});

describe("gort/trace arguments", () => {
  const channel = diagnostics_channel.channel(trace.traceChannelName);

  test("recordTrace and subscribeTrace refuse what is not a writer or a function: nothing subscribes", async () => {
    throwsExactly(
      () => trace.recordTrace(bad(null)),
      TypeError,
      "trace.recordTrace: writer must be a TraceWriter (event, close), got null",
    );
    throwsExactly(
      () => trace.recordTrace(new trace.TextTimelineWriter(trace.stringSink()), 1.5),
      TypeError,
      "trace.recordTrace: runtime must be a runtime id (Runtime.id), got 1.5",
    );
    throwsExactly(
      () => trace.subscribeTrace(bad(5)),
      TypeError,
      "trace.subscribeTrace: fn is not a function: 5",
    );
    assert.equal(channel.hasSubscribers, false);
    // a later runtime is unaffected (the bad subscriber would have thrown from the channel)
    const r = await new Runtime({ clock: "fake" }).run(async () => {
      await time.sleep(time.Second);
      return "ok";
    });
    assert.equal(r, "ok");
  });

  test("createTraceWriter, the writers' constructors, startTrace and traceFormatOf check their arguments", () => {
    const sink = trace.stringSink();
    throwsExactly(
      () => trace.createTraceWriter(bad("bogus"), sink),
      TypeError,
      'trace.createTraceWriter: format must be "chrome", "text" or "svg", got string "bogus"',
    );
    throwsExactly(
      () => trace.createTraceWriter("text", bad(null)),
      TypeError,
      "trace.createTraceWriter: sink must be a TraceSink (write, close), got null",
    );
    throwsExactly(
      () => trace.createTraceWriter("svg", sink, bad({ width: 0 })),
      RangeError,
      "trace.createTraceWriter: options.width must be a positive number of px, got 0",
    );
    throwsExactly(
      () => trace.createTraceWriter("chrome", sink, { label: bad(5) }),
      TypeError,
      "trace.createTraceWriter: options.label must be a string, got 5",
    );
    throwsExactly(
      () => new trace.ChromeTraceWriter(bad({})),
      TypeError,
      "new ChromeTraceWriter: sink must be a TraceSink (write, close), got object",
    );
    throwsExactly(
      () => new trace.SvgTraceWriter(sink, { detailAt: 2 }),
      RangeError,
      "new SvgTraceWriter: options.detailAt must be a fraction from 0 to 1, got 2",
    );
    throwsExactly(
      () => trace.startTrace(bad(5)),
      TypeError,
      "trace.startTrace: dest must be a path (a string) or a TraceSink (write, close), got 5",
    );
    throwsExactly(
      () => trace.startTrace(sink, { format: bad("x") }),
      TypeError,
      'trace.startTrace: options.format must be "chrome", "text" or "svg", got string "x"',
    );
    throwsExactly(
      () => trace.startTrace(sink, { runtime: bad("1") }),
      TypeError,
      'trace.startTrace: options.runtime must be a runtime id (Runtime.id), got string "1"',
    );
    throwsExactly(
      () => trace.traceFormatOf(bad(5)),
      TypeError,
      "trace.traceFormatOf: path must be a string, got 5",
    );
    assert.equal(sink.text(), "", "nothing was written");
    assert.equal(channel.hasSubscribers, false);
    const t = trace.startTrace(sink, bad(null));
    t.stop();
    assert.match(sink.text(), /"traceEvents"/);
  });
});

describe("signal.notifyContext", () => {
  test("a bad signal or parent is refused as notify refuses it, before anything changes", () => {
    const goroutines = numGoroutine();
    const listeners = process.listenerCount("SIGINT");
    throwsExactly(
      () => signal.notifyContext(context.background(), "SIGINT", bad("SIGFOO")),
      TypeError,
      'signal.notifyContext: not a signal name such as "SIGINT": SIGFOO',
    );
    throwsExactly(
      () => signal.notifyContext(context.background(), bad(5)),
      TypeError,
      'signal.notifyContext: not a signal name such as "SIGINT": 5',
    );
    throwsExactly(
      () => signal.notifyContext(bad("x"), "SIGINT"),
      TypeError,
      'signal.notifyContext: parent is not a Context (deadline, done, err, value), got string "x"',
    );
    assert.throws(
      () => signal.notifyContext(bad(null), "SIGINT"),
      (e: unknown) => isGoPanic(e) && (e as Error).message === "cannot create context from nil parent",
    );
    assert.equal(numGoroutine(), goroutines, "no goroutine started");
    assert.equal(process.listenerCount("SIGINT"), listeners, "no signal registered");
  });
});

describe("smaller calls", () => {
  test("new sync.Pool(options): not an object is a TypeError, null the defaults", () => {
    throwsExactly(() => new sync.Pool(bad(5)), TypeError, "Pool: options must be an object, got 5");
    const p = new sync.Pool<number>(bad(null));
    assert.equal(p.get(), undefined);
  });

  test("Time.sub, compare, before, after and equal of a non-Time: a TypeError naming the method", () => {
    const t = time.unix(0, 0);
    for (const m of ["sub", "compare", "before", "after", "equal"] as const)
      throwsExactly(
        () => (t[m] as (u: unknown) => unknown)(5),
        TypeError,
        `time.Time.${m}: u must be a time.Time, got 5`,
      );
    assert.equal(t.sub(time.unix(1, 0)), -time.Second);
  });

  test("Weighted.acquire with a non-Context rejects with a TypeError; the semaphore is unchanged", async () => {
    const sem = semaphore.newWeighted(1);
    for (const [ctx, got] of [
      [null, "null"],
      ["x", 'string "x"'],
    ] as const)
      await rejectsExactly(
        () => sem.acquire(bad(ctx), 1),
        TypeError,
        `semaphore: acquire: ctx is not a Context (done, err), got ${got}`,
      );
    assert.equal(sem.tryAcquire(1), true);
  });
});
