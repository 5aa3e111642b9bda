// Differential programs: from a seed, one random program over goroutines, sleeps, timers (NewTimer, Stop,
// Reset), AfterFunc, tickers, channels (buffered and unbuffered, close, len/cap), select (with default, with
// a time.After timeout, over several channels), a context (WithTimeout/WithDeadline/WithCancel, their
// Cause variants, a child WithTimeout), a WaitGroup and runtime.Gosched, rendered twice: as a Go `package
// main` program (standard library only) and as its TypeScript twin on gort's public API, run the way
// test/conformance/twins/harness.ts runs the hand-written twins. scripts/fuzz-oracle.sh records what Go
// 1.23 prints for each seed (faketime, GOMAXPROCS=1); test/conformance/fuzz.test.ts holds gort to it.
//
// Every operation prints what it observes ("g2 recv c1 7 true", "g0 t3 stop=false"), so the output is a
// trace with virtual timestamps. Each op is generated once and rendered in both languages side by side
// (emit(goLines, tsLines)), so the two programs cannot drift apart.
//
// Determinism. Go at GOMAXPROCS=1 under faketime runs goroutines in a fixed order; only select's choice
// among several ready cases is random. The generator keeps that choice out of the output:
//   - every blocking operation is a select with one fresh time.After(d > 0) timeout (never ready when the
//     select starts) and one other case, or a select with default; so nothing blocks for ever (no
//     deadlock reports, whose goroutine order Go does not promise) and at entry at most one case is ready;
//   - the one select over two channels uses only unbuffered channels that are never closed (a closed
//     channel or buffered data would stay ready), so two cases are ready at entry only if two senders are
//     already blocked on them; the oracle runs each program several times and drops (as nondeterministic)
//     any whose runs differ;
//   - Go keeps a context's children (WithTimeout children, context.AfterFunc registrations) in a map and
//     cancels them in the map's random iteration order (seeds 31 and 990 of the first corpus printed two
//     orders, 26:4 and 29:1 in 30 runs): only one goroutine (ctxG) derives children of the program's
//     context, each op cancels or stops what it derived before the next, so at most one child is ever live;
//   - each channel has one sending goroutine (its owner), which is also the only one that may close it and
//     sends nothing after closing it: no "send on closed channel", no double close.
//
//   node --import tsx test/conformance/fuzz/gen.ts go SEED     print the Go program of SEED
//   node --import tsx test/conformance/fuzz/gen.ts ts SEED     print its TypeScript twin
//   node --import tsx test/conformance/fuzz/gen.ts write DIR FROM COUNT   write DIR/go.mod, DIR/s<seed>/main.go
//   (add --wide or --ext to any of these for an exploration profile: see Profile)
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../stress/rng.ts";

export interface Rendered {
  readonly seed: number;
  readonly go: string;
  /** The twin's body: a module exporting `main`, with IMPORTS_GORT / IMPORTS_HARNESS placeholders. */
  readonly ts: string;
}

/** The hash of a program's Go source, recorded with its golden: a generator change must re-record. */
export function goHash(go: string): string {
  return createHash("sha256").update(go).digest("hex").slice(0, 16);
}

interface ChanSpec {
  readonly name: string;
  readonly cap: number;
  readonly owner: number;
  readonly closable: boolean;
}

type CtxKind = "timeout" | "deadline" | "cancel" | "cancelcause" | "timeoutcause";

/**
 * The distributions: "base" makes the committed corpus; "wide" (exploration only, `--wide` on the command
 * line) has more goroutines and operations, negative durations and more collisions at 10 ms; "ext"
 * (`--ext`) is wide's distribution plus the operations only it generates (extOps), so that neither the
 * committed base corpus nor wide's seeds change when ops are added there.
 */
export type Profile = "base" | "wide" | "ext";

/**
 * The ext profile's own operations:
 *   tpoll     a non-blocking receive from a timer's or ticker's channel (a stale value after Stop/Reset
 *             must not be seen: Go 1.23's synchronous timer channels)
 *   tlen      len and cap of a timer's or ticker's channel (0 and 0 in Go 1.23)
 *   lock      sync.Mutex hand-off: Lock, sleep while holding it, Unlock (held across nothing but a sleep,
 *             so every Lock is eventually granted), then runtime.Gosched (see the op)
 *   rlock     the same with a sync.RWMutex's RLock/RUnlock; wlock with its Lock/Unlock
 *   trylock   sync.Mutex.TryLock, unlocked at once when it succeeds
 *   tick      a receive from a fresh time.Tick with a time.After timeout
 *   sendrecv  select over a send on an owned unbuffered channel, a receive from another unbuffered one and
 *             a timeout (both never closed, as for multi)
 *   nested    a receive with timeout whose receive case runs a second select with timeout
 *   ctxdlc    (ctxG only) a child WithDeadlineCause(ctx, start+d, err), waited on, then cancelled
 *   ctxacc    (ctxG only) context.AfterFunc on a WithCancel child: cancel the child, sleep, print stop()
 *   ctxwo     context.WithoutCancel(ctx): its Err, Cause and whether Done is nil (it registers no child)
 */
