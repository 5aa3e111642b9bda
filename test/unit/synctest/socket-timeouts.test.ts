// Node's socket inactivity timeouts in a bubble (fakes.ts installSocketTimeouts): socket.setTimeout and
// what calls it — an HTTP request's `timeout`, a server's keepAliveTimeout — run on the bubble's clock
// when bubble code sets them, though Node keeps them in its own timer list and never asks the globals.
import assert from "node:assert/strict";
import { once } from "node:events";
import http from "node:http";
import { type AddressInfo, createConnection, createServer, type Socket } from "node:net";
import { test } from "node:test";
import * as synctest from "../../../src/synctest.ts";

/** A connected pair: a client socket and the server's end of it (which never writes), and a closer. */
async function idlePair(): Promise<{ client: Socket; close: () => Promise<void> }> {
  const accepted: Socket[] = [];
  const server = createServer((s) => accepted.push(s));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const client = createConnection((server.address() as AddressInfo).port, "127.0.0.1");
  await once(client, "connect");
  return {
    client,
    close: async () => {
      client.destroy();
      for (const s of accepted) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

test("socket.setTimeout fires after exactly its delay of virtual inactivity; a new delay re-arms it", async () => {
  const got = await synctest.run(async () => {
    const { client, close } = await idlePair();
    const t0 = Date.now();
    const out: string[] = [];
    client.setTimeout(500);
    await once(client, "timeout");
    out.push(`timeout at ${Date.now() - t0}`);
    client.setTimeout(300, () => out.push(`callback at ${Date.now() - t0}`));
    await once(client, "timeout");
    out.push(`timeout at ${Date.now() - t0}`);
    client.setTimeout(0); // off
    await new Promise((r) => setTimeout(r, 5000));
    out.push(`still open at ${Date.now() - t0}: ${!client.destroyed}`);
    await close();
    return out;
  });
  assert.deepEqual(got, ["timeout at 500", "callback at 800", "timeout at 800", "still open at 5800: true"]);
});

test("an HTTP request's `timeout` fires at the bubble's 500 ms against a handler that answers at 2 s", async () => {
  const got = await synctest.run(async () => {
    const server = http.createServer((_req, res) => setTimeout(() => res.end("late"), 2000));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const t0 = Date.now();
    const result = await new Promise<string>((resolve) => {
      const port = (server.address() as AddressInfo).port;
      const req = http.get({ port, host: "127.0.0.1", timeout: 500, agent: false }, () =>
        resolve("answered"),
      );
      req.on("timeout", () => req.destroy(new Error(`timed out at ${Date.now() - t0}`)));
      req.on("error", (e) => resolve(e.message));
    });
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    return result;
  });
  assert.equal(got, "timed out at 500");
});

test("a server's keepAliveTimeout closes an idle keep-alive connection on the bubble's clock", async () => {
  const got = await synctest.run(async () => {
    const server = http.createServer((_req, res) => res.end("ok"));
    server.keepAliveTimeout = 2500;
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const agent = new http.Agent({ keepAlive: true });
    const t0 = Date.now();
    const closedAt = await new Promise<number>((resolve) => {
      http.get({ port: (server.address() as AddressInfo).port, host: "127.0.0.1", agent }, (res) => {
        res.socket.on("close", () => resolve(Date.now() - t0));
        res.resume();
      });
    });
    agent.destroy();
    await new Promise((r) => server.close(r));
    return closedAt;
  });
  // Node adds a buffer of its own to keepAliveTimeout on some versions (1 s on Node 20.? and later).
  assert.ok(got === 2500 || got === 3500, `closed at ${got} ms`);
});

test("a destroyed socket's pending timeout does not fire", async () => {
  const fired = await synctest.run(async () => {
    const { client, close } = await idlePair();
    let timeouts = 0;
    client.on("timeout", () => timeouts++);
    client.setTimeout(100);
    await close();
    await new Promise((r) => setTimeout(r, 1000));
    return timeouts;
  });
  assert.equal(fired, 0);
});
