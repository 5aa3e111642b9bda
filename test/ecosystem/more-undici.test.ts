// fetch's own timeouts in a bubble. In a file of its own: node:test runs each file in a process of its
// own, and Node's bundled undici keeps one process-wide tick for its timeouts (its fast timers), made by
// the first request that needs it. Made in this bubble, it runs on virtual time; made outside (or by an
// earlier bubble, after which it goes on as a host timer), it would be real and the bubble would wait
// 300 real seconds.
import assert from "node:assert/strict";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import * as synctest from "../../src/synctest.ts";

test("fetch to a server of the bubble that never answers fails with undici's headers timeout after 300 s of virtual time", async () => {
  // Node's bundled undici checks its timeouts on a 499 ms tick (its fast timers): the first tick at or
  // past 300,000 ms is the 602nd, at 300,398. Real Node 20 and 24 gave 306 s and 305 s by hand: the same
  // tick count, each tick a little late on real time.
  const got = await synctest.run(async () => {
    const server = createHttpServer(() => {});
    server.headersTimeout = 0;
    server.requestTimeout = 0;
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const t0 = Date.now();
    try {
      const outcome = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`).then(
        (r) => String(r.status),
        (e: Error) => `${e.name}: ${(e.cause as { code?: string }).code}`,
      );
      return [outcome, Date.now() - t0];
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
  assert.deepEqual(got, ["TypeError: UND_ERR_HEADERS_TIMEOUT", 300_398]);
});
