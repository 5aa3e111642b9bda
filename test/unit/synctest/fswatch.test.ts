// fs.watch and fs.promises.watch inside a bubble: a change the bubble's code makes is reported at the
// virtual instant it was made, as on the host it comes within a moment of it. The kernel has queued the
// event by the time the write returns, but Node reads it only in a later poll of the event loop, and the
// bubble used to jump its clock to its next timer first (a guard timeout beat every watcher event). A
// watcher of the bubble now holds its time until the loop has polled once since the bubble's last
// progress (ioop.ts: FSWATCH). Bounds are on virtual time and counts, never on real time.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, watch, writeFileSync } from "node:fs";
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import * as tp from "node:timers/promises";
import * as synctest from "../../../src/synctest.ts";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "gort-fswatch-"));
  dirs.push(d);
  return d;
}

describe("fs.watch in a bubble", () => {
  test("a file written at virtual 10 is seen at 10, before a 2 s guard timeout", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "x"), "a");
    const got = await synctest.run(async () => {
      const t0 = Date.now();
      const w = watch(dir);
      const changed = new Promise<string>((resolve) =>
        w.once("change", (_ev, name) => resolve(`${String(name)} at ${Date.now() - t0}`)),
      );
      setTimeout(() => writeFileSync(join(dir, "x"), "bb"), 10);
      const r = await Promise.race([changed, tp.setTimeout(2000, `timeout at ${Date.now() - t0 + 2000}`)]);
      w.close();
      return r;
    });
    assert.equal(got, "x at 10");
  });

  test("fs.promises.watch's iterator sees an async write at its virtual instant", async () => {
    const dir = tempDir();
    const got = await synctest.run(async () => {
      const t0 = Date.now();
      const ac = new AbortController();
      const guard = setTimeout(() => ac.abort(), 5000);
      setTimeout(() => void fsp.writeFile(join(dir, "y"), "new"), 25);
      const seen: string[] = [];
      try {
        for await (const ev of fsp.watch(dir, { signal: ac.signal })) {
          seen.push(`${ev.filename} at ${Date.now() - t0}`);
          break;
        }
      } catch (e) {
        seen.push(`${(e as Error).name} at ${Date.now() - t0}`);
      }
      clearTimeout(guard);
      return seen;
    });
    assert.deepEqual(got, ["y at 25"]);
  });

  test("an open watcher with nothing changing lets time run: 500 sleeps of 1 ms take virtual 500 ms", async () => {
    const dir = tempDir();
    const got = await synctest.run(async () => {
      const t0 = Date.now();
      const w = watch(dir);
      let events = 0;
      w.on("change", () => events++);
      for (let i = 0; i < 500; i++) await tp.setTimeout(1);
      w.close();
      return [Date.now() - t0, events];
    });
    assert.deepEqual(got, [500, 0]);
  });
});
