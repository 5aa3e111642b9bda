// A plain reference model of the timer engine (timer.ts + timers.ts) and the fast-check generators of
// random command sequences run against it. Used by engine.property.test.ts.
//
// The model knows, per timer: its armed `when` (0 = inactive), `period`, the generation of its arming
// (bumped by every stop/reset; for channel timers it must equal the engine's seq), the number of
// blocked receivers, an undelivered buffered value (channel timers), and which heap holds its entry and
// whether that entry is a zombie. It predicts all of that exactly, with one exception: a zombie entry
// may or may not be gone after an operation that cleans its heap (check on that heap, take from it,
// maybeAdd into it) — that is the engine's lazy deletion, and the model follows whichever the engine
// did (and fails if a zombie vanished anywhere else, or a live entry vanished without firing).
//
// Everything else is derived from Go 1.23's rules (docs/design/timers.md §3–§13), not from the engine's
// code:
//   * a func timer or ticker, or a channel timer with a blocked receiver, that is armed has a live entry
//     in the heap that was current when it was added (maybeAdd), and it stays in that heap until it
//     fires (one-shot) or take() moves it;
//   * stop/reset return "armed, or an undelivered value sat in the buffer" and discard that value;
//   * check(i) at `now` fires every live entry of heap i with when <= now, once, in `when` order,
//     never anything else; a ticker's next when is the first when + k·period > now;
//   * a receive attempt fires an overdue channel timer on the spot only if it has no heap entry at all
//     (a zombie entry counts: Go's maybeRunChan tests the heaped bit);
//   * a firing's delay is now − when, its seq the arming's generation; a channel firing buffers the
//     scheduled time unless a value is already buffered (a ticker then drops the tick);
//   * wakeTime() of a heap is never 0 or later than its earliest live entry; making a timer due earlier
//     than its heap's wake time calls wakeNetPoller; check()'s result (ran, now, pollUntil) is Go's.
//
// Not covered: the order of timers with equal `when` within one check (Go's exact sift order; the unit
// tests pin it); the M bit and minWhenModified except through verify()/wakeTime(); interleavings inside
// an operation (the fault hooks of seeds.test.ts); isSending (always 0 in this synchronous engine);
// callbacks that stop/reset/create timers; when/period near maxWhen; invalid input (when <= 0,
// period < 0, unblock without a blocked receiver); check(now = 0) reading the clock lazily; the
// scheduler (proc.ts) and the async channel modes.

import assert from "node:assert/strict";
import fc from "fast-check";
import { lockState } from "../../src/internal/debug.ts";
import { FullTimer, Timer, timerZombie } from "../../src/internal/runtime/timer.ts";
import type { Timers } from "../../src/internal/runtime/timers.ts";
import { chanTimer, EngineHarness, FakeTimerChan } from "../helpers/engine.ts";

/** At most this many timers per sequence (a "create" beyond it is a no-op). */
export const maxTimers = 12;
/** At most this many receivers blocked on one channel timer. */
const maxBlocked = 3;

export type Kind = "func" | "ticker" | "chan" | "chanTicker";

/**
 * One step. `t` picks a timer (modulo the number of timers, or of channel timers for block/unblock/recv),
 * `heap`/`src` a heap (modulo the number of heaps). Whens: `rel` is relative to now; unless `raw`, the
 * result is clamped to now like Go's time.when(d) (d <= 0 means now); `raw` whens may lie in the past
 * (the engine only requires when > 0).
 */
export type Cmd =
  | { op: "create"; kind: Kind; rel: number; period: number; raw: boolean }
  | { op: "resetEarlier"; t: number; by: number; raw: boolean }
  | { op: "resetLater"; t: number; by: number }
  | { op: "resetAt"; t: number; rel: number; raw: boolean }
  | { op: "setPeriod"; t: number; rel: number; period: number }
  | { op: "stop"; t: number }
  | { op: "stopReset"; t: number; rel: number }
  | { op: "advance"; by: number }
  | { op: "check"; heap: number; local: boolean }
  | { op: "switch"; heap: number }
  | { op: "take"; src: number }
  | { op: "block"; t: number }
  | { op: "unblock"; t: number }
  | { op: "recv"; t: number };

