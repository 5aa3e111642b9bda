// The main entry `gort` (used in production servers) patches nothing at import; gort/synctest (and so
// every gort/testing/* entry, which imports it) puts its pass-through timer wrappers (and node:fs'
// watchFile/unwatchFile's) in place at import
// (fakes.ts: installEarly), also over another copy's. This file imports gort/synctest only after checking
// the first.
import assert from "node:assert/strict";
import { test } from "node:test";
import { go } from "../../../src/index.ts";
import { globals, promiseNames, timerNames, timers, tp } from "./timer-modules.ts";

const marker = Symbol.for("gort.hostFunction");
const globalsAtLoad = timerNames.map((n) => globals[n]);
const fsMod = process.getBuiltinModule("node:fs") as unknown as Record<string, Record<symbol, unknown>>;
const watchNames = ["watchFile", "unwatchFile"];
const watchAtLoad = watchNames.map((n) => fsMod[n]);
const promisesAtLoad = promiseNames.map((n) => tp[n]);

test("importing gort patches no timer function; importing gort/synctest wraps them", async () => {
  assert.equal(typeof go, "function");
  for (const n of timerNames) {
    assert.equal((globals[n] as Record<symbol, unknown>)[marker], undefined, n);
    assert.equal(timers[n], globals[n], `node:timers' ${n} is the global's, Node's own`);
  }
  // node:timers as another copy of gort left it (Jest loads gort anew for each test file, in a fresh
  // global, while node:timers is the worker process's): this copy's wrappers replace that one.
  const otherCopy = (...a: unknown[]) => (globalsAtLoad[0] as (...a: unknown[]) => unknown)(...a);
  Object.defineProperty(otherCopy, marker, { value: globalsAtLoad[0] });
  timers.setTimeout = otherCopy;
  for (const n of watchNames) assert.equal(fsMod[n][marker], undefined, `fs.${n}`);
  await import("../../../src/synctest.ts");
  for (const [i, n] of watchNames.entries())
    assert.equal(fsMod[n][marker], watchAtLoad[i], `fs.${n} wraps the host's`);
  timerNames.forEach((n, i) => {
    assert.equal((globals[n] as Record<symbol, unknown>)[marker], globalsAtLoad[i], `${n} wraps the host's`);
    assert.equal(timers[n], globals[n]);
  });
  assert.notEqual(timers.setTimeout, otherCopy);
  for (const [i, n] of promiseNames.entries()) assert.notEqual(tp[n], promisesAtLoad[i], n);
});
