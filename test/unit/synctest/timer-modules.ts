// The objects gort/synctest's load-time wrappers are put on (fakes.ts: installEarly), for the tests that
// check them: the globals, node:timers' and node:timers/promises' CommonJS exports, and their names.
import { createRequire } from "node:module";
import { hostTimerFunctions } from "../../../src/internal/host.ts";

const req = createRequire(import.meta.url);
export const timers = req("node:timers") as Record<string, unknown>;
export const tp = req("node:timers/promises") as Record<string, unknown>;
export const globals = globalThis as unknown as Record<string, unknown>;
/** setTimeout, setInterval, setImmediate and their clears. */
export const timerNames = Object.keys(hostTimerFunctions);
/** node:timers/promises' functions that are wrapped. */
export const promiseNames = ["setTimeout", "setImmediate", "setInterval"];
