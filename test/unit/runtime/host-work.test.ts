// checkdead.ts d4: on the real clock, every goroutine blocked is no deadlock while the host holds work that
// the program started after run() began — a host timer, a listening server, a request in flight — since
// that work may still wake a goroutine, as Go's pending timers and its network poller do. The report still
// comes once that work is gone; work that was there before run() (a runner's timeout) does not postpone it.
import assert from "node:assert/strict";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { chan, GoFatalError, go, Runtime } from "../../../src/index.ts";

for (const procs of [1, 4]) {
  test(`procs ${procs}: main waits for a host setTimeout that feeds its channel`, async () => {
    const got = await new Runtime({ clock: "real", procs }).run(async () => {
      const c = chan<string>(0, "fromHost");
      setTimeout(() => void c.send("from the host timer"), 20);
      return c.recv();
    });
    assert.equal(got, "from the host timer");
  });

  test(`procs ${procs}: an HTTP handler feeds a channel main and a goroutine read`, async () => {
    const got = await new Runtime({ clock: "real", procs }).run(async () => {
      const paths = chan<string>(0, "paths");
      const server = createServer((req, res) => {
        res.end("ok");
        void paths.send(req.url ?? "");
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const { port } = server.address() as AddressInfo;
      // The client is host code (a timer callback), not a goroutine: only the server and it are pending.
      setTimeout(() => {
        request({ port, host: "127.0.0.1", path: "/hello" }, (res) => res.resume()).end();
      }, 5);
      const seen = chan<string>(1);
      go(async () => {
        await seen.send(`goroutine saw ${await paths.recv()}`);
      });
      const line = await seen.recv();
      server.close();
      return line;
    });
    assert.equal(got, "goroutine saw /hello");
  });

  test(`procs ${procs}: a deadlock is still reported once the host work ends without waking anyone`, async () => {
    let fired = false;
    const err = await new Runtime({ clock: "real", procs })
      .run(async () => {
        setTimeout(() => {
          fired = true;
        }, 20);
        await chan<number>(0, "nobody").recv();
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof GoFatalError, String(err));
    assert.equal(err.name, "DeadlockError");
    assert.ok(fired, "the report waited for the host timer");
  });
}

test("host work that was there before run() began does not postpone the report", async () => {
  let fired = false;
  const before = setTimeout(() => {
    fired = true;
  }, 60_000); // refed: it keeps the process alive, but it is not the program's
  try {
    const err = await new Runtime({ clock: "real" })
      .run(() => chan<number>(0, "nobody").recv())
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof GoFatalError && err.name === "DeadlockError", String(err));
    assert.equal(fired, false, "reported while the earlier timer is still pending");
  } finally {
    clearTimeout(before);
  }
});