export interface Scenario {
  heaps: number;
  cmds: Cmd[];
}

function signed(n: number): string {
  return n < 0 ? `${n}` : `+${n}`;
}

/**
 * A compact rendering of a command. `ref` names its timer; by default the raw reference `#<t>` (the
 * timer is t modulo the number of timers, or of channel timers) — describeScenario resolves it.
 */
export function formatCmd(c: Cmd, ref = "t" in c ? `#${c.t}` : ""): string {
  switch (c.op) {
    case "create":
      return `create(${c.kind}, now${signed(c.rel)}${c.raw ? " raw" : ""}, period=${c.kind === "func" || c.kind === "chan" ? 0 : c.period})`;
    case "resetEarlier":
      return `resetEarlier(${ref}, -${c.by}${c.raw ? " raw" : ""})`;
    case "resetLater":
      return `resetLater(${ref}, +${c.by})`;
    case "resetAt":
      return `resetAt(${ref}, now${signed(c.rel)}${c.raw ? " raw" : ""})`;
    case "setPeriod":
      return `setPeriod(${ref}, now${signed(c.rel)}, period=${c.period})`;
    case "stop":
      return `stop(${ref})`;
    case "stopReset":
      return `stopReset(${ref}, now${signed(c.rel)})`;
    case "advance":
      return `advance(${c.by})`;
    case "check":
      return `check(h${c.heap}, ${c.local ? "local" : "remote"})`;
    case "switch":
      return `switch(h${c.heap})`;
    case "take":
      return `take(h${c.src})`;
    case "block":
      return `block(${ref})`;
    case "unblock":
      return `unblock(${ref})`;
    case "recv":
      return `recv(${ref})`;
  }
}

/**
 * The commands of a scenario with timer and heap references resolved the way the model resolves them
 * (t<i> = the i-th timer created, h<i> = heap i; "no-op" where the command does nothing).
 */
export function describeScenario(sc: Scenario): string[] {
  const kinds: Kind[] = [];
  const chans: number[] = [];
  const blocked: number[] = [];
  let cur = 0;
  const n = sc.heaps;
  return sc.cmds.map((c) => {
    const t = () =>
      kinds.length === 0 ? null : c.op === "create" ? null : (c as { t: number }).t % kinds.length;
    const ch = () => (chans.length === 0 ? null : chans[(c as { t: number }).t % chans.length]);
    switch (c.op) {
      case "create": {
        if (kinds.length >= maxTimers) return `${formatCmd(c)}: no-op, ${maxTimers} timers exist`;
        kinds.push(c.kind);
        blocked.push(0);
        if (c.kind === "chan" || c.kind === "chanTicker") chans.push(kinds.length - 1);
        return `t${kinds.length - 1} = ${formatCmd(c)}`;
      }
      case "advance":
      case "check":
      case "switch":
      case "take": {
        if (c.op === "check") return `check(h${c.heap % n}, ${c.local ? "local" : "remote"})`;
        if (c.op === "switch") {
          cur = c.heap % n;
          return `switch(h${cur})`;
        }
        if (c.op === "take") {
          if (n === 1) return "take: no-op, one heap";
          const src = c.src % n === cur ? (c.src + 1) % n : c.src % n;
          return `take(h${src} → h${cur})`;
        }
        return formatCmd(c);
      }
      case "block":
      case "unblock":
      case "recv": {
        const i = ch();
        if (i === null) return `${c.op}: no-op, no channel timer`;
        if (c.op === "block") {
          if (blocked[i] >= maxBlocked) return `block(t${i}): no-op, ${maxBlocked} blocked`;
          blocked[i]++;
        } else if (c.op === "unblock") {
          if (blocked[i] === 0) return `unblock(t${i}): no-op, none blocked`;
          blocked[i]--;
        }
        return `${c.op}(t${i})`;
      }
      default: {
        const i = t();
        if (i === null) return `${c.op}: no-op, no timer`;
        return formatCmd(c, `t${i}`);
      }
    }
  });
}

