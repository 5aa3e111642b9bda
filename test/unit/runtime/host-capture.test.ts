// host.ts captures the host's primitives once, at load. A fake-timers library installed globally before
// gort loads (Jest's `fakeTimers.enableGlobally`, a global sinon clock) must not be taken for the host:
// the child process below loads gort under such fakes and runs a real-clock sleep, a bubble and a
// fake-clock runtime. Before host.ts looked through the fakes, each of them hung.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

/** Runs test/unit/fixtures/<name> in a process of its own. */
function fixture(name: string) {
  const file = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return spawnSync(process.execPath, ["--import", "tsx", file], {
    cwd: fileURLToPath(new URL("../../../", import.meta.url)),
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
}

test("gort loaded under global fake timers still runs on the real host", () => {
  const r = fixture("loaded-under-fakes.ts");
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "real-clock sleep: slept\nbubble: 1h0m0s\nfake clock: done\n");
  assert.equal(r.status, 0);
});

// A DOM library can make its window's timers the global's before gort loads (happy-dom's
// GlobalRegistrator.register() in a setup file). host.ts takes Node's from node:timers: before, it took the
// window's, and once the window was closed (GlobalRegistrator.unregister()) a real-clock time.sleep never
// returned.
test("gort loaded while a DOM window's timers are the global's keeps Node's for its own", () => {
  const r = fixture("loaded-under-dom-window.ts");
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    "the window's setTimeout is the global's: true\nbubble: 1h0m0.25s\n" +
      "real-clock sleep after the window closed: slept\n",
  );
  assert.equal(r.status, 0);
});

test("a second copy of gort in the process warns once, naming both; one copy says nothing", () => {
  const host = new URL("../../../src/internal/host.ts", import.meta.url).href;
  // A module URL with a query is a second instance of the module: what a second copy of gort would be.
  // The warning names the file each copy runs from (loaded from source here: src/internal/host.ts).
  const program = `
    const { fileURLToPath } = await import("node:url");
    const named = (m) => /running \\((\\S+), beside (\\S+)\\):/.exec(m).slice(1).map((u) => fileURLToPath(u));
    process.on("warning", (w) => console.log(w.name, w.code, named(w.message).every((f) => f === ${JSON.stringify(fileURLToPath(host))})));
    await import(${JSON.stringify(host)});
    if (process.argv[1] === "two") { await import(${JSON.stringify(`${host}?copy=2`)}); await import(${JSON.stringify(`${host}?copy=3`)}); }
    await new Promise((r) => setImmediate(r));
    console.log("end");`;
  const run = (copies: string) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program, copies], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
  };
  assert.equal(run("one").stdout, "end\n");
  assert.equal(run("two").stdout, "GortWarning GORT_TWO_COPIES true\nend\n");
});
