// The bubble's fs.watchFile and fs.unwatchFile: a stat poller on the bubble's clock.
//
// Node's fs.watchFile polls with libuv's uv_fs_poll: a stat at once, then one every `interval` ms of the
// host's clock, calling back when two stats differ (ctime, mtime, birthtime, size, mode, uid, gid, ino,
// dev — not atime or nlink) and when the stat starts failing or fails differently (a missing file: the
// listener gets zeroed stats, times at the epoch). Node keeps one StatWatcher per resolved path, adds each
// listener to it, and counts refs so that unwatchFile(path, listener) can unref it. Inside a bubble that
// real poller saw the bubble's changes at its next real interval, whatever virtual time had passed.
//
// Here, inside a bubble, the same: a StatWatcher (an EventEmitter, Node's class name) whose poll is an
// interval of the bubble's host-style timers (nodetimers.ts), so a change made at virtual 250 with an
// interval of 100 is seen at 300. Each poll is a real fs.stat, started in the bubble's context: host I/O
// of the bubble (iotrack.ts: a request), holding its time until the stat's callback. `persistent: false`
// unrefs the interval (no leftover at the bubble's end, as an unref'd setInterval); an active persistent
// one is a leftover like a setInterval, named by its label (synctest.ts: hostTimerLine). Each bubble has
// its own table of watchers; unwatchFile of a path the bubble does not watch goes to the function it
// replaced (a watcher made outside the bubble). Arguments Node rejects go to the replaced function too,
// which throws Node's own error before it starts anything.
//
// Installed as the timers are (fakes.ts): at gort/synctest's import, pass-through wrappers for good
// (installEarlyWatch), so that `import { watchFile } from "node:fs"` taken after it follows bubbles; a
// bubble patches them only where those are no longer in place (installWatchFakes).
//
// Invariants (StatWatcher.verify and verifyTable, run after each change when VERIFY is on):
//   w1. a watcher's poll is set iff it was started and not stopped since; while set, it is an interval of
//       its bubble's that only stop() clears, and at most one stat of it is in flight.
//   w2. a bubble's table maps a resolved path to a watcher of that path and that bubble, started once;
//       it stays there, stopped or not, until unwatchFile removes it (Node's statWatchers).

import { EventEmitter } from "node:events";
import type { BigIntStats, Stats } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { VERIFY } from "../debug.ts";
import { HostDate } from "../host.ts";
import { marked, nt, patch, place, unwrap, within } from "./fakepatch.ts";
import type { FakeTimeout } from "./faketimeout.ts";
import { maxHostDelayMs } from "./nanotime.ts";
import type { Sched } from "./proc.ts";

type Fn = (...a: unknown[]) => unknown;
type StatsLike = Record<string, unknown>;
type StatCallback = (err: NodeJS.ErrnoException | null, st: Stats | BigIntStats) => void;

const fsMod = process.getBuiltinModule("node:fs") as unknown as Record<string, unknown>;
/** The host's functions as gort loaded (under another copy's load-time wrappers: the host's). */
const hostWatchFile = unwrap(fsMod.watchFile) as Fn;
const hostUnwatchFile = unwrap(fsMod.unwatchFile) as Fn;
const hostStat = fsMod.stat as (path: string, opts: { bigint: boolean }, cb: StatCallback) => void;
const hostStatSync = fsMod.statSync as (path: string, opts: { bigint: boolean }) => StatsLike;

const watchNames = ["watchFile", "unwatchFile"] as const;

/** Frames kept as a poll's creation site: its own start, the fake, the wrapper, then the caller's. */
const siteFrames = 8;

/** What libuv compares of two stats (statbuf_eq; flags and gen are not in Node's Stats). */
const compared = ["size", "mode", "uid", "gid", "ino", "dev"];
const comparedMs = ["ctimeMs", "mtimeMs", "birthtimeMs", ...compared];
const comparedNs = ["ctimeNs", "mtimeNs", "birthtimeNs", ...compared];