function withFormat(c: Cmd): Cmd {
  if (!Object.hasOwn(c, fc.toStringMethod)) {
    Object.defineProperty(c, fc.toStringMethod, { value: () => formatCmd(c), enumerable: false });
  }
  return c;
}

// ---------------------------------------------------------------------------------------------------
// Generators.

const timerRef = fc.nat({ max: 15 });
const heapRef = fc.nat({ max: 3 });
const rel = fc.integer({ min: -10, max: 30 });
const by = fc.integer({ min: 0, max: 20 });
const periodArb = fc.integer({ min: 1, max: 12 });
const raw = fc.oneof(
  { weight: 3, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
);
const kind = fc.constantFrom<Kind>("func", "ticker", "chan", "chanTicker");
const advanceBy = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 2, arbitrary: fc.integer({ min: 9, max: 40 }) },
);

const createArb: fc.Arbitrary<Cmd> = fc
  .tuple(kind, rel, periodArb, raw)
  .map(([kind, rel, period, raw]): Cmd => withFormat({ op: "create", kind, rel, period, raw }));

export const cmdArb: fc.Arbitrary<Cmd> = fc
  .oneof(
    { weight: 3, arbitrary: createArb },
    {
      weight: 2,
      arbitrary: fc.tuple(timerRef, by, raw).map(([t, by, raw]): Cmd => ({ op: "resetEarlier", t, by, raw })),
    },
    { weight: 2, arbitrary: fc.tuple(timerRef, by).map(([t, by]): Cmd => ({ op: "resetLater", t, by })) },
    {
      weight: 2,
      arbitrary: fc.tuple(timerRef, rel, raw).map(([t, rel, raw]): Cmd => ({ op: "resetAt", t, rel, raw })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          timerRef,
          rel,
          fc.oneof({ weight: 3, arbitrary: periodArb }, { weight: 1, arbitrary: fc.constant(0) }),
        )
        .map(([t, rel, period]): Cmd => ({ op: "setPeriod", t, rel, period })),
    },
    { weight: 2, arbitrary: timerRef.map((t): Cmd => ({ op: "stop", t })) },
    { weight: 1, arbitrary: fc.tuple(timerRef, rel).map(([t, rel]): Cmd => ({ op: "stopReset", t, rel })) },
    { weight: 5, arbitrary: advanceBy.map((by): Cmd => ({ op: "advance", by })) },
    {
      weight: 5,
      arbitrary: fc.tuple(heapRef, fc.boolean()).map(([heap, local]): Cmd => ({ op: "check", heap, local })),
    },
    { weight: 1, arbitrary: heapRef.map((heap): Cmd => ({ op: "switch", heap })) },
    { weight: 1, arbitrary: heapRef.map((src): Cmd => ({ op: "take", src })) },
    { weight: 2, arbitrary: timerRef.map((t): Cmd => ({ op: "block", t })) },
    { weight: 2, arbitrary: timerRef.map((t): Cmd => ({ op: "unblock", t })) },
    { weight: 3, arbitrary: timerRef.map((t): Cmd => ({ op: "recv", t })) },
  )
  .map(withFormat);

/** 1–4 heaps; up to 4 timers created up front, then up to maxSteps random commands. */
export function scenarioArb(maxSteps: number): fc.Arbitrary<Scenario> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: 4 }),
      fc.array(createArb, { maxLength: 4 }),
      fc.array(cmdArb, { maxLength: maxSteps, size: "max" }),
    )
    .map(([heaps, init, cmds]) => ({ heaps, cmds: [...init, ...cmds] }));
}

// ---------------------------------------------------------------------------------------------------
// The model.

interface MTimer {
  /** Index in creation order: t<i> in counterexamples. */
  id: number;
  kind: Kind;
  isChan: boolean;
  t: Timer;
  c: FakeTimerChan | null;
  /** Armed firing time, 0 = inactive. */
  when: number;
  period: number;
  /** Generation: bumped by every stop and reset (the engine's seq for channel timers). */
  gen: number;
  /** Channel timers: the undelivered value (the scheduled time of the firing that produced it). */
  buf: number | null;
  blocked: number;
  /** The heap holding this timer's entry (live or zombie), or null. */
  entry: number | null;
  zombie: boolean;
  /** Fired during the current step. */
  firedThisStep: boolean;
}

