// msw (Mock Service Worker) in Node, unchanged, in a bubble (third batch; see harness.ts): setupServer
// from msw/node intercepts fetch and node:http in the process (no socket connects), its handlers await
// msw's delay(ms), a setTimeout: on the bubble's clock for requests made by the bubble's code.
// Through the module object: msw patches node:http's CommonJS exports, which an ES named import
// (`import { get } from "node:http"`) does not see in plain Node, nor in a bubble (the last test).

import assert from "node:assert/strict";
import nodeHttp, { get as namedGet } from "node:http";
import { after, before, test } from "node:test";
import axios from "axios";
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import * as synctest from "../../src/synctest.ts";
import { scenario } from "./harness.ts";

// As a test suite sets it up: one server for the file, listening before the tests (outside any bubble).
// The durations come in the request (?ms=), so the real-time run can scale them.
const api = "http://api.test";
const msOf = (request: Request, name = "ms") => Number(new URL(request.url).searchParams.get(name) ?? 0);
let calls = 0;
let flakyCalls = 0;
const server = setupServer(
  http.get(`${api}/user`, async ({ request }) => {
    const call = ++calls;
    await delay(msOf(request));
    return HttpResponse.json({ id: 1, call });
  }),
  http.get(`${api}/flaky`, async ({ request }) => {
    const n = ++flakyCalls;
    await delay(msOf(request));
    return n % 2 === 1 ? HttpResponse.json({ error: "busy" }, { status: 503 }) : HttpResponse.json({ n });
  }),
  http.get(`${api}/never`, async () => {
    await delay("infinite");
    return HttpResponse.text("never");
  }),
  http.get(`${api}/realistic`, async () => {
    await delay(); // msw's "realistic" server time: 5 ms in Node
    return HttpResponse.text("realistic");
  }),
);
before(() => server.listen({ onUnhandledRequest: "error" }));
after(() => server.close());

scenario(
  "msw 2.15.0: fetch to a handler that awaits delay(300) resolves at 300; delay() in Node is msw's 5 ms",
  async (c) => {
    calls = 0;
    const r = await fetch(`${api}/user?ms=${c.ms(300)}`);
    const body = await r.json();
    c.mark("user");
    const text = await (await fetch(`${api}/realistic`)).text();
    c.mark("realistic");
    return [r.status, body, text];
  },
  {
    result: [200, { id: 1, call: 1 }, "realistic"],
    elapsed: 305,
    marks: [
      ["user", 300],
      ["realistic", 305],
    ],
  },
);

scenario(
  "msw 2.15.0: fetch with AbortSignal.timeout(200) against delay(1000) rejects with TimeoutError at 200; against delay('infinite') too",
  async (c) => {
    calls = 0;
    const slow = await fetch(`${api}/user?ms=${c.ms(1000)}`, { signal: AbortSignal.timeout(c.ms(200)) }).then(
      (r) => `status ${r.status}`,
      (e: Error) => e.name,
    );
    c.mark(`slow ${slow}`);
    const never = await fetch(`${api}/never`, { signal: AbortSignal.timeout(c.ms(500)) }).then(
      (r) => `status ${r.status}`,
      (e: Error) => e.name,
    );
    c.mark(`never ${never}`);
    const fast = await fetch(`${api}/user?ms=${c.ms(50)}`, { signal: AbortSignal.timeout(c.ms(200)) }).then(
      (r) => r.json(),
    );
    c.mark("fast");
    return { slow, never, fast };
  },
  {
    result: { slow: "TimeoutError", never: "TimeoutError", fast: { id: 1, call: 2 } },
    elapsed: 750,
    marks: [
      ["slow TimeoutError", 200],
      ["never TimeoutError", 700],
      ["fast", 750],
    ],
  },
);

scenario(
  "msw 2.15.0: axios (node:http adapter) with timeout 250 against delay(400) fails with ECONNABORTED at 250; a retry loop gets the second answer",
  async (c) => {
    flakyCalls = 0;
    const timedOut = await axios.get(`${api}/user?ms=${c.ms(400)}`, { timeout: c.ms(250) }).then(
      () => "answered",
      (e: { code?: string }) => e.code,
    );
    c.mark(`axios ${timedOut}`);
    // A hand-written retry: 503 on odd calls (after 100 ms), wait 200 ms, try again.
    const statuses: number[] = [];
    for (;;) {
      const r = await axios.get(`${api}/flaky?ms=${c.ms(100)}`, { validateStatus: () => true });
      statuses.push(r.status);
      c.mark(`flaky ${r.status}`);
      if (r.status === 200) break;
      await new Promise((r) => setTimeout(r, c.ms(200)));
    }
    return { timedOut, statuses };
  },
  {
    result: { timedOut: "ECONNABORTED", statuses: [503, 200] },
    elapsed: 650,
    marks: [
      ["axios ECONNABORTED", 250],
      ["flaky 503", 350],
      ["flaky 200", 650],
    ],
  },
);

scenario(
  "msw 2.15.0: node:http get with req.setTimeout(150) against delay(600): msw's mock socket never times out, the answer comes at 600",
  async (c) => {
    const got = await new Promise<string>((resolve) => {
      const req = nodeHttp.get(`${api}/user?ms=${c.ms(600)}`, (res) => {
        res.resume();
        res.on("end", () => resolve(`status ${res.statusCode}`));
      });
      // msw's MockHttpSocket has no inactivity timer (plain Node with msw: the same)
      req.setTimeout(c.ms(150), () => {
        c.mark("timeout");
        req.destroy(new Error("request timed out"));
      });
      req.on("error", (e) => resolve(e.message));
    });
    c.mark("settled");
    return got;
  },
  { result: "status 200", elapsed: 600, marks: [["settled", 600]] },
);

test("msw 2.15.0: a bubble leaves ES named imports of node:http as they were: msw's patch of http.get stays out of `import { get }`, as in plain Node", async () => {
  const namedBefore = namedGet;
  await synctest.run(async () => {
    assert.equal(namedGet, namedBefore);
  });
  // gort's bubbles do not sync the builtins' ES exports (they used to, which made msw intercept the
  // named import from the first bubble on; plain Node: the named import reaches the network).
  assert.notEqual(nodeHttp.get, namedBefore, "msw patched the CommonJS export");
  assert.equal(namedGet, namedBefore);
});
