// Execution tracing (Go: runtime/trace), published on node:diagnostics_channel.
//
// The runtime emits one event per scheduling fact: goroutine create/start/block/unblock/end, timer
// add/modify/stop/fire, P running/idle, steals, clock jumps, runtime exit. Events go to the diagnostics
// channel "gort:trace" as plain objects. When nobody subscribes, `tracing` is false and every emit site
// costs one test of a module-level boolean (the benchmarks measure it).
//
// Invariants:
//   t1. tracing === traceChannel.hasSubscribers, updated on every subscribe/unsubscribe through
//       subscribeTrace (direct diagnostics_channel subscribers are noticed at the next setTracing call).
//   t2. every event carries the runtime id and the runtime clock's time `ts` (ns since the runtime started).

import * as diagnostics_channel from "node:diagnostics_channel";
import { checkFunc } from "../args.ts";

export type TraceEventKind =
  | "go.create"
  | "go.start"
  | "go.block"
  | "go.unblock"
  | "go.end"
  | "go.syscall"
  | "timer.add"
  | "timer.modify"
  | "timer.stop"
  | "timer.fire"
  | "proc.run"
  | "proc.idle"
  | "proc.steal"
  | "clock.jump"
  | "runtime.exit";

/** One trace event. `g` is a goroutine id, `p` a P id, `t` a timer id; `arg` depends on the kind. */
export interface TraceEvent {
  kind: TraceEventKind;
  rt: number;
  ts: number;
  g?: number;
  p?: number;
  t?: number;
  arg?: string | number;
}

export const traceChannel = diagnostics_channel.channel("gort:trace");

/** Whether anyone listens (t1). */
export let tracing = false;

/** Subscribes fn to trace events; returns the unsubscribe function. */
export function subscribeTrace(fn: (e: TraceEvent) => void): () => void {
  checkFunc(fn, "trace.subscribeTrace", "fn");
  const h = (m: unknown) => fn(m as TraceEvent);
  traceChannel.subscribe(h);
  tracing = true;
  return () => {
    traceChannel.unsubscribe(h);
    tracing = traceChannel.hasSubscribers;
  };
}

/** Re-reads whether anyone listens (for subscribers added through diagnostics_channel directly). */
export function setTracing(): void {
  tracing = traceChannel.hasSubscribers;
}

export function emit(e: TraceEvent): void {
  traceChannel.publish(e);
}