interface Fire {
  mt: MTimer;
  now: number;
  seq: number;
  delay: number;
}

type Ctx = { kind: "none" } | { kind: "check"; heap: number } | { kind: "recv"; mt: MTimer };

/** Counters over all sequences run, for the test's diagnostics. */
export interface Stats {
  sequences: number;
  steps: number;
  noops: number;
  fires: number;
  tickerFires: number;
  chanFires: number;
  lazyFires: number;
  deliveries: number;
  stopOrResetTrue: number;
  takesMoved: number;
  zombiesDropped: number;
  revivedLazy: number;
  missedRecv: number;
  /** Checks that took Go's slow path because zombies exceeded a quarter of a local heap. */
  forcedChecks: number;
  /** Checks that had to apply modifications (minWhenModified <= now): adjust's full scan. */
  adjustScans: number;
  /** The most entries seen in one heap. */
  maxHeapLen: number;
}

export function newStats(): Stats {
  return {
    sequences: 0,
    steps: 0,
    noops: 0,
    fires: 0,
    tickerFires: 0,
    chanFires: 0,
    lazyFires: 0,
    deliveries: 0,
    stopOrResetTrue: 0,
    takesMoved: 0,
    zombiesDropped: 0,
    revivedLazy: 0,
    missedRecv: 0,
    forcedChecks: 0,
    adjustScans: 0,
    maxHeapLen: 0,
  };
}

/** First when + k·period (k >= 1) strictly after now — computed by stepping, independently of the engine. */
function nextTick(when: number, period: number, now: number): number {
  let w = when + period;
  while (w <= now) w += period;
  return w;
}

export class EngineModel {
  readonly h: EngineHarness;
  readonly timers: MTimer[] = [];
  private readonly fires: Fire[] = [];
  private readonly stats: Stats;
  /** Heaps (bit i) whose zombies the current step may legitimately have removed. */
  private cleanable = 0;
  private ctx: Ctx = { kind: "none" };

  constructor(nheaps: number, stats: Stats) {
    // A previous failing sequence may have thrown while an engine lock was held.
    lockState.locks = 0;
    this.h = new EngineHarness(nheaps);
    this.stats = stats;
  }

  dispose(): void {
    this.h.dispose();
  }

  run(sc: Scenario): void {
    this.stats.sequences++;
    const cmds = sc.cmds;
    for (let k = 0; k < cmds.length; k++) {
      try {
        this.step(cmds[k]);
      } catch (e) {
        if (e instanceof Error)
          e.message = `step ${k} ${describeScenario(sc)[k]} at now=${this.h.now}: ${e.message}`;
        throw e;
      }
    }
  }

  private heapIndex(ts: Timers | null): number | null {
    if (ts === null) return null;
    const i = this.h.heaps.indexOf(ts);
    assert.ok(i >= 0, "timer's ts is not one of the harness heaps");
    return i;
  }

  private needsHeap(mt: MTimer): boolean {
    return mt.when > 0 && (!mt.isChan || mt.blocked > 0);
  }

  private pending(mt: MTimer): boolean {
    return mt.when > 0 || (mt.isChan && mt.buf !== null);
  }

  private pick(t: number): MTimer | null {
    return this.timers.length === 0 ? null : this.timers[t % this.timers.length];
  }

  private pickChan(t: number): MTimer | null {
    const chans = this.timers.filter((mt) => mt.isChan);
    return chans.length === 0 ? null : chans[t % chans.length];
  }

  /** Go's time.when(d): never in the past. `raw` keeps a past time (>= 1). */
  private at(when: number, raw: boolean): number {
    return raw ? Math.max(1, when) : Math.max(this.h.now, when);
  }

