// Blocking calls made outside any goroutine (a test body, a top-level await, a host callback inside a
// Runtime's run: a stand-in goroutine 0 parks for them) end as a goroutine's do: an aborted wait rejects
// with the signal's reason (it resolved with an internal ParkFailure: a "held" mutex, a select case that
// never happened, a send whose value was dropped), and a receive from a timer channel unblocks its timer
// (a top-level receive from a ticker kept it firing, and the process alive, for good). A timer stopped
// outside any goroutine (an aborted outside sleep's, an afterFunc's) no longer keeps the host wake-up
// armed for its old time (the process stayed alive for the hour).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { chan, io, Mutex, Runtime, recv, select, time } from "../../../src/index.ts";

/** A signal that aborts after ms real ms, from a host timer (outside code). */
function abortAfter(ms: number, why: string): AbortSignal {
  const ac = new AbortController();
  setTimeout(() => ac.abort(new Error(why)), ms);
  return ac.signal;
}

test("outside any goroutine, an aborted wait rejects with the reason: recv, sleep, lock, select, send", async () => {
  await assert.rejects(chan<number>().recv(abortAfter(5, "recv")), /^Error: recv$/);
  await assert.rejects(time.sleep(time.Hour, abortAfter(5, "sleep")), /^Error: sleep$/);
  const mu = new Mutex();
  await mu.lock();
  await assert.rejects(mu.lock(abortAfter(5, "lock")), /^Error: lock$/);
  assert.equal(mu.tryLock(), false, "still held once, by the first lock");
  await assert.rejects(select([recv(chan<number>())] as const, abortAfter(5, "select")), /^Error: select$/);
  const c = chan<string>(1);
  c.trySend("fill");
  await assert.rejects(c.send("dropped?", abortAfter(5, "send")), /^Error: send$/);
  assert.deepEqual([c.len, c.tryRecv(), c.tryRecv()], [1, { value: "fill", ok: true }, null]);
});

test("in a host callback inside Runtime.run, an aborted receive rejects with the reason", async () => {
  const got = await new Runtime({ clock: "real" }).run(() =>
    io(
      new Promise<string>((resolve) => {
        setTimeout(async () => {
          try {
            resolve(`resolved with ${String(await chan<number>().recv(abortAfter(5, "aborted")))}`);
          } catch (e) {
            resolve(`rejected: ${(e as Error).message}`);
          }
        }, 1);
      }),
    ),
  );
  assert.equal(got, "rejected: aborted");
});

const fixture = fileURLToPath(new URL("./fixtures/outside-ticker.ts", import.meta.url));

for (const mode of ["recv", "for-await", "stop-afterfunc", "abort-sleep"]) {
  test(`top-level code that leaves a timer behind (${mode}) lets the process exit`, () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", fixture, mode], {
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.equal(r.signal, null, `the process did not exit by itself (killed by the guard): ${r.stderr}`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "done\n");
  });
}
