// A request with a body, sent by the bubble to the bubble's own node:http server, reaches the server's
// handler whole — its body and its end — before any bubble timer due later can fire, as on the host, where
// the end comes within the same read (docs/design/bubbles.md §2a, "same-bubble connections"). Node's HTTP
// server parses what its socket read in native code and calls JavaScript once per piece (headers, each
// body chunk, the message's end), draining the microtask and nextTick queues between the calls: with
// nothing of the bubble seen in flight between them, the clock used to jump there — to a 50 ms guard, or,
// for the first fetch of the process, through undici's 499 ms timeout ticks to ~60 s of virtual time.
//
// Each scenario also runs on real time, outside any bubble, to check the order of events the bubble must
// keep (no durations are compared there). The fetch test comes first: the bug showed on the first fetch
// of the process.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { storeG } from "../../../src/internal/runtime/getg.ts";
import * as synctest from "../../../src/synctest.ts";

type Client = "fetch" | "fetch-stream" | "http" | "http-chunked";

interface Run {
  /**
   * What the server saw, in order: "end <k> <bytes> +<ms>" for its k-th request, and "timer <k>" for the
   * 0 ms timer that request armed at its body's last 'data'.
   */
  server: string[];
  /** Per request: "<winner> <answer>" (the winner of the request against the guard), "+<ms>" after it. */
  client: string[];
}

/** Sends `requests` POSTs of `size` bytes each, one after the other, to a server of the caller's. */
async function scenario(client: Client, size: number, requests: number, guardMs: number): Promise<Run> {
  const server: string[] = [];
  const out: string[] = [];
  const t0 = Date.now();
  let served = 0;
  const srv = http.createServer((req, res) => {
    const k = ++served;
    let n = 0;
    req.on("data", (d: Buffer) => {
      n += d.length;
      // The body's last chunk: a timer due 1 ms later. On the host the request's end, parsed from the
      // same read, comes first.
      if (n === size) setTimeout(() => server.push(`timer ${k}`), 0);
    });
    req.on("end", () => {
      server.push(`end ${k} ${n} +${Date.now() - t0}`);
      res.end(`got ${n}`);
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = Buffer.alloc(size, "x");
  try {
    for (let i = 0; i < requests; i++) {
      let guard: ReturnType<typeof setTimeout> | undefined;
      const guarded = new Promise<string>((r) => {
        guard = setTimeout(() => r("guard"), guardMs);
      });
      const answer = send(client, url, body, agent);
      const winner = await Promise.race([answer.then(() => "answer"), guarded]);
      clearTimeout(guard);
      out.push(`${winner} ${await answer} +${Date.now() - t0}`);
    }
    await new Promise((r) => setTimeout(r, 10)); // the 0 ms timers fire
  } finally {
    agent.destroy();
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
  }
  return { server, client: out };
}

async function send(client: Client, url: string, body: Buffer, agent: http.Agent): Promise<string> {
  // (Typed as an ArrayBuffer's view: with @types/jsdom installed, Vitest's types bring in TypeScript's DOM
  // library, whose BodyInit takes no Buffer over an ArrayBufferLike.)
  if (client === "fetch")
    return (await fetch(url, { method: "POST", body: body as Uint8Array<ArrayBuffer> })).text();
  if (client === "fetch-stream") {
    // A stream body: no content-length, sent chunked, in 64 KiB pieces.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < body.length; i += 65536) c.enqueue(body.subarray(i, i + 65536));
        c.close();
      },
    });
    const init = { method: "POST", body: stream, duplex: "half" } as RequestInit;
    return (await fetch(url, init)).text();
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent }, (res) => {
      let text = "";
      res.on("data", (d) => {
        text += d;
      });
      res.on("end", () => resolve(text));
    });
    req.on("error", reject);
    if (client === "http")
      req.end(body); // content-length
    else {
      // No content-length: chunked, in 3 writes.
      const third = Math.ceil(body.length / 3);
      req.write(body.subarray(0, third));
      req.write(body.subarray(third, 2 * third));
      req.end(body.subarray(2 * third));
    }
  });
}

/** The answers and the server's ends, without durations or the race's winner (for the host's run). */
const order = (r: Run) => ({
  ends: r.server.filter((s) => s.startsWith("end")).map((s) => s.replace(/ \+\d+$/, "")),
  client: r.client.map((s) => s.replace(/ \+\d+$/, "").replace(/^\w+ /, "")),
});

/** What the bubble must give: every request answered at virtual 0 ms, beating a 50 ms guard. */
function expected(size: number, requests: number): Run {
  const server: string[] = [];
  const client: string[] = [];
  for (let i = 0; i < requests; i++) {
    server.push(`end ${i + 1} ${size} +0`);
    client.push(`answer got ${size} +0`);
  }
  // Each request armed a 0 ms timer at its last 'data'; all fire after the last answer, at 1 ms.
  for (let i = 0; i < requests; i++) server.push(`timer ${i + 1}`);
  return { server, client };
}

const cases: [Client, number, number][] = [
  ["fetch", 5, 1],
  ["fetch", 5, 3],
  ["fetch", 1 << 20, 2],
  ["fetch-stream", 300_000, 2],
  ["http", 5, 1],
  ["http", 5, 3],
  ["http", 1 << 20, 2],
  ["http-chunked", 5, 2],
  ["http-chunked", 300_000, 2],
];

for (const [client, size, requests] of cases) {
  test(`${client} POST of ${size} bytes, ${requests}× on one connection, to the bubble's own server: answered at virtual 0, a 50 ms guard loses`, async () => {
    const got = await synctest.run(() => scenario(client, size, requests, 50), { stallTimeout: 30_000 });
    assert.deepEqual(got, expected(size, requests));
    // On the host, each request's end comes before the 0 ms timer armed at its last 'data'.
    const host = await scenario(client, size, requests, 60_000);
    for (let k = 1; k <= requests; k++) {
      const end = host.server.findIndex((s) => s.startsWith(`end ${k} ${size} `));
      assert.ok(end >= 0 && end < host.server.indexOf(`timer ${k}`), `${k}: ${host.server.join(", ")}`);
    }
    assert.deepEqual(order(host), order(got));
  });
}

test("iotrack i4: a parser marked parsing but not in parsingOps fails the check", async () => {
  await synctest.run(async () => {
    const srv = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => res.end("ok"));
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
    const agent = new http.Agent({ keepAlive: true });
    assert.equal(await send("http", url, Buffer.from("hello"), agent), "ok");
    const watch = storeG()?.rt.io;
    assert.ok(watch);
    const parser = [...watch.sockets()].find((op) => op.type === "HTTPINCOMINGMESSAGE");
    assert.ok(parser, "the server connection's parser is tracked");
    await new Promise((r) => setTimeout(r, 1)); // the clock moves only once its parse is over
    assert.equal(parser.parsing, false);
    watch.verify();
    parser.parsing = true;
    assert.throws(() => watch.verify(), /iotrack: i4 parser parsing true, in parsingOps false/);
    parser.parsing = false;
    watch.verify();
    agent.destroy();
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
  });
});
