// The suites `npm run bench` runs, in order. A later suite (scheduler, channels, virtual time vs
// @sinonjs/fake-timers) lives in its own bench/<name>.ts, exports a Suite (see lib.ts) and is added here.
import { engineSuite } from "./engine.ts";
import type { Suite } from "./lib.ts";
import { schedSuite } from "./sched.ts";

export const suites: Suite[] = [engineSuite, schedSuite];
