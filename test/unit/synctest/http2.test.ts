// node:http2 in a bubble (iotrack.ts, ioop.ts): a server and a client of the bubble over a real socket.
// Three things a gRPC call needs, which the HTTP/1 rules did not give:
//   - a session writes what it queued (its SETTINGS, a request's frames) from a native immediate, in no
//     JavaScript callback: until then its socket has written nothing, and the clock jumped (H2);
//   - a client that unrefs its session (gRPC's) still has its bytes on their way to the bubble's server;
//   - a stream the peer opened (a request, on the server) is created natively in no async context: its
//     reads and events ran outside the bubble, on the host's clock and timers.
import assert from "node:assert/strict";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import * as synctest from "../../../src/synctest.ts";

/** A server answering each request's body after `delay` ms, armed when the body has ended; a client. */
async function pair(delay: number, unref: boolean) {
  const server = http2.createServer();
  const seen: string[] = [];
  server.on("stream", (stream) => {
    let body = "";
    stream.setEncoding("utf8");
    stream.on("data", (d: string) => {
      body += d;
    });
    stream.on("end", () => {
      seen.push(`end at ${Date.now()}`);
      setTimeout(() => {
        stream.respond({ ":status": 200 });
        stream.end(`echo ${body}`);
      }, delay);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const client = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  if (unref) client.unref();
  const ask = (body: string) =>
    new Promise<string>((resolve, reject) => {
      const req = client.request({ ":method": "POST", ":path": "/" });
      let got = "";
      req.setEncoding("utf8");
      req.on("data", (d: string) => {
        got += d;
      });
      req.on("end", () => resolve(got));
      req.on("error", reject);
      req.end(body);
    });
  const close = async () => {
    client.close();
    await new Promise((r) => server.close(r));
  };
  return { ask, close, seen };
}

for (const unref of [false, true])
  test(`http2: a server's handler of a request's end is the bubble's; its 500 ms timer answers at 500 (client ${unref ? "unrefed" : "refed"})`, async () => {
    const got = await synctest.run(async () => {
      const { ask, close, seen } = await pair(500, unref);
      const t0 = Date.now();
      const answers = [await ask("a")];
      answers.push(`${Date.now() - t0}`);
      const deadline = new Promise<string>((r) => setTimeout(() => r("deadline"), 300));
      answers.push(await Promise.race([ask("b"), deadline]));
      answers.push(`${Date.now() - t0}`);
      await new Promise((r) => setTimeout(r, 1000));
      await close();
      return [...answers, ...seen.map((s) => s.replace(/\d+$/, (n) => String(Number(n) - t0)))];
    });
    assert.deepEqual(got, ["echo a", "500", "deadline", "800", "end at 0", "end at 500"]);
  });