function sameStats(a: StatsLike, b: StatsLike, bigint: boolean): boolean {
  for (const k of bigint ? comparedNs : comparedMs) if (a[k] !== b[k]) return false;
  return true;
}

/** Real stats of each kind (Stats, BigIntStats), for their prototype and fields: zeroStats. */
const templates = new Map<boolean, StatsLike>();

/**
 * Node's stats for a stat that failed: every field 0 (0n), every date the epoch. Made from a real stats
 * object of the same kind (the constructors are Node's internals, and fs.Stats is deprecated to call).
 */
function zeroStats(bigint: boolean): StatsLike {
  let t = templates.get(bigint);
  if (t === undefined) {
    t = hostStatSync(process.execPath, { bigint });
    templates.set(bigint, t);
  }
  return copyStats(t, true);
}

/** A copy of stats (Node hands each callback fresh objects), or with `zero`, zeroed stats of its kind. */
function copyStats(src: StatsLike, zero: boolean): StatsLike {
  const out = Object.create(Object.getPrototypeOf(src)) as StatsLike;
  for (const k of Object.keys(src)) {
    const v = src[k];
    // A Date of any realm (Node makes its stats' dates in its own; a Jest environment runs gort in another).
    if (Object.prototype.toString.call(v) === "[object Date]")
      out[k] = new HostDate(zero ? 0 : (v as { getTime(): number }).getTime());
    else if (zero && typeof v === "bigint") out[k] = 0n;
    else if (zero && typeof v === "number") out[k] = 0;
    else out[k] = v;
  }
  return out;
}

const kStart = Symbol("kFSStatWatcherStart");
const kAddOrCleanRef = Symbol("kFSStatWatcherAddOrCleanRef");

function emitStop(w: StatWatcher): void {
  w.emit("stop");
}

/**
 * A bubble's StatWatcher (what fs.watchFile returns), as Node's lib/internal/fs/watchers.js keeps it:
 * 'change' (curr, prev) and 'stop' events, ref()/unref() counted against the listeners added, stop().
 */
class StatWatcher extends EventEmitter {
  readonly #bigint: boolean;
  #refCount = 1;
  #maxRefCount = 1;
  /** The status of the last 'change' emitted (Node's kOldStatus): -1 before any. */
  #oldStatus = -1;
  /** libuv's busy_polling: 0 before the first stat, 1 after one that succeeded, else the last error. */
  #status = 0;
  /** The last stats that succeeded (libuv's statbuf), kept across failures; null before any. */
  #last: StatsLike | null = null;
  #inFlight = false;
  /** The poll: an interval of the bubble's, set from start to stop (w1). */
  #poll: FakeTimeout | null = null;
  #started = false;
  #path = "";

  constructor(bigint: boolean) {
    super();
    this.#bigint = bigint;
  }

  /** Node's no-op stub (kept for compatibility there too). */
  start(): void {}

  /** Stops polling; 'stop' is emitted on the next tick. A no-op once stopped. */
  stop(): void {
    const poll = this.#poll;
    if (poll === null) return;
    process.nextTick(emitStop, this);
    this.#poll = null;
    poll.close();
    if (VERIFY) this.verify();
  }

