// A server the bubble started runs its per-connection code in the bubble, as a Go server's per-connection
// goroutines are the bubble's: the callbacks of the sockets it accepts and of its HTTP requests, and the
// code after an await inside them, see the bubble's clock (virtual timers, the bubble's Date) and are
// tracked as the bubble's I/O (docs/design/bubbles.md §2b).
import assert from "node:assert/strict";
import { once } from "node:events";
import http from "node:http";
import { type AddressInfo, createConnection, createServer, type Socket } from "node:net";
import { test } from "node:test";
import { time } from "../../../src/index.ts";
import * as synctest from "../../../src/synctest.ts";

/** The bubble's time of day (its epoch is 2000-01-01T00:00:00Z), or the host's outside it. */
const at = () => new Date().toISOString().slice(11, 23);

/** Reads the next chunk the socket receives. */
const next = (s: Socket) => once(s, "data").then(([d]) => String(d));

test("net server: code after an await in an accepted socket's 'data' handler keeps the bubble's clock", async () => {
  const got = await synctest.run(
    async () => {
      const log: string[] = [];
      const server = createServer({ allowHalfOpen: true }, (sock) => {
        sock.on("data", async (d) => {
          await Promise.resolve();
          log.push(`data ${d} ${at()}`);
          await new Promise((r) => setTimeout(r, 100));
          log.push(`timer ${at()}`);
          await time.sleep(50 * time.Millisecond);
          sock.write(`re ${d} ${at()}`);
        });
        sock.on("end", async () => {
          await null;
          log.push(`end ${at()}`);
          setTimeout(() => sock.end(), 30);
        });
        sock.on("close", async () => {
          await null;
          setTimeout(() => log.push(`closed ${at()}`), 20);
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const client = createConnection((server.address() as AddressInfo).port, "127.0.0.1");
      await once(client, "connect");
      for (const m of ["a", "b"]) {
        client.write(m);
        log.push(`client ${await next(client)} at ${at()}`);
      }
      client.end();
      await once(client, "close");
      log.push(`client closed ${at()}`);
      await new Promise((r) => server.close(r));
      await time.sleep(time.Second);
      return log;
    },
    { stallTimeout: 30_000 }, // a hang guard only: real I/O here can take seconds on a loaded machine
  );
  assert.deepEqual(got, [
    "data a 00:00:00.000",
    "timer 00:00:00.100",
    "client re a 00:00:00.150 at 00:00:00.150",
    "data b 00:00:00.150",
    "timer 00:00:00.250",
    "client re b 00:00:00.300 at 00:00:00.300",
    "end 00:00:00.300",
    "client closed 00:00:00.330",
    "closed 00:00:00.350",
  ]);
});

test("net server: an async 'connection' handler that awaits, then greets after a 1 s timer", async () => {
  const got = await synctest.run(async () => {
    const server = createServer(async (sock) => {
      await Promise.resolve();
      await new Promise((r) => setTimeout(r, 1000));
      sock.end(`hello at ${at()}`);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const client = createConnection((server.address() as AddressInfo).port, "127.0.0.1");
    const greeting = await next(client);
    client.destroy();
    await new Promise((r) => server.close(r));
    return [greeting, at()];
  });
  assert.deepEqual(got, ["hello at 00:00:01.000", "00:00:01.000"]);
});

/** POSTs body with node:http through agent; resolves with the response's text. */
async function post(url: string, body: string, agent: http.Agent): Promise<string> {
  const req = http.request(url, { method: "POST", agent });
  req.end(body);
  const [res] = (await once(req, "response")) as [http.IncomingMessage];
  let text = "";
  for await (const d of res) text += d;
  return text;
}

test("http server: a handler that reads the body with awaits, then sleeps, answers on the bubble's clock", async () => {
  const got = await synctest.run(
    async () => {
      const log: string[] = [];
      const server = http.createServer(async (req, res) => {
        let body = "";
        req.on("data", async (d) => {
          await null;
          log.push(`chunk ${at()}`);
          body += d;
        });
        await once(req, "end");
        await new Promise((r) => setTimeout(r, 200));
        await time.sleep(300 * time.Millisecond);
        res.on("finish", async () => {
          await null;
          setTimeout(() => log.push(`finished+10 ${at()}`), 10);
        });
        res.end(`${req.method} ${body} at ${at()}`);
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const agent = new http.Agent({ keepAlive: false });
      for (const b of ["x", "y"]) {
        // The second request's body and end reach the handler at 0.500, before the first's 10 ms timer
        // (Node's parser hands them over in two calls: it holds time between them, bubbles.md §2b).
        log.push(`${await post(url, b, agent)}; got at ${at()}`);
      }
      await new Promise((r) => server.close(r));
      await time.sleep(time.Second);
      return log;
    },
    { stallTimeout: 30_000 }, // a hang guard only: real I/O here can take seconds on a loaded machine
  );
  assert.deepEqual(got, [
    "chunk 00:00:00.000",
    "POST x at 00:00:00.500; got at 00:00:00.500",
    "chunk 00:00:00.500",
    "finished+10 00:00:00.510",
    "POST y at 00:00:01.000; got at 00:00:01.000",
    "finished+10 00:00:01.010",
  ]);
});

test("http server: three requests on one keep-alive connection, each answered after a 100 ms sleep", async () => {
  // node:http's Agent gives a pooled socket's handle a new async id each time (a ReusedHandle): it was
  // tracked as a socket with no owner, so no peer, and the second request held time for good (a stall).
  const got = await synctest.run(
    async () => {
      const server = http.createServer(async (req, res) => {
        req.resume();
        await once(req, "end");
        await time.sleep(100 * time.Millisecond);
        res.end(`${req.method} at ${at()}`);
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const out: string[] = [];
      for (const b of ["x", "y", "z"]) out.push(`${await post(url, b, agent)}; got at ${at()}`);
      agent.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await time.sleep(time.Second); // the idle pooled socket, destroyed, holds nothing
      return [...out, at()];
    },
    { stallTimeout: 30_000 }, // a hang guard only: real I/O here can take seconds on a loaded machine
  );
  assert.deepEqual(got, [
    "POST at 00:00:00.100; got at 00:00:00.100",
    "POST at 00:00:00.200; got at 00:00:00.200",
    "POST at 00:00:00.300; got at 00:00:00.300",
    "00:00:01.300",
  ]);
});

test("a server on the default address (dual-stack `listen(0)`) and an IPv4 client: the reply comes at the bubble's 300 ms", async () => {
  // The server sees the IPv4 client as ::ffff:127.0.0.1; pairing it with the client's 127.0.0.1 end must
  // still work, or the client's socket holds time forever and the bubble stalls at 0.
  const got = await synctest.run(async () => {
    const server = createServer((sock) => sock.on("data", () => setTimeout(() => sock.end("bye"), 300)));
    await new Promise<void>((r) => server.listen(0, r));
    const port = (server.address() as AddressInfo).port;
    const out: string[] = [];
    for (const host of ["127.0.0.1", "localhost"]) {
      const t0 = Date.now();
      const client = createConnection(port, host, () => client.write("hi"));
      const reply = await next(client);
      client.destroy();
      out.push(`${host} ${reply} after ${Date.now() - t0} ms`);
    }
    await new Promise((r) => server.close(r));
    const web = http.createServer((_req, res) => setTimeout(() => res.end("ok"), 300));
    await new Promise<void>((r) => web.listen(0, r));
    const t0 = Date.now();
    const res = await fetch(`http://127.0.0.1:${(web.address() as AddressInfo).port}/`);
    out.push(`fetch ${await res.text()} after ${Date.now() - t0} ms`);
    await new Promise((r) => web.close(r));
    return out;
  });
  assert.deepEqual(got, [
    "127.0.0.1 bye after 300 ms",
    "localhost bye after 300 ms",
    "fetch ok after 300 ms",
  ]);
});

test("a client's destroy reaches the bubble's server at the same virtual instant: its 'end' and 'close' run before the clock moves", async () => {
  const log = await synctest.run(async () => {
    const t0 = Date.now();
    const out: string[] = [];
    const server = createServer((s) => {
      s.on("end", () => out.push(`server end @${Date.now() - t0}`));
      s.on("close", () => out.push(`server close @${Date.now() - t0}`));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const client = createConnection((server.address() as AddressInfo).port, "127.0.0.1");
    await once(client, "connect");
    await new Promise((r) => setTimeout(r, 100));
    client.destroy();
    await new Promise((r) => setTimeout(r, 1000)); // before: the server's 'close' came only after the bubble
    await new Promise((r) => server.close(r));
    return out;
  });
  assert.deepEqual(log, ["server end @100", "server close @100"]);
});

test("an HTTP client that aborts at its 500 ms timeout: the handler sees the response close then, and can clear its timer", async () => {
  const log = await synctest.run(async () => {
    const t0 = Date.now();
    const out: string[] = [];
    const server = http.createServer((_req, res) => {
      const late = setTimeout(() => out.push(`late answer @${Date.now() - t0}`), 2000);
      res.on("close", () => {
        clearTimeout(late);
        out.push(`res close @${Date.now() - t0}`);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    await new Promise<void>((resolve) => {
      const port = (server.address() as AddressInfo).port;
      const req = http.get({ port, host: "127.0.0.1", timeout: 500, agent: false });
      req.on("timeout", () => req.destroy());
      req.on("error", () => resolve());
    });
    await new Promise((r) => setTimeout(r, 3000));
    await new Promise((r) => server.close(r));
    return out;
  });
  assert.deepEqual(log, ["res close @500"]);
});