  private create(kind: Kind, when: number, period: number): void {
    const isChan = kind === "chan" || kind === "chanTicker";
    const p = kind === "ticker" || kind === "chanTicker" ? period : 0;
    const id = this.timers.length;
    let mt: MTimer;
    const record = (seq: number, delay: number) => this.fires.push({ mt, now: this.h.now, seq, delay });
    let t: Timer;
    let c: FakeTimerChan | null = null;
    if (isChan) {
      c = new FakeTimerChan();
      t = chanTimer(this.h, c);
      const send = t.f; // the helper's sendTime
      t.f = (arg, seq, delay, now) => {
        record(seq, delay);
        send(arg, seq, delay, now);
      };
    } else {
      // A func timer is a plain Timer (one-shot: setPeriod keeps its period 0), a ticker a FullTimer.
      const f = (_arg: unknown, seq: number, delay: number) => record(seq, delay);
      t = kind === "ticker" ? new FullTimer(f, null) : new Timer(f, null);
    }
    mt = {
      id,
      kind,
      isChan,
      t,
      c,
      when: 0,
      period: 0,
      gen: 0,
      buf: null,
      blocked: 0,
      entry: null,
      zombie: false,
      firedThisStep: false,
    };
    this.timers.push(mt);
    this.arm(mt, when, p, "newTimer");
  }

  /** reset(when, period) on the engine and the model (Go: modify, then maybeAdd). */
  private arm(mt: MTimer, when: number, period: number, what: string): void {
    const want = this.pending(mt);
    const got = mt.t.reset(when, period);
    assert.equal(
      got,
      want,
      `${what}: t${mt.id}.reset(${when}, ${period}) returned ${got}, model says ${want}`,
    );
    if (got) this.stats.stopOrResetTrue++;
    mt.when = when;
    mt.period = period;
    mt.gen++;
    mt.buf = null;
    if (mt.entry !== null) {
      // A reset revives a zombie entry in place, even for a channel timer nobody waits on (Go does too).
      if (mt.zombie && mt.isChan && mt.blocked === 0) this.stats.revivedLazy++;
      mt.zombie = false;
    } else if (this.needsHeap(mt)) {
      this.addToCurrent(mt);
    }
  }

  private addToCurrent(mt: MTimer): void {
    mt.entry = this.h.cur;
    mt.zombie = false;
    this.cleanable |= 1 << this.h.cur; // maybeAdd runs cleanHead on the current heap first
  }

  private stop(mt: MTimer): void {
    const want = this.pending(mt);
    const got = mt.t.stop();
    assert.equal(got, want, `t${mt.id}.stop() returned ${got}, model says ${want}`);
    if (got) this.stats.stopOrResetTrue++;
    mt.when = 0;
    mt.gen++;
    mt.buf = null;
    if (mt.entry !== null) mt.zombie = true;
  }

  /** Applies one recorded firing to the model, checking it was allowed. */
  private fired(f: Fire, lastWhen: number): void {
    const mt = f.mt;
    const ctx = this.ctx;
    if (ctx.kind === "none") assert.fail(`t${mt.id} fired outside check() and receive`);
    if (ctx.kind === "check") {
      assert.ok(
        mt.entry === ctx.heap && !mt.zombie,
        `t${mt.id} fired in check(h${ctx.heap}) but its entry is ${mt.entry === null ? "none" : `h${mt.entry}`}${mt.zombie ? " (zombie)" : ""}`,
      );
    } else {
      assert.ok(ctx.mt === mt, `t${mt.id} fired during a receive on t${ctx.mt.id}`);
      assert.equal(mt.entry, null, `t${mt.id} fired on receive although it has a heap entry`);
    }
    assert.ok(!mt.firedThisStep, `t${mt.id} fired twice in one step`);
    mt.firedThisStep = true;
    assert.ok(mt.when > 0, `t${mt.id} fired while inactive (stopped, or a one-shot arming firing again)`);
    assert.ok(mt.when <= f.now, `t${mt.id} fired early: when ${mt.when} > now ${f.now}`);
    assert.ok(mt.when >= lastWhen, `t${mt.id} (when ${mt.when}) fired after a timer due at ${lastWhen}`);
    assert.equal(f.delay, f.now - mt.when, `t${mt.id}: delay ${f.delay} but now − when = ${f.now - mt.when}`);
    assert.equal(f.seq, mt.isChan ? mt.gen : 0, `t${mt.id}: callback seq ${f.seq}, generation ${mt.gen}`);
    this.stats.fires++;
    if (mt.period > 0) this.stats.tickerFires++;
    if (mt.isChan) {
      this.stats.chanFires++;
      if (mt.buf === null) mt.buf = mt.when; // sendTime: the scheduled time; a full buffer drops the tick
    }
    if (mt.period > 0) {
      mt.when = nextTick(mt.when, mt.period, f.now);
    } else {
      mt.when = 0;
      mt.entry = null; // a fired one-shot leaves its heap at once (updateHeap)
      mt.zombie = false;
    }
  }

