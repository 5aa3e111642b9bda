// findrunnable.ts's share rule for the global queue (Go's globrunqget): a P takes min(n, n/GOMAXPROCS + 1,
// 128) goroutines, runs one and queues the rest locally, oldest first. Driven directly on an idle runtime.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chan, go, gosched, Runtime, time, WaitGroup } from "../../../src/index.ts";
import { findRunnable, stealShortcut, umod } from "../../../src/internal/runtime/findrunnable.ts";
import { _Grunnable, G } from "../../../src/internal/runtime/g.ts";
import { _Prunning } from "../../../src/internal/runtime/p.ts";
import { Sched } from "../../../src/internal/runtime/proc.ts";
import { subscribeTrace } from "../../../src/internal/runtime/trace.ts";

function withGlobal(procs: number, n: number): { rt: Sched; gs: G[] } {
  const rt = new Sched({ clock: "fake", procs, spawnSites: false, seed: 1 });
  const gs: G[] = [];
  for (let i = 0; i < n; i++) {
    const gp = new G(rt, 100 + i, null, 0);
    gp.status = _Grunnable;
    rt.allgs.add(gp);
    rt.globrunq.push(gp);
    gs.push(gp);
  }
  return { rt, gs };
}

function localQueue(rt: Sched, p: number): number[] {
  const pp = rt.allp[p];
  const out: number[] = [];
  for (let i = pp.runqhead; i < pp.runqtail; i++) out.push(pp.runq[i % pp.runq.length]!.goid);
  return out;
}

for (const [procs, n, share] of [
  [1, 10, 10],
  [2, 10, 6],
  [4, 10, 3],
  [4, 1000, 128],
] as const) {
  test(`GOMAXPROCS=${procs}, ${n} in the global queue: a P takes ${share}, runs the oldest, queues the rest`, () => {
    const { rt, gs } = withGlobal(procs, n);
    const pp = rt.allp[0];
    pp.schedtick = 1; // not a 61st tick: the local queue (empty) comes first, then the global queue
    const gp = findRunnable(rt, pp);
    assert.equal(gp, gs[0]);
    assert.deepEqual(
      localQueue(rt, 0),
      gs.slice(1, share).map((g) => g.goid),
    );
    assert.equal(rt.globrunq.length - rt.globhead, n - share);
  });
}

test("umod is r % n exactly for every uint32 r (the steal order's start and stride)", () => {
  const rs = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 32 - 2, 2 ** 32 - 1];
  let x = 0x2545f491;
  for (let i = 0; i < 20000; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    rs.push(x >>> 0);
  }
  for (const n of [1, 2, 3, 4, 5, 7, 8, 61, 64, 255, 256, 1000, 65535, 2 ** 31 - 1]) {
    for (const r of rs) {
      const got = umod(r, n);
      assert.equal(got, Number(BigInt(r) % BigInt(n)), `umod(${r}, ${n})`);
      assert.ok(Number.isInteger(got) && got >= 0 && got < n);
    }
    // The largest multiples of n and their neighbours below 2^32, where a rounded-up quotient would show.
    const top = Math.floor((2 ** 32 - 1) / n) * n;
    for (const r of [top - 1, top, top + 1].filter((v) => v >= 0 && v < 2 ** 32))
      assert.equal(umod(r, n), Number(BigInt(r) % BigInt(n)), `umod(${r}, ${n})`);
  }
});

/**
 * One seeded program at GOMAXPROCS=4 under the fake clock: 8 goroutines sending, receiving, sleeping,
 * yielding and starting afterFunc goroutines, with the full scheduler trace (which P runs what, steals,
 * timers) and every operation's virtual time recorded.
 */
async function tracedRun(seed: number): Promise<string[]> {
  const log: string[] = [];
  const off = subscribeTrace((e) => log.push(`${e.ts} ${e.kind} g${e.g ?? ""} p${e.p ?? ""} ${e.arg ?? ""}`));
  try {
    const rt = new Runtime({ clock: "fake", procs: 4, spawnSites: false, seed });
    await rt.run(async () => {
      const unbuf = chan<number>();
      const buf = chan<number>(3);
      const wg = new WaitGroup();
      let x = seed;
      const rnd = (n: number) => {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        return (x >>> 8) % n;
      };
      for (let w = 0; w < 8; w++) {
        wg.add(1);
        go(async () => {
          for (let k = 0; k < 12; k++) {
            const op = rnd(6);
            log.push(`${time.since(start)} w${w} op${op}`);
            if (op === 0) await time.sleep(rnd(5) * time.Millisecond);
            else if (op === 1) await gosched();
            else if (op === 2) buf.trySend(k);
            else if (op === 3) buf.tryRecv();
            else if (op === 4) {
              wg.add(1);
              time.afterFunc(rnd(3) * time.Millisecond, () => {
                log.push(`${time.since(start)} w${w} afterFunc`);
                wg.done();
              });
            } else if (w % 2 === 0) unbuf.trySend(k);
            else unbuf.tryRecv();
          }
          wg.done();
        });
      }
      await wg.wait();
    });
  } finally {
    off();
  }
  return log;
}
const start = time.now();

test("r4: stealWork's shortcut changes nothing a seeded run does (trace, order, virtual times)", async () => {
  let steals = 0;
  for (let seed = 1; seed <= 25; seed++) {
    stealShortcut.on = true;
    const fast = await tracedRun(seed);
    stealShortcut.on = false;
    let slow: string[];
    try {
      slow = await tracedRun(seed);
    } finally {
      stealShortcut.on = true;
    }
    assert.deepEqual(fast, slow, `seed ${seed}`);
    steals += fast.filter((l) => l.includes(" proc.steal ")).length;
  }
  assert.ok(steals > 0, "no program stole work: the comparison covered only the shortcut");
});

test("a P's ring keeps FIFO order and p1 when head and tail run past 2^31 and 2^32", () => {
  for (const start of [2 ** 31 - 3, 2 ** 32 - 3, 2 ** 40 + 250]) {
    const { rt, gs } = withGlobal(1, 0);
    const pp = rt.allp[0];
    pp.status = _Prunning; // p3: only a running P holds goroutines
    pp.runqhead = pp.runqtail = start;
    const mine: G[] = [];
    for (let i = 0; i < 300; i++) {
      const gp = new G(rt, 1000 + i, null, 0);
      gp.status = _Grunnable;
      mine.push(gp);
    }
    for (const gp of mine.slice(0, 256)) assert.equal(pp.runqput(gp, false), null);
    assert.equal(pp.runqput(mine[256], false), mine[256], "a full ring refuses the 257th");
    pp.verify();
    const out: number[] = [];
    for (let i = 0; i < 100; i++) out.push(pp.runqget()!.goid);
    for (const gp of mine.slice(256)) assert.equal(pp.runqput(gp, false), null);
    pp.verify();
    for (let g = pp.runqget(); g !== null; g = pp.runqget()) out.push(g.goid);
    assert.deepEqual(
      out,
      mine.map((g) => g.goid),
      `start ${start}`,
    );
    assert.equal(gs.length, 0);
  }
});
