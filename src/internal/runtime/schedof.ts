// The way from a public Runtime (src/runtime.ts, a facade with a private field) to its scheduler, for
// gort's own modules and tests only: the package does not export this module.

import type { Runtime } from "../../runtime.ts";
import type { Sched } from "./proc.ts";

let access: ((rt: Runtime) => Sched) | null = null;

/** Called once, by the Runtime class itself (the only code that can read its private field). */
export function setSchedAccess(f: (rt: Runtime) => Sched): void {
  access = f;
}

/** The scheduler behind a public Runtime. */
export function schedOf(rt: Runtime): Sched {
  return access!(rt);
}
