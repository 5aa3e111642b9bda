// The default runtime's deadlock at process exit: code outside any goroutine (Go's main, here a top-level
// await) left parked on a gort operation when Node's event loop emptied (proc.ts registers it on the
// default runtime).
//
// Invariants:
//   x1. it reports only when Node is exiting with its unsettled-top-level-await status (13), and then
//       only what outside code waits on; it changes no runtime state.

import { writeSync } from "node:fs";
import type { Sched } from "./proc.ts";
import { describeWait } from "./traceback.ts";

/**
 * Node exits with its status 13 (a top-level await never settled: its event loop emptied) while code
 * outside any goroutine is parked on an operation of the default runtime (a receive nobody will send to,
 * a lock nobody will unlock): Go's "all goroutines are asleep" with the main goroutine blocked. Print
 * Go's report and exit with Go's status 2 instead. Only then: a test file that leaves an un-awaited
 * operation parked, or goroutines merely left blocked, is no deadlock (Go's program exits when main
 * returns).
 */
export function exitDeadlock(rt: Sched): void {
  if (process.exitCode !== 13 || rt.stopped || rt.externalWaiters.size === 0) return;
  const lines = ["fatal error: all goroutines are asleep - deadlock!", ""];
  for (const gp of rt.externalWaiters) {
    lines.push(`goroutine 0 [${gp.waitReason}]:`);
    const detail = describeWait(gp, rt.nanotime());
    if (detail !== "") lines.push(`\t${detail}`);
    lines.push("\tcode outside any goroutine (e.g. a top-level await)");
    const site = gp.spawnLocation();
    if (site !== "") lines.push(`\tat ${site}`);
    lines.push("");
  }
  lines.push(rt.dump());
  writeSync(2, `${lines.join("\n").replace(/\n+$/, "")}\n`); // in an exit listener: synchronously
  process.exitCode = 2;
}
