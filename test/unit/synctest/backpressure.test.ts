// A reader that stops reading (backpressure) on a connection between two sockets of the bubble: the bytes
// it has not taken, and the writer's write and end queued behind them, wait for bubble code to read, so
// they do not hold the bubble's time (ioop.ts: inTransit, writeRefused). A reader that takes 16 KB every
// 10 ms of a 1 MB stream reads 64 chunks in 640 virtual ms, as on the host (there 64 chunks too, in
// 650–1050 real ms: each 10 ms timer a little late). Before, the unread bytes and the server's pending
// write held time, the reader's timer could not fire, and the bubble stalled.
import assert from "node:assert/strict";
import http from "node:http";
import { type AddressInfo, createConnection, createServer } from "node:net";
import type { Readable } from "node:stream";
import { test } from "node:test";
import * as synctest from "../../../src/synctest.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = 1 << 20;

/** Reads `size` bytes at a time, sleeping `ms` after each read, to the end: the sizes read. */
async function throttled(s: Readable, size: number, ms: number): Promise<number[]> {
  const sizes: number[] = [];
  let ended = false;
  s.once("end", () => {
    ended = true;
  });
  for (;;) {
    const chunk = s.read(size) as Buffer | null;
    if (chunk !== null) {
      sizes.push(chunk.length);
      await sleep(ms);
      continue;
    }
    if (ended) return sizes;
    await new Promise<void>((r) => {
      const go = () => {
        s.off("readable", go);
        s.off("end", go);
        r();
      };
      s.on("readable", go);
      s.on("end", go);
    });
  }
}

test("net: a client reading 16 KB every 10 ms of the 1 MB its bubble's server wrote and ended gets it all in 640 virtual ms", async () => {
  const got = await synctest.run(async () => {
    const server = createServer((sock) => sock.end(Buffer.alloc(MB, 1)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const t0 = Date.now();
    const client = createConnection((server.address() as AddressInfo).port, "127.0.0.1");
    const sizes = await throttled(client, 16 * 1024, 10);
    const elapsed = Date.now() - t0;
    await new Promise((r) => server.close(r));
    return { n: sizes.length, total: sizes.reduce((a, b) => a + b, 0), elapsed };
  });
  assert.deepEqual(got, { n: 64, total: MB, elapsed: 640 });
});

test("http: a response body of 1 MB read 16 KB every 10 ms from the bubble's server, then a second request on the socket", async () => {
  const got = await synctest.run(async () => {
    const server = http.createServer((_req, res) => res.end(Buffer.alloc(MB, 2)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const t0 = Date.now();
    const out: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await new Promise<http.IncomingMessage>((r) => http.get(url, { agent }, r));
      const sizes = await throttled(res, 16 * 1024, 10);
      out.push(`${sizes.length} × 16 KB, ${sizes.reduce((a, b) => a + b, 0)} bytes @${Date.now() - t0}`);
    }
    agent.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    return out;
  });
  assert.deepEqual(got, [`64 × 16 KB, ${MB} bytes @640`, `64 × 16 KB, ${MB} bytes @1280`]);
});

test("a server's request handler that reads a 1 MB upload 16 KB every 10 ms answers at 640 virtual ms", async () => {
  const got = await synctest.run(async () => {
    const server = http.createServer(async (req, res) => {
      const sizes = await throttled(req, 16 * 1024, 10);
      res.end(`${sizes.length} chunks`);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const t0 = Date.now();
    const reply = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { port: (server.address() as AddressInfo).port, host: "127.0.0.1", method: "POST" },
        (res) => {
          let b = "";
          res.on("data", (d) => {
            b += d;
          });
          res.on("end", () => resolve(b));
        },
      );
      req.on("error", reject);
      req.end(Buffer.alloc(MB, 3));
    });
    const elapsed = Date.now() - t0;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    return [reply, elapsed];
  });
  assert.deepEqual(got, ["64 chunks", 640]);
});