  ref(): this {
    if (this.#refCount === this.#maxRefCount) return this;
    if (this.#poll !== null && this.#refCount++ === 0) this.#poll.ref();
    return this;
  }

  unref(): this {
    if (this.#refCount === 0) return this;
    if (this.#poll !== null && --this.#refCount === 0) this.#poll.unref();
    return this;
  }

  [kStart](rt: Sched, path: string, persistent: unknown, interval: number): void {
    if (this.#started) return;
    this.#started = true;
    this.#path = path;
    const poll = nt(rt).add(
      () => this.#pollNow(),
      Math.min(interval, maxHostDelayMs),
      [],
      true,
      "setInterval",
      siteFrames,
    );
    poll.label = `fs.watchFile(${path}) polling every ${interval}ms`;
    this.#poll = poll;
    if (!persistent) this.unref();
    this.#pollNow(); // libuv stats at once
    if (VERIFY) this.verify();
  }

  [kAddOrCleanRef](op: "add" | "clean" | "cleanAll"): void {
    if (op === "add") {
      this.#refCount++;
      this.#maxRefCount++;
    } else if (op === "clean") {
      this.#maxRefCount--;
      this.unref();
    } else {
      this.#maxRefCount = 0;
      this.#refCount = 0;
      this.#poll?.unref();
    }
  }

  /** One poll: a real stat, from the bubble's context (its I/O, holding its time until the callback). */
  #pollNow(): void {
    if (this.#poll === null || this.#inFlight) return;
    this.#inFlight = true;
    hostStat(this.#path, { bigint: this.#bigint }, (err, st) => this.#polled(err, st));
  }

  /** libuv's poll_cb: calls back on a new error, or on a success after an error or with other stats. */
  #polled(err: NodeJS.ErrnoException | null, st: Stats | BigIntStats): void {
    this.#inFlight = false;
    if (this.#poll === null) return; // stopped meanwhile: libuv drops the result
    const last = this.#last;
    const prev = () => (last === null ? zeroStats(this.#bigint) : copyStats(last, false));
    const was = this.#status;
    if (err !== null) {
      const code = typeof err.errno === "number" ? err.errno : -1;
      if (was === code) return;
      this.#status = code;
      if (VERIFY) this.verify();
      this.#change(code, zeroStats(this.#bigint), prev());
      return;
    }
    const curr = st as unknown as StatsLike;
    this.#last = curr;
    this.#status = 1;
    if (VERIFY) this.verify();
    if (was !== 0 && (was < 0 || last === null || !sameStats(last, curr, this.#bigint)))
      this.#change(0, curr, prev());
  }

  /** Node's onchange: emits 'change' (curr, prev), except for a repeated -1 status with the same nlink. */
  #change(status: number, curr: StatsLike, prev: StatsLike): void {
    if (this.#oldStatus === -1 && status === -1 && curr.nlink === prev.nlink) return;
    this.#oldStatus = status;
    this.emit("change", curr, prev);
  }

  /** Whether it watches `path` in bubble rt (w2). */
  watches(rt: Sched, path: string): boolean {
    return this.#started && this.#path === path && (this.#poll === null || this.#poll.nt.rt === rt);
  }

  /** Checks w1. */
  verify(): void {
    const poll = this.#poll;
    if (poll === null) {
      if (this.#inFlight && !this.#started) throw new Error("fakewatch: w1 a stat in flight, never started");
      return;
    }
    if (!this.#started) throw new Error("fakewatch: w1 a poll set before start");
    if (poll.repeat <= 0 || poll.cleared) throw new Error("fakewatch: w1 the poll is not a live interval");
  }
}
Object.defineProperty(StatWatcher, "name", { value: "StatWatcher" });

/** Each bubble's watchers by resolved path (Node's statWatchers; w2). */
const tables = new WeakMap<Sched, Map<string, StatWatcher>>();

function tableOf(rt: Sched): Map<string, StatWatcher> {
  let t = tables.get(rt);
  if (t === undefined) {
    t = new Map();
    tables.set(rt, t);
  }
  return t;
}

/** Checks w2 for bubble rt's table. */
function verifyTable(rt: Sched): void {
  for (const [path, w] of tables.get(rt) ?? []) {
    if (!w.watches(rt, path)) throw new Error(`fakewatch: w2 ${path} maps to a watcher of another path`);
    w.verify();
  }
}

/** Node's URL test (internal/url isURL): a URL of any realm. */
function isURL(v: unknown): boolean {
  const u = v as { href?: unknown; protocol?: unknown; auth?: unknown; path?: unknown } | null;
  return (
    typeof u === "object" &&
    u !== null &&
    Boolean(u.href) &&
    Boolean(u.protocol) &&
    u.auth === undefined &&
    u.path === undefined
  );
}

/** The path a filename names, or null where Node rejects it (then its own function throws). */
function pathOf(filename: unknown): string | null {
  let p = filename;
  if (typeof p !== "string") {
    if (!isURL(p)) return null;
    try {
      p = fileURLToPath(p as URL);
    } catch {
      return null;
    }
  }
  return typeof p === "string" && !p.includes("\0") ? p : null;
}

function isUint32(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff;
}

/** A path nobody watches, for the replaced function to reject an interval with Node's own error. */
const badIntervalPath = "gort: an interval Node rejects";

/** The bubble's watchFile and unwatchFile, over the functions `orig` holds now. */
function watchWrappers(orig: Record<string, unknown>): Record<(typeof watchNames)[number], unknown> {
  const outerWatch = orig.watchFile as Fn;
  const outerUnwatch = orig.unwatchFile as Fn;
  const watchFile = (rt: Sched, filename: unknown, options?: unknown, listener?: unknown): unknown => {
    const p = pathOf(filename);
    let opts = options;
    let l = listener;
    if (opts === null || typeof opts !== "object") {
      l = opts;
      opts = null;
    }
    if (p === null || typeof l !== "function") return outerWatch(filename, options, listener);
    const o = { interval: 5007, persistent: true, ...(opts as object) } as {
      interval: unknown;
      persistent: unknown;
      bigint?: unknown;
    };
    const path = resolvePath(p);
    const table = tableOf(rt);
    let w = table.get(path);
    if (w === undefined) {
      if (!isUint32(o.interval)) {
        try {
          return outerWatch(badIntervalPath, { interval: o.interval }, l);
        } finally {
          outerUnwatch(badIntervalPath);
        }
      }
      w = new StatWatcher(o.bigint === true);
      w[kStart](rt, path, o.persistent, o.interval);
      table.set(path, w);
    } else w[kAddOrCleanRef]("add");
    w.addListener("change", l as Fn);
    if (VERIFY) verifyTable(rt);
    return w;
  };
  const unwatchFile = (rt: Sched, filename: unknown, listener?: unknown): unknown => {
    const p = pathOf(filename);
    const path = p === null ? "" : resolvePath(p);
    const table = tables.get(rt);
    const w = p === null ? undefined : table?.get(path);
    if (table === undefined || w === undefined) return outerUnwatch(filename, listener);
    if (typeof listener === "function") {
      const before = w.listenerCount("change");
      w.removeListener("change", listener as Fn);
      if (w.listenerCount("change") < before) w[kAddOrCleanRef]("clean");
    } else {
      w.removeAllListeners("change");
      w[kAddOrCleanRef]("cleanAll");
    }
    if (w.listenerCount("change") === 0) {
      w.stop();
      table.delete(path);
    }
    if (VERIFY) verifyTable(rt);
    return undefined;
  };
  return {
    watchFile: within(outerWatch, watchFile as (rt: Sched, ...a: unknown[]) => unknown),
    unwatchFile: within(outerUnwatch, unwatchFile as (rt: Sched, ...a: unknown[]) => unknown),
  };
}

/**
 * Puts pass-through wrappers of fs.watchFile and fs.unwatchFile in place for good (fakes.ts:
 * installEarly, which syncs the ES bindings after), adding them to `early`.
 */
export function installEarlyWatch(early: Set<unknown>): void {
  const host: Record<string, unknown> = { watchFile: hostWatchFile, unwatchFile: hostUnwatchFile };
  const w = watchWrappers(host);
  for (const n of watchNames) {
    place(fsMod, n, marked(w[n], host[n]));
    early.add(w[n]);
  }
}

/** A bubble's patches of fs.watchFile and fs.unwatchFile where the load-time wrappers are not in place. */
export function installWatchFakes(early: Set<unknown>): void {
  const w = watchWrappers(fsMod);
  for (const n of watchNames) if (!early.has(fsMod[n])) patch(fsMod, n, w[n]);
}
