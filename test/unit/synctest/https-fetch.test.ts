// fetch (Node's bundled undici) over HTTPS in a bubble, in a child process: its global fetch trusts the
// fixture certificate only through NODE_EXTRA_CA_CERTS, read at start-up (fixtures/fetch-https.mts). As
// https.test.ts for node:https: a server outside the bubble answering after 150 real ms must beat a 50 ms
// virtual guard at virtual 0, and the bubble's own server, answering 30 virtual ms after each request,
// must answer at 30 and 60 (its connection holds time only while bytes are on the wire; TLS hands the
// decrypted response to JavaScript, undici's parser is fed from there).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const fixture = fileURLToPath(new URL("./fixtures/fetch-https.mts", import.meta.url));
const ca = fileURLToPath(new URL("./fixtures/localhost-cert.pem", import.meta.url));

test("fetch over HTTPS in a bubble: an outside server's answer at virtual 0, the bubble's own server's at 30 and 60", async () => {
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", fixture],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: ca }, timeout: 60_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
  assert.deepEqual(JSON.parse(out.trim().split("\n").pop()!), {
    fromOutside: ["got 10 +0", "got 100000 +0"],
    own: ["got 10 +30", "got 100000 +60"],
  });
});
