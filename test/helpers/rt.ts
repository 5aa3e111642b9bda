// Helpers for running code in isolated runtimes.
import { type RuntimeOptions, Sched } from "../../src/internal/runtime/proc.ts";
import { FuncTimer } from "../../src/internal/runtime/sleep.ts";
import type { Timer } from "../../src/internal/runtime/timer.ts";

export const ms = 1e6;

/** Runs main in a fresh fake-clock runtime; returns [result, runtime]. */
export async function runFake<T>(
  main: (rt: Sched) => Promise<T> | T,
  opts: RuntimeOptions = {},
): Promise<[T, Sched]> {
  const rt = new Sched({ clock: "fake", seed: 1, ...opts });
  const r = await rt.run(() => main(rt));
  return [r as T, rt];
}

/** Virtual ms since the runtime started. */
export function vms(rt: Sched): number {
  return (rt.nanotime() - 1) / ms;
}

/** A runtime-level AfterFunc (time.AfterFunc without the public package): f runs in a new goroutine. */
export function afterFunc(rt: Sched, d: number, f: () => unknown): Timer {
  const t: Timer = new FuncTimer(f);
  t.reset(rt.nanotime() + Math.max(d, 0), 0);
  return t;
}

export const procsMatrix = [1, 2, 4, 8];
