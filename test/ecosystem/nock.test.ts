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
    result: ["200 ok", true],
    elapsed: 1000,
    marks: [
      ["200 ok", 0],
      ["slept", 1000],
    ],
  },
  { scale: 10 },
);