const extOps = [
  "tpoll",
  "tlen",
  "lock",
  "rlock",
  "wlock",
  "trylock",
  "tick",
  "sendrecv",
  "nested",
  "ctxwo",
] as const;

const profiles = {
  base: {
    sleeps: [0, 1, 2, 5, 5, 10, 10, 15, 20, 25, 30],
    timerDs: [0, 1, 5, 10, 15, 20, 30, 40],
    tickDs: [3, 5, 10, 15],
    maxG: 5,
    maxOps: 40,
  },
  wide: {
    sleeps: [-1, 0, 1, 2, 5, 5, 10, 10, 10, 15, 20, 25, 30],
    timerDs: [-1, 0, 1, 5, 10, 10, 10, 15, 20, 30, 40],
    tickDs: [1, 3, 5, 10, 10, 15],
    maxG: 8,
    maxOps: 60,
  },
};
const profileOf = (p: Profile): (typeof profiles)["base"] => (p === "ext" ? profiles.wide : profiles[p]);
const waits = [1, 3, 5, 10, 10, 20, 30, 50];

class Gen {
  readonly rng: Rng;
  readonly chans: ChanSpec[] = [];
  readonly nG: number;
  readonly parent: number[] = [0];
  ctx: CtxKind | null = null;
  /** The one goroutine that derives children of ctx (ctxchild, ctxafter); see the header. */
  ctxG = 0;
  counter = 0;
  nextValue = 1;
  usesRuntime = false;
  usesErrors = false;
  ops = 0;
  readonly closed = new Set<string>();

  readonly sleeps: number[];
  readonly timerDs: number[];
  readonly tickDs: number[];
  readonly maxOps: number;
  readonly ext: boolean;
  usesMutex = false;
  usesRWMutex = false;

  constructor(seed: number, profile: Profile) {
    this.ext = profile === "ext";
    this.rng = new Rng(seed);
    const r = this.rng;
    const p = profileOf(profile);
    this.sleeps = p.sleeps;
    this.timerDs = p.timerDs;
    this.tickDs = p.tickDs;
    this.maxOps = p.maxOps;
    this.nG = 1 + r.int(p.maxG); // goroutines besides main (g0)
    for (let k = 1; k <= this.nG; k++) this.parent.push(r.int(k));
    const nCh = 1 + r.int(3);
    for (let i = 0; i < nCh; i++) {
      const cap = r.pick([0, 0, 1, 2]);
      this.chans.push({ name: `c${i}`, cap, owner: r.int(this.nG + 1), closable: r.chance(0.5) });
    }
    if (r.chance(0.6))
      this.ctx = r.pick(["timeout", "deadline", "cancel", "cancelcause", "timeoutcause"] as const);
    this.ctxG = r.int(this.nG + 1);
  }

