// fs.watchFile and fs.unwatchFile inside a bubble (fakewatch.ts): the stat poller runs on the bubble's
// clock — a stat at once, then one every `interval` virtual ms — with Node's rules for when the listener
// is called (a change of the stats; a missing file, its appearance and its removal; zeroed stats, times
// at the epoch), one StatWatcher per path, ref counting and `persistent`. Each poll is a real stat that
// holds the bubble's time. Outside bubbles the wrappers pass calls to Node's own functions.
//
// Files change size at each write: the host's file times are coarse (a few ms), and a bubble's virtual
// intervals pass in microseconds of real time, so a same-size rewrite may keep every stat field.
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import fs, {
  mkdtempSync,
  rmSync,
  type Stats,
  unlinkSync,
  unwatchFile,
  watchFile,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import * as synctest from "../../../src/synctest.ts";

const require = createRequire(import.meta.url);
// Taken at load, after gort/synctest's import, as a library would.
const { watchFile: cjsWatchFile, unwatchFile: cjsUnwatchFile } =
  require("node:fs") as typeof import("node:fs");

const dir = mkdtempSync(join(tmpdir(), "gort-watchfile-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** A fresh path in the test directory (the file does not exist yet). */
const fresh = () => join(dir, `f${n++}.txt`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Call = { at: number; curr: Stats; prev: Stats };

/** Runs fn in a bubble with a clock reading (virtual ms since the start) and a listener recording calls. */
function bubble<T>(
  fn: (now: () => number, calls: Call[], listener: (curr: Stats, prev: Stats) => void) => Promise<T>,
  opts?: synctest.BubbleOptions,
): Promise<T> {
  return synctest.run(async () => {
    const t0 = Date.now();
    const now = () => Date.now() - t0;
    const calls: Call[] = [];
    return fn(now, calls, (curr, prev) => calls.push({ at: now(), curr, prev }));
  }, opts);
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  assert.fail("the bubble did not fail");
}

describe("fs.watchFile in a bubble polls on the virtual clock", () => {
  test("interval 100: a write at virtual 250 is seen at 300, while the stat holds the bubble's time", async () => {
    const f = fresh();
    writeFileSync(f, "a");
    const got = await bubble(async (now, calls, listener) => {
      const w = watchFile(f, { interval: 100 }, listener);
      await sleep(250);
      writeFileSync(f, "bb");
      // A timer 1 ms after the poll: the poll's stat holds time, so the listener has run at 300.
      await sleep(51);
      const seen = calls.map((c) => [c.at, c.prev.size, c.curr.size]);
      await sleep(1000 - now()); // nothing else changes: no more calls
      unwatchFile(f);
      return { seen, after: calls.length, at: now(), w };
    });
    assert.deepEqual(got.seen, [[300, 1, 2]]);
    assert.equal(got.after, 1);
    assert.equal(got.at, 1000);
    assert.ok(got.w instanceof EventEmitter);
    assert.equal(got.w.constructor.name, "StatWatcher");
  });

  test("the default interval is 5007 ms; the first poll calls nobody for a file that exists", async () => {
    const f = fresh();
    writeFileSync(f, "a");
    const got = await bubble(async (_now, calls, listener) => {
      watchFile(f, listener);
      await sleep(1);
      writeFileSync(f, "ab");
      await sleep(10_100);
      unwatchFile(f, listener);
      return calls.map((c) => c.at);
    });
    assert.deepEqual(got, [5007]);
  });

  test("missing, then created, deleted, created again: zeroed stats for a missing file, as Node gives", async () => {
    const f = fresh();
    const got = await bubble(async (now, calls, listener) => {
      watchFile(f, { interval: 100 }, listener);
      await sleep(150);
      writeFileSync(f, "abc");
      await sleep(270 - now());
      unlinkSync(f);
      await sleep(430 - now());
      writeFileSync(f, "abcdefg");
      await sleep(600 - now());
      unwatchFile(f);
      return calls;
    });
    assert.deepEqual(
      got.map((c) => [c.at, c.prev.size, c.curr.size, c.prev.nlink, c.curr.nlink]),
      [
        [0, 0, 0, 0, 0], // missing at the first poll: once, both zeroed
        [200, 0, 3, 0, 1], // created
        [300, 3, 0, 1, 0], // deleted: curr zeroed
        [500, 3, 7, 1, 1], // created again: prev is the last stats seen before the deletion (libuv's)
      ],
    );
    const [missing, created] = got;
    for (const s of [missing.curr, missing.prev, created.prev]) {
      assert.ok(s instanceof fs.Stats);
      assert.equal(s.mtime.getTime(), 0);
      assert.equal(s.mtimeMs, 0);
      assert.equal(s.ino, 0);
      assert.equal(s.isFile(), false);
    }
    assert.ok(created.curr instanceof fs.Stats);
    assert.ok(created.curr.isFile());
    assert.ok(created.curr.mtime.getTime() > 0);
    assert.notEqual(got[3].prev, got[2].prev, "each call gets fresh stats objects");
  });

  test("bigint: true gives BigIntStats, zeroed as 0n with times at the epoch", async () => {
    const f = fresh();
    const got = await bubble(async (_now, calls) => {
      watchFile(f, { interval: 50, bigint: true }, (curr, prev) =>
        calls.push({ at: Date.now(), curr: curr as unknown as Stats, prev: prev as unknown as Stats }),
      );
      await sleep(60);
      writeFileSync(f, "x");
      await sleep(50);
      unwatchFile(f);
      return calls.map((c) => c.curr as unknown as fs.BigIntStats);
    });
    assert.equal(got.length, 2);
    assert.equal(got[0].constructor.name, "BigIntStats");
    assert.equal(got[0].size, 0n);
    assert.equal(got[0].mtimeNs, 0n);
    assert.equal(got[0].atime.getTime(), 0);
    assert.equal(got[1].size, 1n);
    assert.ok(got[1].mtimeNs > 0n);
  });

  test("one StatWatcher per path: a listener added twice is called twice; unwatchFile removes one, then all, and 'stop' follows", async () => {
    const f = fresh();
    writeFileSync(f, "a");
    const got = await bubble(async (now, calls, listener) => {
      const log: string[] = [];
      const w1 = watchFile(f, { interval: 100 }, listener);
      const w2 = watchFile(f, { interval: 7 }, listener); // the first one's interval stays
      w1.on("stop", () => log.push(`stop at ${now()}`));
      const same = w1 === w2;
      await sleep(1); // after the first poll's stat
      writeFileSync(f, "ab");
      await sleep(150);
      const both = calls.map((c) => c.at);
      unwatchFile(f, () => {}); // not a listener of it: nothing changes
      unwatchFile(f, listener);
      const afterOne = w1.listenerCount("change");
      writeFileSync(f, "abc");
      await sleep(100);
      const one = calls.map((c) => c.at);
      unwatchFile(f);
      log.push(`unwatched at ${now()}, ${w1.listenerCount("change")} listeners`);
      await sleep(1);
      writeFileSync(f, "abcd");
      await sleep(500);
      // A new watcher for the path: the old one is stopped for good.
      const w3 = watchFile(f, { interval: 100 }, listener);
      unwatchFile(f);
      return { same, both, afterOne, one, log, total: calls.length, renewed: w3 !== w1 };
    });
    assert.equal(got.same, true);
    assert.deepEqual(got.both, [100, 100]);
    assert.equal(got.afterOne, 1);
    assert.deepEqual(got.one, [100, 100, 200]);
    assert.deepEqual(got.log, ["unwatched at 251, 0 listeners", "stop at 251"]);
    assert.equal(got.total, 3);
    assert.equal(got.renewed, true);
  });

  test("a URL, a relative path and CommonJS references taken at load name the same watcher", async () => {
    const f = fresh();
    const got = await bubble(async (_now, calls, listener) => {
      const w1 = cjsWatchFile(pathToFileURL(f), { interval: 100 }, listener);
      const w2 = watchFile(relative(process.cwd(), f), listener);
      await sleep(1);
      writeFileSync(f, "x");
      await sleep(100);
      cjsUnwatchFile(f);
      return { same: w1 === w2, at: calls.map((c) => c.at) };
    });
    assert.equal(got.same, true);
    assert.deepEqual(got.at, [0, 0, 100, 100]);
  });

  test("arguments Node rejects throw Node's own errors; unwatchFile of an unwatched path does nothing", async () => {
    const f = fresh();
    await bubble(async () => {
      assert.throws(() => watchFile(f, undefined as never), { code: "ERR_INVALID_ARG_TYPE" });
      assert.throws(() => watchFile(f, { interval: -1 }, () => {}), {
        code: "ERR_OUT_OF_RANGE",
        message: /"interval".*Received -1/,
      });
      assert.throws(() => watchFile(f, { interval: "5" as never }, () => {}), {
        code: "ERR_INVALID_ARG_TYPE",
      });
      assert.throws(() => watchFile(5 as never, () => {}), { code: "ERR_INVALID_ARG_TYPE" });
      assert.throws(() => watchFile(new URL("http://x/y"), () => {}), { code: "ERR_INVALID_URL_SCHEME" });
      assert.throws(() => unwatchFile(5 as never), { code: "ERR_INVALID_ARG_TYPE" });
      unwatchFile(f);
    });
  });
});

describe("a bubble's end with fs.watchFile still active", () => {
  test("a persistent watcher is a leftover like a setInterval, named with its path, interval and site", async () => {
    const f = fresh();
    const e = await failure(
      bubble(async (_now, _calls, listener) => {
        watchFile(f, { interval: 100 }, listener);
        await sleep(250);
      }),
    );
    assert.ok(e instanceof synctest.SynctestError);
    const here = new URL(import.meta.url).pathname.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    assert.match(
      e.message,
      new RegExp(
        `^synctest: periodic timers still running when the bubble ended \\(stop them, or pass allowPendingTimers\\):\\n\\tfs\\.watchFile\\(${f.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\) polling every 100ms, next at 300\\.000ms, created at \\S*${here}:\\d+:\\d+$`,
      ),
    );
  });

  test("persistent: false, or unref(), is no leftover; ref() makes it one again", async () => {
    const f = fresh();
    const g = fresh();
    const got = await bubble(async (_now, calls, listener) => {
      watchFile(f, { interval: 100, persistent: false }, listener);
      watchFile(g, { interval: 100 }, listener).unref();
      await sleep(250);
      return calls.length;
    });
    assert.equal(got, 2); // both missing: one call each at the first poll
    const e = await failure(
      bubble(async (_now, _calls, listener) => {
        watchFile(f, { interval: 100, persistent: false }, listener).ref();
        await sleep(50);
      }),
    );
    assert.match(e.message, /\tfs\.watchFile\(.*\) polling every 100ms, next at 100\.000ms, created at /);
  });

  test("allowPendingTimers lets a persistent watcher stay; outside the bubble its path is not watched", async () => {
    const f = fresh();
    let calls = 0;
    const inBubble = await synctest.run(
      async () => {
        const w = watchFile(f, { interval: 10 }, () => calls++);
        await sleep(15);
        return w;
      },
      { allowPendingTimers: true },
    );
    assert.equal(calls, 1); // the missing file, at the first poll
    // Outside the bubble the path is not watched: a watcher made there is Node's own.
    const outside = watchFile(f, { interval: 5 }, () => {});
    assert.notEqual(outside, inBubble);
    assert.ok("_handle" in outside);
    unwatchFile(f);
  });
});

describe("outside bubbles", () => {
  test("fs.watchFile is Node's own: a real StatWatcher polling on the host's clock", async () => {
    const f = fresh();
    const marker = Symbol.for("gort.hostFunction");
    assert.equal(typeof (fs.watchFile as unknown as Record<symbol, unknown>)[marker], "function");
    const sizes: number[] = [];
    let next = () => {};
    const call = () => new Promise<void>((r) => (next = r));
    const missing = call();
    const w = watchFile(f, { interval: 5 }, (curr) => {
      sizes.push(curr.size);
      next();
    });
    assert.ok("_handle" in w, "Node's StatWatcher has a native handle");
    const stopped = new Promise<void>((r) => w.once("stop", r));
    await missing; // the host's first poll: the file is missing
    const created = call();
    writeFileSync(f, "real");
    await created; // from the host's poller (a bubble's would never run here)
    unwatchFile(f);
    await stopped;
    assert.deepEqual(sizes, [0, 4]);
  });
});
