// HTTPS in a bubble: TLS adds native work between the socket and JavaScript (the handshake, decryption
// in Node's TLSWrap), and virtual time must still hold while any of it is in flight — for a request to
// an HTTPS server outside the bubble that answers after real time, and for the bubble's own HTTPS server
// (docs/design/bubbles.md §2a: a connection whose both ends are the bubble's holds nothing of its own;
// only the bubble's timers move the clock). Each scenario asserts the virtual time real Node gives.
//
// The certificate in fixtures/ is a self-signed one for 127.0.0.1 made for these tests only
// (`openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=localhost
// -addext subjectAltName=IP:127.0.0.1,DNS:localhost`); the clients trust it through `ca`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import * as synctest from "../../../src/synctest.ts";

const cert = readFileSync(new URL("./fixtures/localhost-cert.pem", import.meta.url));
const key = readFileSync(new URL("./fixtures/localhost-key.pem", import.meta.url));

/** An HTTPS server answering each request after `delayMs` (of whatever clock its setTimeout reads). */
async function server(delayMs: number): Promise<{ srv: https.Server; url: string }> {
  const srv = https.createServer({ cert, key }, (req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => {
      body += d.toString();
    });
    req.on("end", () => {
      setTimeout(() => res.end(`got ${body.length}`), delayMs);
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return { srv, url: `https://127.0.0.1:${(srv.address() as AddressInfo).port}/` };
}

/** POSTs `size` bytes to url with its own agent (a fresh TLS handshake); resolves with the answer. */
function post(url: string, size: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: "POST", ca: cert, agent: new https.Agent({ ca: cert }) },
      (res) => {
        let s = "";
        res.on("data", (d: Buffer) => {
          s += d.toString();
        });
        res.on("end", () => resolve(s));
      },
    );
    req.on("error", reject);
    req.end(Buffer.alloc(size, "x"));
  });
}

/** The answer of post(url, size) raced against a guard timer of guardMs: "guard" if the guard won. */
async function guarded(url: string, size: number, guardMs: number): Promise<string> {
  let guard: ReturnType<typeof setTimeout> | undefined;
  const g = new Promise<string>((r) => {
    guard = setTimeout(() => r("guard"), guardMs);
  });
  try {
    return await Promise.race([post(url, size), g]);
  } finally {
    clearTimeout(guard);
  }
}

test("an HTTPS server outside the bubble that answers after 150 real ms beats a 50 ms virtual guard, at virtual 0", async () => {
  const { srv, url } = await server(150); // outside: real timers
  try {
    const got = await synctest.run(async () => {
      const t0 = Date.now();
      const answers: string[] = [];
      for (const size of [10, 100_000]) answers.push(`${await guarded(url, size, 50)} +${Date.now() - t0}`);
      return answers;
    });
    assert.deepEqual(got, ["got 10 +0", "got 100000 +0"]);
  } finally {
    srv.close();
  }
});

test("the bubble's own HTTPS server: a POST answered after a 30 ms timer comes at virtual 30, before a 50 ms guard", async () => {
  const got = await synctest.run(async () => {
    const { srv, url } = await server(30); // inside: the bubble's timers
    try {
      const t0 = Date.now();
      const answers: string[] = [];
      for (const size of [10, 100_000]) answers.push(`${await guarded(url, size, 50)} +${Date.now() - t0}`);
      return answers;
    } finally {
      srv.close();
    }
  });
  assert.deepEqual(got, ["got 10 +30", "got 100000 +60"]);
});

test("the same two scenarios on real time give the same answers (guards 10x longer than the work)", async () => {
  const outside = await server(20);
  try {
    assert.equal(await guarded(outside.url, 10, 2000), "got 10");
  } finally {
    outside.srv.close();
  }
  const inside = await server(30);
  try {
    assert.equal(await guarded(inside.url, 100_000, 2000), "got 100000");
  } finally {
    inside.srv.close();
  }
});
