// findrunnable.ts's share rule for the global queue (Go's globrunqget): a P takes min(n, n/GOMAXPROCS + 1,
// 128) goroutines, runs one and queues the rest locally, oldest first. Driven directly on an idle runtime.
import assert from "node:assert/strict";
import { test } from "node:test";
import { findRunnable, umod } from "../../../src/internal/runtime/findrunnable.ts";
import { _Grunnable, G } from "../../../src/internal/runtime/g.ts";
import { Sched } from "../../../src/internal/runtime/proc.ts";

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