  private processFires(): void {
    let lastWhen = 0;
    for (const f of this.fires) {
      const w = f.mt.when;
      this.fired(f, lastWhen);
      lastWhen = w;
    }
  }

  step(cmd: Cmd): void {
    const h = this.h;
    const n = h.heaps.length;
    this.fires.length = 0;
    this.cleanable = 0;
    this.ctx = { kind: "none" };
    h.wakes.length = 0;
    const preWake = h.heaps.map((ts) => ts.wakeTime());
    for (const mt of this.timers) mt.firedThisStep = false;
    let target: MTimer | null = null;
    this.stats.steps++;

    switch (cmd.op) {
      case "create": {
        if (this.timers.length >= maxTimers) {
          this.noop();
          return;
        }
        this.create(cmd.kind, this.at(h.now + cmd.rel, cmd.raw), cmd.period);
        target = this.timers[this.timers.length - 1];
        break;
      }
      case "resetEarlier":
      case "resetLater":
      case "resetAt":
      case "setPeriod":
      case "stopReset":
      case "stop": {
        const mt = this.pick(cmd.t);
        if (mt === null) {
          this.noop();
          return;
        }
        target = mt;
        const base = mt.when > 0 ? mt.when : h.now;
        if (cmd.op === "resetEarlier")
          this.arm(mt, this.at(base - cmd.by, cmd.raw), mt.period, "resetEarlier");
        else if (cmd.op === "resetLater")
          this.arm(mt, this.at(base + cmd.by, false), mt.period, "resetLater");
        else if (cmd.op === "resetAt") this.arm(mt, this.at(h.now + cmd.rel, cmd.raw), mt.period, "resetAt");
        else if (cmd.op === "setPeriod")
          this.arm(
            mt,
            this.at(h.now + cmd.rel, false),
            mt.t instanceof FullTimer ? cmd.period : 0,
            "setPeriod",
          );
        else if (cmd.op === "stop") this.stop(mt);
        else {
          this.stop(mt);
          this.arm(mt, this.at(h.now + cmd.rel, false), mt.period, "reset after stop");
        }
        break;
      }
      case "advance":
        h.now += cmd.by;
        break;
      case "switch":
        h.cur = cmd.heap % n;
        break;
      case "check": {
        const i = cmd.heap % n;
        this.ctx = { kind: "check", heap: i };
        this.cleanable |= 1 << i;
        const ts = h.heaps[i];
        // Go's check (docs/design/timers.md §6.6) returns early, reporting wakeTime() and running nothing,
        // unless a timer could be due or (local only) zombies exceed a quarter of the heap.
        const forced = cmd.local && ts.zombies > ts.len / 4;
        const early = h.now < preWake[i] && !forced;
        if (forced) this.stats.forcedChecks++;
        if (ts.minWhenModified !== 0 && ts.minWhenModified <= h.now) this.stats.adjustScans++;
        const out = h.check(i, cmd.local);
        this.processFires();
        assert.equal(
          out.ran,
          this.fires.length > 0,
          `check(h${i}).ran = ${out.ran}, ${this.fires.length} fired`,
        );
        assert.equal(out.now, h.now);
        let live = false;
        for (const mt of this.timers) {
          if (mt.entry !== i || mt.zombie) continue;
          live = true;
          assert.ok(
            mt.when > h.now,
            `after check(h${i}) at ${h.now}, t${mt.id} (when ${mt.when}) is due but did not fire`,
          );
        }
        if (out.pollUntil !== 0)
          assert.ok(out.pollUntil > h.now, `pollUntil ${out.pollUntil} <= now ${h.now}`);
        else assert.ok(!live, `check(h${i}) reported pollUntil 0 with live timers left`);
        if (preWake[i] === 0 || early) {
          assert.equal(this.fires.length, 0, `check(h${i}) ran timers although none could be due`);
          assert.equal(out.pollUntil, preWake[i], `check(h${i}) on its early path: pollUntil vs wakeTime()`);
        } else if (out.pollUntil !== 0) {
          // The head's when (Go: run's result). It may be later than a modified timer's new when: callers
          // must also consult wakeTime() (docs/design/timers.md §6.6; proc.ts stopm sleeps until
          // timeSleepUntil()).
          assert.ok(
            this.timers.some((mt) => mt.entry === i && !mt.zombie && mt.when === out.pollUntil),
            `check(h${i}) reported pollUntil ${out.pollUntil}, the when of no live timer of that heap`,
          );
        }
        break;
      }
      case "take": {
        if (n === 1) {
          this.noop();
          return;
        }
        let src = cmd.src % n;
        if (src === h.cur) src = (src + 1) % n;
        const dst = h.cur;
        h.heaps[dst].take(h.heaps[src]);
        for (const mt of this.timers) {
          if (mt.entry !== src) continue;
          if (mt.zombie) {
            mt.entry = null;
            mt.zombie = false;
            this.stats.zombiesDropped++;
          } else {
            mt.entry = dst;
            this.stats.takesMoved++;
          }
        }
        const s = h.heaps[src];
        assert.equal(
          s.len + s.zombies + s.minWhenHeap + s.minWhenModified,
          0,
          "take left the source heap non-empty",
        );
        break;
      }
      case "block": {
        const mt = this.pickChan(cmd.t);
        if (mt === null || mt.blocked >= maxBlocked) {
          this.noop();
          return;
        }
        target = mt;
        mt.t.blockTimerChan();
        mt.blocked++;
        if (mt.entry !== null) {
          if (mt.zombie && mt.when > 0) mt.zombie = false;
        } else if (mt.when > 0) {
          this.addToCurrent(mt);
        }
        break;
      }
      case "unblock": {
        const mt = this.pickChan(cmd.t);
        if (mt === null || mt.blocked === 0) {
          this.noop();
          return;
        }
        target = mt;
        mt.t.unblockTimerChan();
        mt.blocked--;
        if (mt.blocked === 0 && mt.entry !== null && !mt.zombie) mt.zombie = true;
        break;
      }
      case "recv": {
        const mt = this.pickChan(cmd.t);
        if (mt === null) {
          this.noop();
          return;
        }
        this.ctx = { kind: "recv", mt };
        const overdue = mt.when > 0 && mt.when <= h.now;
        const expect = overdue && mt.entry === null;
        if (overdue && mt.entry !== null && mt.zombie && mt.buf === null) this.stats.missedRecv++;
        mt.t.maybeRunChan();
        assert.equal(this.fires.length, expect ? 1 : 0, `receive on t${mt.id}: ${this.fires.length} firings`);
        if (expect) this.stats.lazyFires++;
        this.processFires();
        const c = mt.c!;
        if (c.buf.length > 0) {
          const v = c.buf.shift();
          assert.equal(v, mt.buf, `received ${v} from t${mt.id}, model's undelivered value is ${mt.buf}`);
          mt.buf = null;
          this.stats.deliveries++;
        } else {
          assert.equal(mt.buf, null, `nothing to receive from t${mt.id}, model holds ${mt.buf}`);
        }
        break;
      }
    }
    if (this.ctx.kind === "none") this.processFires(); // any firing here is an error
    this.verify(target, preWake);
  }

