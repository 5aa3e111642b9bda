// Hono on @hono/node-server, unchanged, in a bubble (fourth batch; see harness.ts): a real HTTP server
// on 127.0.0.1, asked with fetch. The handlers' sleeps, hono's timeout middleware and the client's
// AbortSignal.timeout are virtual; the requests and responses are real I/O, which holds the bubble's time
// while in flight.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { timeout } from "hono/timeout";
import { scenario, sleep } from "./harness.ts";

scenario(
  "hono 4.13.23 + @hono/node-server 2.1.11: timeout(1000) answers 504 for a handler that takes 3000 ms; a 200 ms handler answers; a client's AbortSignal.timeout(500) gives up on a 2000 ms handler",
  async (c) => {
    const app = new Hono();
    app.use("/api/*", timeout(c.ms(1000)));
    app.get("/api/fast", async (ctx) => {
      await sleep(c.ms(200));
      return ctx.json({ ok: "fast" });
    });
    app.get("/api/slow", async (ctx) => {
      await sleep(c.ms(3000));
      return ctx.json({ ok: "slow" });
    });
    app.get("/report", async (ctx) => {
      await sleep(c.ms(2000));
      return ctx.text("report");
    });
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s as Server));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const fast = await fetch(`${url}/api/fast`).then((r) => r.json());
      c.mark("fast");
      const slow = await fetch(`${url}/api/slow`).then(async (r) => `${r.status} ${await r.text()}`);
      c.mark("slow");
      const report = await fetch(`${url}/report`, { signal: AbortSignal.timeout(c.ms(500)) }).then(
        (r) => r.text(),
        (e: Error) => e.name,
      );
      c.mark("report");
      return [fast, slow, report];
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  },
  {
    result: [{ ok: "fast" }, "504 Gateway Timeout", "TimeoutError"],
    elapsed: 1700,
    marks: [
      ["fast", 200],
      ["slow", 1200],
      ["report", 1700],
    ],
  },
);