  /** sendrecv's channels for g: an unbuffered never-closed channel g owns and another one, or null. */
  sendRecvPair(g: number): [string, string] | null {
    const pool = this.chans.filter((c) => c.cap === 0 && !c.closable);
    const mine = pool.find((c) => c.owner === g);
    const other = pool.find((c) => c !== mine);
    return mine === undefined || other === undefined ? null : [mine.name, other.name];
  }

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  /** One goroutine's body: Go and TS lines (unindented; the caller indents). */
  body(
    g: number,
    inherited: { timers: string[]; afs: string[]; tickers: string[] },
  ): { go: string[]; ts: string[] } {
    const r = this.rng;
    const go: string[] = [];
    const ts: string[] = [];
    const emit = (gl: string[], tl: string[]): void => {
      go.push(...gl);
      ts.push(...tl);
    };
    const G = `g${g}`;
    const ms = (d: number): string => `${d} * time.Millisecond`;
    /**
     * A select over two cases and a time.After(d) timeout. A case is [Go case, Go Println operands, gort
     * case, gort println operands (the result is r)].
     */
    type Case2 = readonly [string, string, string, string];
    /**
     * A child context cc of ctx (made by the Go and gort expressions), waited on with a time.After(w)
     * timeout, then cancelled (and with after, its Err and Cause printed again).
     */
    const waitChild = (cc: string, goMake: string, tsMake: string, w: number, after: boolean): void =>
      emit(
        [
          `${cc}, ${cc}cancel := ${goMake}`,
          "select {",
          `case <-${cc}.Done():`,
          `\tfmt.Println("${G} ${cc} done", ${cc}.Err(), context.Cause(${cc}))`,
          `case <-time.After(${ms(w)}):`,
          `\tfmt.Println("${G} ${cc} wait timeout", ${cc}.Err())`,
          "}",
          `${cc}cancel()`,
          ...(after ? [`fmt.Println("${G} ${cc} after cancel", ${cc}.Err(), context.Cause(${cc}))`] : []),
        ],
        [
          `const [${cc}, ${cc}cancel] = ${tsMake};`,
          `if ((await select([recv(${cc}.done()!), recv(time.after(${ms(w)}))] as const)).index === 0)`,
          `  println("${G} ${cc} done", ${cc}.err(), context.cause(${cc}));`,
          `else println("${G} ${cc} wait timeout", ${cc}.err());`,
          `${cc}cancel();`,
          ...(after ? [`println("${G} ${cc} after cancel", ${cc}.err(), context.cause(${cc}));`] : []),
        ],
      );
    const twoAndTimeout = (a: Case2, b: Case2, d: number, timeout: string): void =>
      emit(
        [
          "select {",
          `case ${a[0]}:`,
          `\tfmt.Println(${a[1]})`,
          `case ${b[0]}:`,
          `\tfmt.Println(${b[1]})`,
          `case <-time.After(${ms(d)}):`,
          `\tfmt.Println(${timeout})`,
          "}",
        ],
        [
          "{",
          `  const r = await select([${a[2]}, ${b[2]}, recv(time.after(${ms(d)}))] as const);`,
          `  if (r.index === 0) println(${a[3]});`,
          `  else if (r.index === 1) println(${b[3]});`,
          `  else println(${timeout});`,
          "}",
        ],
      );
    const children: number[] = [];
    for (let k = 1; k <= this.nG; k++) if (this.parent[k] === g) children.push(k);
    const n = 2 + r.int(9);
    // Positions of the spawns among the ops.
    const spawnAt = new Map<number, number[]>();
    for (const c of children) {
      const at = r.int(n + 1);
      spawnAt.set(at, [...(spawnAt.get(at) ?? []), c]);
    }
    // Timers, AfterFuncs and tickers made by an ancestor before this goroutine started are shared with it.
    const timers: string[] = [...inherited.timers];
    const afs: string[] = [...inherited.afs];
    const tickers: string[] = [...inherited.tickers];
    const spawn = (c: number): void => {
      const b = this.body(c, { timers, afs, tickers });
      emit(
        ["wg.Add(1)", "go func() {", "\tdefer wg.Done()", ...b.go.map((l) => `\t${l}`), "}()"],
        [
          "wg.add(1);",
          "go(async () => {",
          "  try {",
          ...b.ts.map((l) => `    ${l}`),
          "  } finally {",
          "    wg.done();",
          "  }",
          "});",
        ],
      );
    };
    for (let i = 0; i <= n; i++) {
      for (const c of spawnAt.get(i) ?? []) spawn(c);
      if (i === n || this.ops >= this.maxOps) continue;
      this.ops++;
      const own = this.chans.filter((c) => c.owner === g && !this.closed.has(c.name));
      const kinds: string[] = ["sleep", "sleep", "recv", "recv", "timer", "lencap"];
      if (own.length > 0) kinds.push("send", "send", "send");
      if (own.some((c) => c.closable)) kinds.push("close");
      if (timers.length > 0) kinds.push("tstop", "treset", "trecv", "trecv");
      kinds.push("afterfunc");
      if (afs.length > 0) kinds.push("astop", "areset");
      kinds.push("ticker");
      if (tickers.length > 0) kinds.push("krecv", "krecv", "kreset", "kstop");
      if (this.ctx !== null) kinds.push("ctxwait", "ctxerr");
      if (this.ctx !== null && g === this.ctxG) kinds.push("ctxchild", "ctxafter");
      if (this.ctx !== null && g !== 0) kinds.push("ctxcancel");
      kinds.push("gosched");
      if (this.chans.filter((c) => c.cap === 0 && !c.closable).length >= 2) kinds.push("multi");
      if (this.ext) {
        for (const k of extOps) {
          if ((k === "tpoll" || k === "tlen") && timers.length + tickers.length === 0) continue;
          if (k === "ctxwo" && this.ctx === null) continue;
          if (k === "sendrecv" && !this.sendRecvPair(g)) continue;
          kinds.push(k);
        }
        if (this.ctx !== null && g === this.ctxG) kinds.push("ctxdlc", "ctxacc");
      }
      const kind = r.pick(kinds);
      switch (kind) {
        case "sleep": {
          const d = r.pick(this.sleeps);
          emit(
            [`time.Sleep(${ms(d)})`, `fmt.Println("${G} woke")`],
            [`await time.sleep(${ms(d)});`, `println("${G} woke");`],
          );
          break;
        }
        case "gosched":
          this.usesRuntime = true;
          emit(
            ["runtime.Gosched()", `fmt.Println("${G} yielded")`],
            ["await gosched();", `println("${G} yielded");`],
          );
          break;
        case "lencap": {
          const c = r.pick(this.chans).name;
          emit(
            [`fmt.Println("${G} len ${c}", len(${c}), cap(${c}))`],
            [`println("${G} len ${c}", ${c}.len, ${c}.cap);`],
          );
          break;
        }
        case "send": {
          const c = r.pick(own).name;
          const v = this.nextValue++;
          if (r.chance(0.7)) {
            const d = r.pick(waits);
            emit(
              [
                "select {",
                `case ${c} <- ${v}:`,
                `\tfmt.Println("${G} sent ${v} on ${c}")`,
                `case <-time.After(${ms(d)}):`,
                `\tfmt.Println("${G} send ${v} on ${c} timeout")`,
                "}",
              ],
              [
                `if ((await select([send(${c}, ${v}), recv(time.after(${ms(d)}))] as const)).index === 0) println("${G} sent ${v} on ${c}");`,
                `else println("${G} send ${v} on ${c} timeout");`,
              ],
            );
          } else {
            emit(
              [
                "select {",
                `case ${c} <- ${v}:`,
                `\tfmt.Println("${G} sent ${v} on ${c}")`,
                "default:",
                `\tfmt.Println("${G} send ${v} on ${c} would block")`,
                "}",
              ],
              [
                `if (trySelect([send(${c}, ${v})] as const) !== null) println("${G} sent ${v} on ${c}");`,
                `else println("${G} send ${v} on ${c} would block");`,
              ],
            );
          }
          break;
        }
        case "close": {
          const c = r.pick(own.filter((x) => x.closable)).name;
          this.closed.add(c);
          emit(
            [`close(${c})`, `fmt.Println("${G} closed ${c}")`],
            [`${c}.close();`, `println("${G} closed ${c}");`],
          );
          break;
        }
        case "recv": {
          const c = r.pick(this.chans).name;
          const v = this.fresh("v");
          const ok = this.fresh("ok");
          if (r.chance(0.7)) {
            const d = r.pick(waits);
            emit(
              [
                "select {",
                `case ${v}, ${ok} := <-${c}:`,
                `\tfmt.Println("${G} recv ${c}", ${v}, ${ok})`,
                `case <-time.After(${ms(d)}):`,
                `\tfmt.Println("${G} recv ${c} timeout")`,
                "}",
              ],
              [
                "{",
                `  const r = await select([recv(${c}), recv(time.after(${ms(d)}))] as const);`,
                `  if (r.index === 0) println("${G} recv ${c}", r.value ?? 0, r.ok);`,
                `  else println("${G} recv ${c} timeout");`,
                "}",
              ],
            );
          } else {
            emit(
              [
                "select {",
                `case ${v}, ${ok} := <-${c}:`,
                `\tfmt.Println("${G} recv ${c}", ${v}, ${ok})`,
                "default:",
                `\tfmt.Println("${G} recv ${c} would block")`,
                "}",
              ],
              [
                "{",
                `  const r = trySelect([recv(${c})] as const);`,
                `  if (r !== null) println("${G} recv ${c}", r.value ?? 0, r.ok);`,
                `  else println("${G} recv ${c} would block");`,
                "}",
              ],
            );
          }
          break;
        }
        case "multi": {
          const pool = this.chans.filter((c) => c.cap === 0 && !c.closable);
          const a = r.pick(pool).name;
          let b = r.pick(pool).name;
          while (b === a) b = r.pick(pool).name;
          const d = r.pick(waits);
          const va = this.fresh("v");
          const vb = this.fresh("v");
          twoAndTimeout(
            [
              `${va} := <-${a}`,
              `"${G} select ${a}", ${va}`,
              `recv(${a})`,
              `"${G} select ${a}", r.value ?? 0`,
            ],
            [
              `${vb} := <-${b}`,
              `"${G} select ${b}", ${vb}`,
              `recv(${b})`,
              `"${G} select ${b}", r.value ?? 0`,
            ],
            d,
            `"${G} select timeout"`,
          );
          break;
        }
        case "timer": {
          const t = this.fresh("t");
          timers.push(t);
          const d = r.pick(this.timerDs);
          emit([`${t} := time.NewTimer(${ms(d)})`, `_ = ${t}`], [`const ${t} = time.newTimer(${ms(d)});`]);
          break;
        }
        case "tstop":
        case "astop": {
          const t = kind === "tstop" ? r.pick(timers) : r.pick(afs);
          emit([`fmt.Println("${G} ${t} stop", ${t}.Stop())`], [`println("${G} ${t} stop", ${t}.stop());`]);
          break;
        }
        case "treset":
        case "areset": {
          const t = kind === "treset" ? r.pick(timers) : r.pick(afs);
          const d = r.pick(this.timerDs);
          emit(
            [`fmt.Println("${G} ${t} reset", ${t}.Reset(${ms(d)}))`],
            [`println("${G} ${t} reset", ${t}.reset(${ms(d)}));`],
          );
          break;
        }
        case "trecv":
        case "krecv": {
          const t = kind === "trecv" ? r.pick(timers) : r.pick(tickers);
          const d = r.pick(waits);
          const v = this.fresh("v");
          emit(
            [
              "select {",
              `case ${v} := <-${t}.C:`,
              `\tfmt.Println("${G} ${t} fired", ${v}.Sub(start))`,
              `case <-time.After(${ms(d)}):`,
              `\tfmt.Println("${G} ${t} wait timeout")`,
              "}",
            ],
            [
              "{",
              `  const r = await select([recv(${t}.c), recv(time.after(${ms(d)}))] as const);`,
              `  if (r.index === 0) println("${G} ${t} fired", sub(r.value, start));`,
              `  else println("${G} ${t} wait timeout");`,
              "}",
            ],
          );
          break;
        }
        case "afterfunc": {
          const a = this.fresh("a");
          afs.push(a);
          const d = r.pick(this.timerDs);
          emit(
            [`${a} := time.AfterFunc(${ms(d)}, func() { fmt.Println("${a} ran") })`, `_ = ${a}`],
            [`const ${a} = time.afterFunc(${ms(d)}, () => println("${a} ran"));`],
          );
          break;
        }
        case "ticker": {
          const k = this.fresh("k");
          tickers.push(k);
          const d = r.pick(this.tickDs);
          emit([`${k} := time.NewTicker(${ms(d)})`, `_ = ${k}`], [`const ${k} = time.newTicker(${ms(d)});`]);
          break;
        }
        case "kreset": {
          const k = r.pick(tickers);
          const d = r.pick(this.tickDs);
          emit(
            [`${k}.Reset(${ms(d)})`, `fmt.Println("${G} ${k} reset")`],
            [`${k}.reset(${ms(d)});`, `println("${G} ${k} reset");`],
          );
          break;
        }
        case "kstop": {
          const k = r.pick(tickers);
          emit(
            [`${k}.Stop()`, `fmt.Println("${G} ${k} stopped")`],
            [`${k}.stop();`, `println("${G} ${k} stopped");`],
          );
          break;
        }
        case "ctxwait": {
          const d = r.pick(waits);
          emit(
            [
              "select {",
              "case <-ctx.Done():",
              `\tfmt.Println("${G} ctx done", ctx.Err(), context.Cause(ctx))`,
              `case <-time.After(${ms(d)}):`,
              `\tfmt.Println("${G} ctx wait timeout")`,
              "}",
            ],
            [
              `if ((await select([recv(ctx.done()!), recv(time.after(${ms(d)}))] as const)).index === 0)`,
              `  println("${G} ctx done", ctx.err(), context.cause(ctx));`,
              `else println("${G} ctx wait timeout");`,
            ],
          );
          break;
        }
        case "ctxerr":
          emit(
            [`fmt.Println("${G} ctx err", ctx.Err(), context.Cause(ctx))`],
            [`println("${G} ctx err", ctx.err(), context.cause(ctx));`],
          );
          break;
        case "ctxcancel": {
          const why = this.fresh("why");
          const arg = this.ctx === "cancelcause";
          if (arg) this.usesErrors = true;
          emit(
            [arg ? `cancel(errors.New("${why}"))` : "cancel()", `fmt.Println("${G} canceled ctx")`],
            [arg ? `cancel(new Error("${why}"));` : "cancel();", `println("${G} canceled ctx");`],
          );
          break;
        }
        case "ctxchild": {
          const cc = this.fresh("cc");
          const d = r.pick(this.timerDs);
          const w = r.pick(waits);
          waitChild(cc, `context.WithTimeout(ctx, ${ms(d)})`, `context.withTimeout(ctx, ${ms(d)})`, w, false);
          break;
        }
        case "ctxafter": {
          // context.AfterFunc on the program's context; stop() at once or after a sleep.
          const f = this.fresh("f");
          const d = r.pick(this.sleeps);
          emit(
            [
              `${f} := context.AfterFunc(ctx, func() { fmt.Println("${f} ran", ctx.Err()) })`,
              `time.Sleep(${ms(d)})`,
              `fmt.Println("${G} ${f} stop", ${f}())`,
            ],
            [
              `const ${f} = context.afterFunc(ctx, () => println("${f} ran", ctx.err()));`,
              `await time.sleep(${ms(d)});`,
              `println("${G} ${f} stop", ${f}());`,
            ],
          );
          break;
        }
        case "tpoll": {
          const t = r.pick([...timers, ...tickers]);
          const v = this.fresh("v");
          emit(
            [
              "select {",
              `case ${v} := <-${t}.C:`,
              `\tfmt.Println("${G} ${t} poll", ${v}.Sub(start))`,
              "default:",
              `\tfmt.Println("${G} ${t} poll empty")`,
              "}",
            ],
            [
              "{",
              `  const r = trySelect([recv(${t}.c)] as const);`,
              `  if (r !== null) println("${G} ${t} poll", sub(r.value, start));`,
              `  else println("${G} ${t} poll empty");`,
              "}",
            ],
          );
          break;
        }
        case "tlen": {
          const t = r.pick([...timers, ...tickers]);
          emit(
            [`fmt.Println("${G} ${t} len", len(${t}.C), cap(${t}.C))`],
            [`println("${G} ${t} len", ${t}.c.len, ${t}.c.cap);`],
          );
          break;
        }
        case "lock":
        case "rlock":
        case "wlock": {
          // mu.Lock, rw.RLock or rw.Lock: held across one sleep only.
          const [mu, lock, unlock] =
            kind === "lock"
              ? ["mu", "Lock", "Unlock"]
              : kind === "rlock"
                ? ["rw", "RLock", "RUnlock"]
                : ["rw", "Lock", "Unlock"];
          if (mu === "mu") this.usesMutex = true;
          else this.usesRWMutex = true;
          const what = kind === "lock" ? "locked" : `${kind}ed`;
          const d = r.pick(this.sleeps);
          // Unlock of a Mutex in starvation mode yields to the waiter it hands the lock to in Go, not in gort
          // (docs/deviations.md): a Gosched after it runs that waiter in both before anything is printed.
          const yieldAfter = unlock === "Unlock";
          if (yieldAfter) this.usesRuntime = true;
          emit(
            [
              `${mu}.${lock}()`,
              `fmt.Println("${G} ${what}")`,
              `time.Sleep(${ms(d)})`,
              `${mu}.${unlock}()`,
              ...(yieldAfter ? ["runtime.Gosched()"] : []),
              `fmt.Println("${G} ${what.replace("locked", "unlocked")}")`,
            ],
            [
              `await ${mu}.${lock.toLowerCase()}();`,
              `println("${G} ${what}");`,
              `await time.sleep(${ms(d)});`,
              `${mu}.${unlock.toLowerCase()}();`,
              ...(yieldAfter ? ["await gosched();"] : []),
              `println("${G} ${what.replace("locked", "unlocked")}");`,
            ],
          );
          break;
        }
        case "trylock":
          this.usesMutex = true;
          emit(
            [
              "if mu.TryLock() {",
              `\tfmt.Println("${G} trylock true")`,
              "\tmu.Unlock()",
              "} else {",
              `\tfmt.Println("${G} trylock false")`,
              "}",
            ],
            [
              "if (mu.tryLock()) {",
              `  println("${G} trylock true");`,
              "  mu.unlock();",
              `} else println("${G} trylock false");`,
            ],
          );
          break;
        case "tick": {
          const d = r.pick(this.tickDs);
          const w = r.pick(waits);
          const v = this.fresh("v");
          emit(
            [
              "select {",
              `case ${v} := <-time.Tick(${ms(d)}):`,
              `\tfmt.Println("${G} tick", ${v}.Sub(start))`,
              `case <-time.After(${ms(w)}):`,
              `\tfmt.Println("${G} tick timeout")`,
              "}",
            ],
            [
              "{",
              `  const r = await select([recv(time.tick(${ms(d)})), recv(time.after(${ms(w)}))] as const);`,
              `  if (r.index === 0) println("${G} tick", sub(r.value, start));`,
              `  else println("${G} tick timeout");`,
              "}",
            ],
          );
          break;
        }
        case "sendrecv": {
          const [a, b] = this.sendRecvPair(g) ?? ["", ""];
          const v = this.nextValue++;
          const x = this.fresh("v");
          const d = r.pick(waits);
          twoAndTimeout(
            [`${a} <- ${v}`, `"${G} sent ${v} on ${a}"`, `send(${a}, ${v})`, `"${G} sent ${v} on ${a}"`],
            [`${x} := <-${b}`, `"${G} recv ${b}", ${x}`, `recv(${b})`, `"${G} recv ${b}", r.value ?? 0`],
            d,
            `"${G} sendrecv timeout"`,
          );
          break;
        }
        case "nested": {
          const c = r.pick(this.chans).name;
          const c2 = r.pick(this.chans).name;
          const d = r.pick(waits);
          const d2 = r.pick(waits);
          const v = this.fresh("v");
          const ok = this.fresh("ok");
          const v2 = this.fresh("v");
          emit(
            [
              "select {",
              `case ${v}, ${ok} := <-${c}:`,
              `\tfmt.Println("${G} outer ${c}", ${v}, ${ok})`,
              "\tselect {",
              `\tcase ${v2} := <-${c2}:`,
              `\t\tfmt.Println("${G} inner ${c2}", ${v2})`,
              `\tcase <-time.After(${ms(d2)}):`,
              `\t\tfmt.Println("${G} inner timeout")`,
              "\t}",
              `case <-time.After(${ms(d)}):`,
              `\tfmt.Println("${G} outer timeout")`,
              "}",
            ],
            [
              "{",
              `  const r = await select([recv(${c}), recv(time.after(${ms(d)}))] as const);`,
              "  if (r.index === 0) {",
              `    println("${G} outer ${c}", r.value ?? 0, r.ok);`,
              `    const r2 = await select([recv(${c2}), recv(time.after(${ms(d2)}))] as const);`,
              `    if (r2.index === 0) println("${G} inner ${c2}", r2.value ?? 0);`,
              `    else println("${G} inner timeout");`,
              `  } else println("${G} outer timeout");`,
              "}",
            ],
          );
          break;
        }
        case "ctxwo": {
          const wc = this.fresh("wc");
          emit(
            [
              `${wc} := context.WithoutCancel(ctx)`,
              `fmt.Println("${G} ${wc}", ${wc}.Err(), context.Cause(${wc}), ${wc}.Done() == nil, ctx.Err())`,
            ],
            [
              `const ${wc} = context.withoutCancel(ctx);`,
              `println("${G} ${wc}", ${wc}.err(), context.cause(${wc}), ${wc}.done() === null, ctx.err());`,
            ],
          );
          break;
        }
        case "ctxdlc": {
          this.usesErrors = true;
          const cc = this.fresh("cc");
          const d = r.pick(this.timerDs.map((x) => x * 2));
          const w = r.pick(waits);
          waitChild(
            cc,
            `context.WithDeadlineCause(ctx, start.Add(${ms(d)}), errors.New("${cc} late"))`,
            `context.withDeadlineCause(ctx, start.add(${ms(d)}), new Error("${cc} late"))`,
            w,
            true,
          );
          break;
        }
        case "ctxacc": {
          const cc = this.fresh("cc");
          const f = this.fresh("f");
          const d = r.pick(this.sleeps);
          const early = r.chance(0.3);
          const stop = [`fmt.Println("${G} ${f} stop", ${f}())`];
          const stopTs = [`println("${G} ${f} stop", ${f}());`];
          emit(
            [
              `${cc}, ${cc}cancel := context.WithCancel(ctx)`,
              `${f} := context.AfterFunc(${cc}, func() { fmt.Println("${f} ran", ${cc}.Err()) })`,
              ...(early ? stop : []),
              `${cc}cancel()`,
              `time.Sleep(${ms(d)})`,
              ...stop,
            ],
            [
              `const [${cc}, ${cc}cancel] = context.withCancel(ctx);`,
              `const ${f} = context.afterFunc(${cc}, () => println("${f} ran", ${cc}.err()));`,
              ...(early ? stopTs : []),
              `${cc}cancel();`,
              `await time.sleep(${ms(d)});`,
              ...stopTs,
            ],
          );
          break;
        }
        default:
          throw new Error(`gen: unknown op ${kind}`);
      }
    }
    emit([`fmt.Println("${G} exit")`], [`println("${G} exit");`]);
    return { go, ts };
  }
}