  /** A step that does nothing in this state (no such timer, limit reached, single heap). */
  private noop(): void {
    this.stats.noops++;
  }

  /** Assertions after every step: engine invariants, engine == model, wake times. */
  private verify(target: MTimer | null, preWake: number[]): void {
    const h = this.h;
    for (const ts of h.heaps) ts.verify();
    assert.equal(lockState.locks, 0, "a timer lock is still held");
    const count = h.heaps.map(() => 0);
    const zombies = h.heaps.map(() => 0);
    const minLive = h.heaps.map(() => Number.POSITIVE_INFINITY);
    for (const mt of this.timers) {
      const t = mt.t;
      t.verifyTimer();
      const name = `t${mt.id} (${mt.kind})`;
      assert.equal(t.when, mt.when, `${name}: when`);
      assert.equal(t.period, mt.period, `${name}: period`);
      assert.equal(t instanceof FullTimer ? t.blocked : 0, mt.blocked, `${name}: blocked`);
      if (mt.isChan) {
        assert.ok(t instanceof FullTimer, `${name}: a channel timer is a FullTimer`);
        assert.equal(t.seq, mt.gen, `${name}: seq vs generation`);
        assert.deepEqual(mt.c!.buf, mt.buf === null ? [] : [mt.buf], `${name}: channel buffer`);
      } else if (t instanceof FullTimer) {
        assert.equal(t.seq, 0, `${name}: seq`);
      }
      // Entry: exactly as predicted, except that zombies may vanish from a heap this step cleaned.
      const idx = this.heapIndex(t.ts);
      if (idx !== mt.entry) {
        assert.ok(
          idx === null && mt.entry !== null && mt.zombie && (this.cleanable & (1 << mt.entry)) !== 0,
          `${name}: entry is ${idx === null ? "none" : `h${idx}`}, model says ${mt.entry === null ? "none" : `h${mt.entry}`}${mt.zombie ? " (zombie)" : ""}`,
        );
        mt.entry = null;
        mt.zombie = false;
      }
      if (mt.entry !== null) {
        assert.equal((t.state & timerZombie) !== 0, mt.zombie, `${name}: zombie bit`);
        count[mt.entry]++;
        if (mt.zombie) zombies[mt.entry]++;
        else {
          assert.ok(mt.when > 0, `${name}: live heap entry of an inactive timer`);
          if (mt.when < minLive[mt.entry]) minLive[mt.entry] = mt.when;
        }
      }
      // The model's own rule (Go's): an armed func timer / ticker / waited-on channel timer is in a heap.
      if (this.needsHeap(mt)) assert.ok(mt.entry !== null && !mt.zombie, `${name}: armed but not in a heap`);
    }
    for (let i = 0; i < h.heaps.length; i++) {
      const ts = h.heaps[i];
      assert.equal(ts.len, count[i], `h${i}: ${ts.len} entries, model has ${count[i]}`);
      if (ts.len > this.stats.maxHeapLen) this.stats.maxHeapLen = ts.len;
      assert.equal(ts.zombies, zombies[i], `h${i}: ${ts.zombies} zombies, model has ${zombies[i]}`);
      if (minLive[i] !== Number.POSITIVE_INFINITY) {
        const wt = ts.wakeTime();
        assert.ok(
          wt !== 0 && wt <= minLive[i],
          `h${i}: wakeTime ${wt} later than a live timer due at ${minLive[i]}`,
        );
      }
    }
    // No lost wake-up: making a timer due earlier than its heap's wake time must wake the poller.
    if (target !== null && target.entry !== null && !target.zombie) {
      const w = target.when;
      const pre = preWake[target.entry];
      if (pre === 0 || w < pre) {
        assert.ok(
          h.wakes.some((x) => x <= w),
          `t${target.id} now due at ${w} on h${target.entry} (wake time was ${pre}) but wakes were [${h.wakes}]`,
        );
      }
    }
  }
}

/** Runs one scenario against a fresh engine; throws on the first divergence. */
export function runScenario(sc: Scenario, stats: Stats): void {
  const m = new EngineModel(sc.heaps, stats);
  try {
    m.run(sc);
  } finally {
    m.dispose();
  }
}
