// A steady-state probe of real-clock cost (issue 17): one workload per process, a warm-up, then a
// measured window. Prints ticks (or sleeps) per second, CPU per tick and per wall second, page faults,
// for gort's ticker the p50/p99 lateness of its ticks against the ticker's schedule, and, with --alloc, the bytes allocated per tick with the top allocating functions (V8's sampling heap
// profiler, counting objects a GC already collected).
//
// The bench rows (`npm run bench -- "real-clock CPU"`) measure 2 s from a cold start, JIT compiling
// included; this probe measures what a long-running server pays once the code is optimized.
//
// usage: node --import tsx bench/probe-realclock.ts <mode> [--warm S] [--secs S] [--alloc] [--cpuprof FILE] [--n N]
//   modes: ticker (gort, one goroutine reading a 1 ms ticker), interval (Node setInterval(1)),
//          promises-interval (an async loop over node:timers/promises setInterval(1)),
//          sleepers (gort, 1000 (--n) goroutines sleeping 1–50 ms in a loop), node-sleepers (the same with
//          async loops awaiting `new Promise((r) => setTimeout(r, d))`, as the bench row's baseline)
// Run modes in alternating processes, several times: one process's figure is not a comparison.

import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { setInterval as intervalPromises } from "node:timers/promises";
import { chan, go, Runtime } from "../src/index.ts";
import * as time from "../src/time.ts";

const args = process.argv.slice(2);
const mode = args[0] ?? "ticker";
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const warmMs = opt("--warm", 3) * 1000;
const secsMs = opt("--secs", 4) * 1000;
const alloc = args.includes("--alloc");
/** --n N: the number of sleepers (sleepers, node-sleepers; default 1000). */
const nSleepers = opt("--n", 1000);
/** --cpuprof FILE: V8's sampling CPU profile (50 µs) of the measured window, written to FILE. */
const cpuprofAt = args.indexOf("--cpuprof");
const cpuprof = cpuprofAt >= 0 ? args[cpuprofAt + 1] : undefined;

let ticks = 0;
/** The ticker's lateness per tick in the window (ns). */
const late: number[] = [];
const t0 = performance.now();
const end = t0 + warmMs + secsMs;

interface Window {
  cpu: NodeJS.CpuUsage;
  faults: number;
  ticks: number;
  wall: number;
}
let start: Window | null = null;
const session = alloc ? new Session() : null;
const profiler = cpuprof !== undefined ? new Session() : null;

async function mark(): Promise<void> {
  if (profiler !== null) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 50 });
    await profiler.post("Profiler.start");
  }
  if (session !== null) {
    session.connect();
    await session.post("HeapProfiler.enable");
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 256,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  start = {
    cpu: process.cpuUsage(),
    faults: process.resourceUsage().minorPageFault,
    ticks,
    wall: performance.now(),
  };
}

// The window starts from the workload itself (the first tick past the warm-up), so no other timer runs.
let marking: Promise<void> | null = null;
function tick(): void {
  ticks++;
  if (marking === null && performance.now() - t0 >= warmMs) marking = mark();
}

async function report(): Promise<void> {
  await marking;
  const s = start!;
  const cpu = process.cpuUsage(s.cpu);
  const n = ticks - s.ticks;
  const wall = performance.now() - s.wall;
  const us = cpu.user + cpu.system;
  if (profiler !== null) {
    const { profile } = await profiler.post("Profiler.stop");
    writeFileSync(cpuprof!, JSON.stringify(profile));
  }
  const out: Record<string, string | number> = {
    mode,
    node: process.version,
    "ticks/s": Math.round((n * 1000) / wall),
    "cpu µs/tick": +(us / n).toFixed(1),
    "user µs/tick": +(cpu.user / n).toFixed(1),
    "sys µs/tick": +(cpu.system / n).toFixed(1),
    "cpu %": +((us / 1000 / wall) * 100).toFixed(2),
    "faults/s": Math.round(((process.resourceUsage().minorPageFault - s.faults) * 1000) / wall),
  };
  if (late.length > 0) {
    late.sort((a, b) => a - b);
    const q = (p: number) => +(late[Math.min(late.length - 1, Math.floor(p * late.length))] / 1e6).toFixed(3);
    out["late p50 ms"] = q(0.5);
    out["late p99 ms"] = q(0.99);
  }
  if (session !== null) {
    const { profile } = await session.post("HeapProfiler.stopSampling");
    const byFn = new Map<string, number>();
    let total = 0;
    const walk = (node: typeof profile.head): void => {
      const f = node.callFrame;
      const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").slice(-1)[0]}:${f.lineNumber + 1}`;
      byFn.set(key, (byFn.get(key) ?? 0) + node.selfSize);
      total += node.selfSize;
      for (const c of node.children) walk(c);
    };
    walk(profile.head);
    out["alloc B/tick"] = Math.round(total / n);
    const top = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(JSON.stringify(out));
    for (const [k, v] of top) console.log(`  ${Math.round(v / n)} B/tick  ${k}`);
    return;
  }
  console.log(JSON.stringify(out));
}

const workloads: Record<string, () => Promise<void>> = {
  ticker: () =>
    new Runtime().run(async () => {
      const t = time.newTicker(time.Millisecond);
      while (performance.now() < end) {
        const v = await t.c.recv();
        tick();
        if (start !== null) late.push(Number(time.since(v!)));
      }
      t.stop();
    }),
  interval: () =>
    new Promise<void>((resolve) => {
      const h = setInterval(() => {
        tick();
        if (performance.now() >= end) {
          clearInterval(h);
          resolve();
        }
      }, 1);
    }),
  "promises-interval": async () => {
    for await (const _ of intervalPromises(1)) {
      tick();
      if (performance.now() >= end) break;
    }
  },
  sleepers: () =>
    new Runtime().run(async () => {
      const done = chan<void>(nSleepers);
      for (let i = 0; i < nSleepers; i++)
        go(async () => {
          for (let k = 0; performance.now() < end; k++) {
            await time.sleep((1 + ((i + k * 7) % 50)) * time.Millisecond);
            tick();
          }
          done.trySend(undefined);
        });
      for (let i = 0; i < nSleepers; i++) await done.recv();
    }),
  "node-sleepers": async () => {
    await Promise.all(
      Array.from({ length: nSleepers }, async (_, i) => {
        for (let k = 0; performance.now() < end; k++) {
          await new Promise((r) => setTimeout(r, 1 + ((i + k * 7) % 50)));
          tick();
        }
      }),
    );
  },
};

const w = workloads[mode];
if (w === undefined) {
  console.error(`probe-realclock: unknown mode ${mode} (${Object.keys(workloads).join(", ")})`);
  process.exit(2);
}
await w();
await report();