/** The Go program and TypeScript twin of a seed. */
export function generate(seed: number, profile: Profile = "base"): Rendered {
  const gen = new Gen(seed, profile);
  const r = gen.rng;
  const goMain: string[] = ["start := time.Now()", "_ = start", "var wg sync.WaitGroup"];
  const tsMain: string[] = ["const start = time.now();", "const wg = new WaitGroup();"];
  for (const c of gen.chans) {
    goMain.push(`${c.name} := make(chan int, ${c.cap})`, `_ = ${c.name}`);
    tsMain.push(`const ${c.name} = chan<number>(${c.cap});`);
  }
  if (gen.ctx !== null) {
    const d = r.pick([5, 10, 20, 30, 50]);
    const bg = "context.Background()";
    const ms = `${d} * time.Millisecond`;
    switch (gen.ctx) {
      case "timeout":
        goMain.push(`ctx, cancel := context.WithTimeout(${bg}, ${ms})`, "defer cancel()");
        tsMain.push(`const [ctx, cancel] = context.withTimeout(context.background(), ${ms});`);
        break;
      case "deadline":
        goMain.push(`ctx, cancel := context.WithDeadline(${bg}, start.Add(${ms}))`, "defer cancel()");
        tsMain.push(`const [ctx, cancel] = context.withDeadline(context.background(), start.add(${ms}));`);
        break;
      case "cancel":
        goMain.push(`ctx, cancel := context.WithCancel(${bg})`, "defer cancel()");
        tsMain.push("const [ctx, cancel] = context.withCancel(context.background());");
        break;
      case "cancelcause":
        goMain.push(`ctx, cancel := context.WithCancelCause(${bg})`, "defer cancel(nil)");
        tsMain.push("const [ctx, cancel] = context.withCancelCause(context.background());");
        break;
      case "timeoutcause":
        gen.usesErrors = true;
        goMain.push(
          `ctx, cancel := context.WithTimeoutCause(${bg}, ${ms}, errors.New("too slow"))`,
          "defer cancel()",
        );
        tsMain.push(
          `const [ctx, cancel] = context.withTimeoutCause(context.background(), ${ms}, new Error("too slow"));`,
        );
        break;
    }
    goMain.push("_ = ctx");
  }
  const b = gen.body(0, { timers: [], afs: [], tickers: [] });
  if (gen.usesMutex) {
    goMain.push("var mu sync.Mutex");
    tsMain.push("const mu = new Mutex();");
  }
  if (gen.usesRWMutex) {
    goMain.push("var rw sync.RWMutex");
    tsMain.push("const rw = new RWMutex();");
  }
  goMain.push(...b.go, "wg.Wait()", 'fmt.Println("main done")');
  tsMain.push(...b.ts, "await wg.wait();", 'println("main done");');
  if (gen.ctx !== null) tsMain.push(gen.ctx === "cancelcause" ? "cancel(null);" : "cancel();");
  const imports = ["fmt", "sync", "time"];
  if (gen.ctx !== null) imports.push("context");
  if (gen.usesErrors) imports.push("errors");
  if (gen.usesRuntime) imports.push("runtime");
  imports.sort();
  const go = [
    `// Code generated by test/conformance/fuzz/gen.ts for seed ${seed}; DO NOT EDIT.`,
    "package main",
    "",
    "import (",
    ...imports.map((i) => `\t"${i}"`),
    ")",
    "",
    "func main() {",
    ...goMain.map((l) => `\t${l}`),
    "}",
    "",
  ].join("\n");
  const ts = [
    `// Generated by test/conformance/fuzz/gen.ts for seed ${seed}: the twin of its Go program.`,
    'import { chan, context, go, gosched, Mutex, recv, RWMutex, select, send, time, trySelect, WaitGroup } from "IMPORTS_GORT";',
    'import { println, sub } from "IMPORTS_HARNESS";',
    "",
    "export async function main(): Promise<void> {",
    ...tsMain.map((l) => `  ${l}`),
    "}",
    "",
  ].join("\n");
  return { seed, go, ts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const profile: Profile = args.includes("--ext") ? "ext" : args.includes("--wide") ? "wide" : "base";
  const [what, a, b, c] = args.filter((x) => x !== "--wide" && x !== "--ext");
  if (what === "write") {
    // write DIR FROM COUNT: DIR/go.mod and DIR/s<seed>/main.go for each seed; prints "<seed> <hash>" lines.
    const from = Number(b);
    const count = Number(c);
    mkdirSync(a, { recursive: true });
    writeFileSync(join(a, "go.mod"), "module gortfuzz\n\ngo 1.23\n");
    for (let seed = from; seed < from + count; seed++) {
      const p = generate(seed, profile);
      mkdirSync(join(a, `s${seed}`), { recursive: true });
      writeFileSync(join(a, `s${seed}`, "main.go"), p.go);
      process.stdout.write(`${seed} ${goHash(p.go)}\n`);
    }
  } else if ((what === "go" || what === "ts") && Number.isSafeInteger(Number(a))) {
    const p = generate(Number(a), profile);
    process.stdout.write(what === "go" ? p.go : p.ts);
  } else {
    console.error("usage: gen.ts go|ts SEED | gen.ts write DIR FROM COUNT");
    process.exit(2);
  }
}
