// findrunnable.ts's share rule for the global queue (Go's globrunqget): a P takes min(n, n/GOMAXPROCS + 1,
// 128) goroutines, runs one and queues the rest locally, oldest first. Driven directly on an idle runtime.
import assert from "node:assert/strict";
import { test } from "node:test";
import { findRunnable } from "../../../src/internal/runtime/findrunnable.ts";
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
