// HTTP clients and servers with timeouts and retries, unchanged, in a bubble (second batch; see
// harness.ts): got, axios, node-fetch, superagent, express with express-rate-limit, socket.io. Each
// scenario makes its own server, so in the bubble the server's delays are virtual too, and on real time
// (scaled) everything is real.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import rateLimit2 from "@fastify/rate-limit";
import axios, { type AxiosError } from "axios";
import express from "express";
import { rateLimit } from "express-rate-limit";
import Fastify from "fastify";
import got, { type RequestError } from "got";
import fetch from "node-fetch";
import { Server as IoServer } from "socket.io";
import { io as ioClient } from "socket.io-client";
import superagent from "superagent";
import { type Clock, scenario } from "./harness.ts";

/**
 * A server for the scenario: /slow/<ms> answers after ms (scaled), /flaky/<id>/<n> answers 503 n times
 * then "ok", anything else "hello". Resolves with its base URL and a close function.
 */
async function serve(
  c: Clock,
  handler?: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ base: string; server: Server; close: () => Promise<void> }> {
  const failures = new Map<string, number>();
  const server = createServer(
    handler ??
      ((req, res) => {
        const [, route, a, b] = (req.url ?? "").split("/");
        if (route === "slow") {
          const t = setTimeout(() => res.end(`slow ${a}`), c.ms(Number(a)));
          res.on("close", () => clearTimeout(t));
        } else if (route === "flaky") {
          const n = failures.get(a) ?? 0;
          failures.set(a, n + 1);
          if (n < Number(b)) res.writeHead(503).end("busy");
          else res.end("ok");
        } else res.end("hello");
      }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

scenario(
  "got 14.6.5: two 503s retried after 100 and 200 ms; a 2 s answer cut by timeout.request 500; one under it",
  async (c) => {
    const { base, close } = await serve(c);
    try {
      const client = got.extend({
        retry: {
          limit: 2,
          calculateDelay: ({ attemptCount, computedValue }) =>
            computedValue === 0 ? 0 : c.ms(100 * 2 ** (attemptCount - 1)),
        },
        hooks: { beforeRetry: [(_e, n) => c.mark(`retry ${n}`)] },
      });
      const flaky = await client(`${base}/flaky/a/2`).text();
      c.mark(flaky);
      const slow = await client(`${base}/slow/2000`, { timeout: { request: c.ms(500) }, retry: { limit: 0 } })
        .text()
        .catch((e: RequestError) => `${e.name} ${e.code}`);
      c.mark(slow);
      const quick = await client(`${base}/slow/300`, { timeout: { request: c.ms(500) } }).text();
      c.mark(quick);
      return [flaky, slow, quick];
    } finally {
      await close();
    }
  },
  {
    // got's timeout handler destroys the request from a setTimeout(0) (1 ms in Node), to let a response
    // that came in the same turn cancel it first: the timeout is the 501st ms
    result: ["ok", "TimeoutError ETIMEDOUT", "slow 300"],
    elapsed: 1101,
    marks: [
      ["retry 1", 100],
      ["retry 2", 300],
      ["ok", 300],
      ["TimeoutError ETIMEDOUT", 801],
      ["slow 300", 1101],
    ],
  },
);

scenario(
  "axios 1.21.1: timeout 500 against a server that answers in 2 s fails with ECONNABORTED; a 200 ms answer succeeds",
  async (c) => {
    const { base, close } = await serve(c);
    try {
      const slow = await axios
        .get(`${base}/slow/2000`, { timeout: c.ms(500) })
        .then((r) => r.data as string)
        .catch((e: AxiosError) => `${e.code} ${e.message.replace(/\d+ms/, "Nms")}`);
      c.mark("slow");
      const quick = await axios.get(`${base}/slow/200`, { timeout: c.ms(500) }).then((r) => r.data as string);
      c.mark("quick");
      const aborted = await axios
        .get(`${base}/slow/2000`, { signal: AbortSignal.timeout(c.ms(300)) })
        .catch((e: AxiosError) => e.code);
      c.mark("aborted");
      return [slow, quick, aborted];
    } finally {
      await close();
    }
  },
  {
    result: ["ECONNABORTED timeout of Nms exceeded", "slow 200", "ERR_CANCELED"],
    elapsed: 1000,
    marks: [
      ["slow", 500],
      ["quick", 700],
      ["aborted", 1000],
    ],
  },
);

scenario(
  "node-fetch 3.3.2: AbortSignal.timeout(400) aborts a 1 s answer; a 100 ms one comes through",
  async (c) => {
    const { base, close } = await serve(c);
    try {
      const slow = await fetch(`${base}/slow/1000`, { signal: AbortSignal.timeout(c.ms(400)) })
        .then((r) => r.text())
        .catch((e: Error) => e.name);
      c.mark(slow);
      const quick = await fetch(`${base}/slow/100`, { signal: AbortSignal.timeout(c.ms(400)) }).then((r) =>
        r.text(),
      );
      c.mark(quick);
      return [slow, quick];
    } finally {
      await close();
    }
  },
  {
    result: ["AbortError", "slow 100"],
    elapsed: 500,
    marks: [
      ["AbortError", 400],
      ["slow 100", 500],
    ],
  },
);

scenario(
  "superagent 10.4.2: a response timeout of 300 ms, retried twice against a 1 s answer; a deadline that passes",
  async (c) => {
    const { base, close } = await serve(c);
    try {
      let tries = 0;
      const timedOut = await superagent
        .get(`${base}/slow/1000`)
        .timeout({ response: c.ms(300) })
        .retry(2, () => {
          tries++;
          c.mark(`retry ${tries}`);
          return true;
        })
        .then((r) => r.text)
        .catch((e: Error & { timeout?: number; code?: string }) => e.code);
      c.mark("gave up");
      const ok = await superagent
        .get(`${base}/slow/200`)
        .timeout({ deadline: c.ms(1000) })
        .then((r) => r.text);
      c.mark(ok);
      return [timedOut, ok];
    } finally {
      await close();
    }
  },
  {
    result: ["ECONNABORTED", "slow 200"],
    elapsed: 1100,
    marks: [
      ["retry 1", 300],
      ["retry 2", 600],
      ["gave up", 900],
      ["slow 200", 1100],
    ],
  },
);

scenario(
  "express 5.3.0 + express-rate-limit 8.7.5: 2 requests per 1 s window; the third gets 429 with RateLimit headers, the next window admits again",
  async (c) => {
    const app = express();
    const limiter = rateLimit({
      windowMs: c.ms(1000),
      limit: 2,
      standardHeaders: "draft-6",
      legacyHeaders: false,
    });
    app.use(limiter);
    app.get("/", (_req, res) => {
      res.send("hi");
    });
    const { base, close } = await serve(c, app);
    const statuses: string[] = [];
    const hit = async () => {
      const r = await fetch(base);
      statuses.push(`${r.status} ${r.headers.get("ratelimit-remaining")}`);
      await r.text();
    };
    try {
      await hit();
      await hit();
      await hit();
      c.mark("limited");
      await new Promise((r) => setTimeout(r, c.ms(1000)));
      await hit();
      c.mark("admitted");
      return statuses;
    } finally {
      await close();
      await limiter.resetKey("::ffff:127.0.0.1");
    }
  },
  {
    result: ["200 1", "200 0", "429 0", "200 1"],
    elapsed: 1000,
    marks: [
      ["limited", 0],
      ["admitted", 1000],
    ],
  },
);

scenario(
  "socket.io 4.8.4: pings every 1 s reach the client; emitWithAck under a 500 ms timeout fails against a 1 s handler and succeeds against a 200 ms one",
  async (c) => {
    const http = createServer();
    const io = new IoServer(http, { pingInterval: c.ms(1000), pingTimeout: c.ms(500) });
    io.on("connection", (socket) => {
      socket.on("work", (ms: number, ack: (r: string) => void) => {
        setTimeout(() => ack(`done ${ms}`), c.ms(ms));
      });
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const client = ioClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports: ["websocket"],
      reconnection: false,
    });
    try {
      await new Promise<void>((r) => client.once("connect", () => r()));
      c.mark("connected");
      let pings = 0;
      client.io.engine.on("ping", () => {
        pings++;
        c.mark(`ping ${pings}`);
      });
      const slow = await client
        .timeout(c.ms(500))
        .emitWithAck("work", 1000)
        .catch((e: Error) => e.message);
      c.mark(slow);
      const quick = await client.timeout(c.ms(500)).emitWithAck("work", 200);
      c.mark(quick);
      await new Promise((r) => setTimeout(r, c.ms(2500)));
      return [slow, quick, pings];
    } finally {
      client.close();
      await new Promise((r) => io.close(r));
    }
  },
  {
    result: ["operation has timed out", "done 200", 3],
    elapsed: 3200,
    marks: [
      ["connected", 0],
      ["operation has timed out", 500],
      ["done 200", 700],
      ["ping 1", 1000],
      ["ping 2", 2000],
      ["ping 3", 3000],
    ],
  },
);

scenario(
  "socket.io 4.8.4: a client that stops answering pings is dropped with 'ping timeout' at 1.5 s; the client reconnects 1 s after seeing the close",
  async (c) => {
    const http = createServer();
    const io = new IoServer(http, { pingInterval: c.ms(1000), pingTimeout: c.ms(500) });
    const serverSide: string[] = [];
    io.on("connection", (socket) => {
      serverSide.push("connection");
      socket.on("disconnect", (reason) => {
        serverSide.push(reason);
        c.mark(`server: ${reason}`);
      });
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const client = ioClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports: ["websocket"],
      reconnectionDelay: c.ms(1000),
      randomizationFactor: 0,
    });
    try {
      await new Promise<void>((r) => client.once("connect", () => r()));
      c.mark("connected");
      // the client goes deaf to pings: its engine drops its pongs
      const engine = client.io.engine as unknown as { _sendPacket(type: string, ...a: unknown[]): void };
      const send = engine._sendPacket.bind(engine);
      engine._sendPacket = (type, ...a) => {
        if (type !== "pong") send(type, ...a);
      };
      const reason = await new Promise<string>((r) => client.once("disconnect", (why) => r(why)));
      c.mark(`client: ${reason}`);
      await new Promise<void>((r) => client.once("connect", () => r()));
      c.mark("reconnected");
      return [...serverSide];
    } finally {
      client.close();
      await new Promise((r) => io.close(r));
    }
  },
  {
    result: ["connection", "ping timeout", "connection"],
    elapsed: 2500,
    marks: [
      ["connected", 0],
      ["server: ping timeout", 1500],
      ["client: transport close", 1500],
      ["reconnected", 2500],
      ["server: server shutting down", 2500],
    ],
  },
);

scenario(
  "fastify 5.12.8 + @fastify/rate-limit 11.2.0 through inject: a 200 ms handler, 2 requests per second, the third told to retry",
  async (c) => {
    const app = Fastify();
    await app.register(rateLimit2, { max: 2, timeWindow: c.ms(1000) });
    app.get("/", async () => {
      await new Promise((r) => setTimeout(r, c.ms(200)));
      return { ok: true };
    });
    await app.ready();
    const out: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const r = await app.inject({ method: "GET", url: "/" });
        out.push(`${r.statusCode} ${r.headers["x-ratelimit-remaining"]}`);
        c.mark(`response ${i + 1}`);
      }
      await new Promise((r) => setTimeout(r, c.ms(700)));
      const r = await app.inject({ method: "GET", url: "/" });
      out.push(`${r.statusCode} ${r.headers["x-ratelimit-remaining"]}`);
      c.mark("response 4");
      return out;
    } finally {
      await app.close();
    }
  },
  {
    result: ["200 1", "200 0", "429 0", "200 1"],
    elapsed: 1300,
    marks: [
      ["response 1", 200],
      ["response 2", 400],
      ["response 3", 400],
      ["response 4", 1300],
    ],
  },
);
