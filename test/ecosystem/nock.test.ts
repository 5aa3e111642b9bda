// nock (an HTTP mock that intercepts every socket from its import on, so it has a file of its own): its
// sockets never connect, and are destroyed without closing their handle; they must not hold the bubble's
// time (issue 15). Also run on real time, scaled down (harness.ts).
import { get as httpGet } from "node:http";
import { scenario, sleep } from "./harness.ts";

// nock 15 needs Promise.withResolvers (Node 22+); on Node 20 the test gives it one.
(Promise as { withResolvers?: unknown }).withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};
const { default: nock } = await import("nock");

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) =>
    httpGet(url, (res) => {
      let body = "";
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () => resolve(`${res.statusCode} ${body}`));
    }).on("error", reject),
  );
}

scenario(
  "nock 15.0.2: a mocked GET, then a 1 s sleep (the mock's socket, destroyed without ever connecting, holds nothing)",
  async (c) => {
    const scope = nock("http://api.test").get("/x").reply(200, "ok");
    try {
      const answer = await get("http://api.test/x");
      c.mark(answer);
      await sleep(c.ms(1000));
      c.mark("slept");
      return [answer, scope.isDone()];
    } finally {
      nock.cleanAll();
    }
  },
  {
    // nock ends the body after common.setTimeout(…, delay) with its default delay 0, which Node makes 1 ms:
    // on the bubble's clock since gort/synctest was imported before nock (harness.ts).
    result: ["200 ok", true],
    elapsed: 1001,
    marks: [
      ["200 ok", 1],
      ["slept", 1001],
    ],
  },
  { scale: 10 },
);

// nock keeps node:timers' setTimeout from its import (for .delay()): imported after
// gort/synctest (harness.ts), whose load-time wrappers it then keeps, its delays run on the bubble's clock.
// Its mock's socket, whose handle never connects, holds nothing meanwhile (ioop.ts: httpWaits).
scenario(
  "nock 15.0.2: .delay(500) answers at 500 ms, .delay(300) at 300 ms, then a 1 s sleep (delays on the bubble's clock)",
  async (c) => {
    const a = nock("http://api.test").get("/slow").delay(c.ms(500)).reply(200, "late");
    const b = nock("http://api.test").get("/conn").delay(c.ms(300)).reply(200, "conn");
    try {
      const marked = async (url: string) => {
        const answer = await get(url);
        c.mark(answer);
        return answer;
      };
      const [slow, conn] = await Promise.all([
        marked("http://api.test/slow"),
        marked("http://api.test/conn"),
      ]);
      await sleep(c.ms(1000));
      c.mark("slept");
      return [slow, conn, a.isDone(), b.isDone()];
    } finally {
      nock.cleanAll();
    }
  },
  {
    result: ["200 late", "200 conn", true, true],
    elapsed: 1500,
    marks: [
      ["200 conn", 300],
      ["200 late", 500],
      ["slept", 1500],
    ],
  },
  { scale: 10 },
);
