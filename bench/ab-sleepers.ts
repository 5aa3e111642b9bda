// An in-process A/B of the 1,000-sleeper workload (issue 17's "real-clock CPU" row) between two source
// trees of gort, for a change too small for separate processes to show: on this 2-vCPU VM one process's
// CPU per sleep lands up to ±15 % from the next one's, which hides a 5 % effect in a handful of rounds.
//
// Both copies load into one process (gort warns that a second copy runs: that is the point here) and
// alternate windows of `--win` seconds, the order flipped each round; the first two rounds warm up and
// are dropped. Each window is a fresh Runtime with `--n` goroutines sleeping 1–50 ms in a loop; its figure
// is the process's CPU (user + system) per sleep. The result is the geometric mean of the paired ratios
// B/A with its standard error, and the medians of each side.
//
// An A/A run (the same tree twice, 40 pairs of 1 s, `--single-threaded-gc`) gave 0.993 ± 2.3 %: a
// difference needs to pass ~5 % to be told from noise at 40 pairs.
//
// usage: node --single-threaded-gc --import tsx bench/ab-sleepers.ts DIR_A DIR_B [--win S] [--rounds N] [--n N]
//   DIR_A, DIR_B: checkouts of gort (each with src/), e.g. the main tree and a git worktree

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const argv = process.argv.slice(2);
const dirs = argv.filter((a, i) => !a.startsWith("--") && (i === 0 || !argv[i - 1].startsWith("--")));
if (dirs.length !== 2) {
  console.error("usage: ab-sleepers.ts DIR_A DIR_B [--win S] [--rounds N] [--n N]");
  process.exit(2);
}
const opt = (name: string, dflt: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const winMs = opt("--win", 1) * 1000;
const rounds = opt("--rounds", 40);
const n = opt("--n", 1000);

interface Gort {
  Runtime: new () => { run(fn: () => Promise<void>): Promise<void> };
  go(fn: () => Promise<void>): void;
  chan<T>(size: number): { trySend(v: T): boolean; recv(): Promise<unknown> };
  time: { sleep(d: number): Promise<unknown>; Millisecond: number };
}

async function load(dir: string): Promise<Gort> {
  const url = (f: string) => pathToFileURL(resolve(dir, f)).href;
  const g = await import(url("src/index.ts"));
  return { ...g, time: await import(url("src/time.ts")) } as Gort;
}

/** One window: CPU µs per sleep of n goroutines sleeping 1–50 ms until the window ends. */
async function window(m: Gort): Promise<number> {
  const end = performance.now() + winMs;
  let sleeps = 0;
  const c0 = process.cpuUsage();
  await new m.Runtime().run(async () => {
    const done = m.chan<void>(n);
    for (let i = 0; i < n; i++)
      m.go(async () => {
        for (let k = 0; performance.now() < end; k++) {
          await m.time.sleep((1 + ((i + k * 7) % 50)) * m.time.Millisecond);
          sleeps++;
        }
        done.trySend(undefined);
      });
    for (let i = 0; i < n; i++) await done.recv();
  });
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / sleeps;
}

const sides = [await load(dirs[0]), await load(dirs[1])];
const a: number[] = [];
const b: number[] = [];
for (let r = 0; r < rounds + 2; r++) {
  const order = r % 2 === 0 ? [0, 1] : [1, 0];
  const got = [0, 0];
  for (const s of order) got[s] = await window(sides[s]);
  if (r < 2) continue;
  a.push(got[0]);
  b.push(got[1]);
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const logs = a.map((x, i) => Math.log(b[i] / x));
const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
const se = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (logs.length - 1) / logs.length);
console.log(
  `B/A ${Math.exp(mean).toFixed(3)} ± ${(se * 100).toFixed(1)} % (geometric mean of ${logs.length} pairs, 1 SE); ` +
    `median µs a sleep: A ${median(a).toFixed(2)}, B ${median(b).toFixed(2)}`,
);
