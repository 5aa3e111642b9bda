// Timers mixed with real host I/O started from bubble code (issue 15): virtual time holds while the
// bubble's I/O is in flight, so a timeout guard or an AbortSignal.timeout does not fire while a real
// request, a child process or a file write is still running, and a poller sees a write on its next poll.
// Each scenario also runs on real time, scaled down (harness.ts).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { generateKeyPairSync, pbkdf2Sync, randomBytes, randomInt, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { Agent, createServer as createHttpServer, get as httpGet } from "node:http";
import { type AddressInfo, createConnection, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import ky from "ky";
import { scenario } from "./harness.ts";

const dir = mkdtempSync(join(tmpdir(), "gort-io-mix-"));
after(() => rmSync(dir, { recursive: true, force: true }));

scenario(
  "fs polling: a setInterval poller reading a file sees another callback's write on its next poll",
  async (c) => {
    const file = join(dir, `config-${c.virtual ? "v" : "r"}-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, '{"v":1}');
    let landed = false;
    setTimeout(async () => {
      await writeFile(file, '{"v":2}'); // holds virtual time until it lands
      landed = true;
    }, c.ms(950));
    const { polls, afterLanding } = await new Promise<{ polls: number; afterLanding: number }>(
      (resolve, reject) => {
        let polls = 0;
        let afterLanding = 0;
        const poller = setInterval(async () => {
          polls++;
          if (landed) afterLanding++;
          try {
            const v = JSON.parse(await readFile(file, "utf8")).v;
            if (v === 2) {
              clearInterval(poller);
              c.mark("saw v2");
              resolve({ polls, afterLanding });
            }
          } catch (e) {
            clearInterval(poller);
            reject(e);
          }
        }, c.ms(100));
      },
    );
    // in the bubble: the write lands at 950 and poll 10, at 1000, sees it (polls counted on real time
    // drift, as Node's setInterval re-arms from when its callback ran)
    if (c.virtual) assert.deepEqual([polls, afterLanding], [10, 1]);
    return afterLanding <= 1;
  },
  { result: true, elapsed: 1000, marks: [["saw v2", 1000]] },
  { scale: 10 },
);

// The server lives outside any bubble and answers after 50 real ms, on a real-clock timer.
// /flaky/<id>/<n>[?after=<s>] answers 503 (with Retry-After: s if given) n times, then "ok".
const failures = new Map<string, number>();
const server = createHttpServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const flaky = /^\/flaky\/([^/]+)\/(\d+)$/.exec(url.pathname);
  if (flaky !== null) {
    const seen = failures.get(flaky[1]) ?? 0;
    failures.set(flaky[1], seen + 1);
    const after = url.searchParams.get("after");
    setTimeout(() => {
      if (seen < Number(flaky[2])) res.writeHead(503, after !== null ? { "Retry-After": after } : {}).end();
      else res.end("ok");
    }, 20);
    return;
  }
  setTimeout(() => res.end(`hello ${req.url}`), 50);
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => {
  server.closeAllConnections();
  return new Promise((r) => server.close(r));
});

scenario(
  "fetch with AbortSignal.timeout(2000) to a local server that answers in 50 real ms succeeds",
  async (c) => {
    const res = await fetch(`${base}/greeting`, { signal: AbortSignal.timeout(c.ms(2000)) });
    const body = await res.text();
    c.mark("answered");
    return [res.status, body];
  },
  // no virtual time passes while the request is in flight
  { result: [200, "hello /greeting"], elapsed: 0, marks: [["answered", 0]] },
  { scale: 5 },
);

scenario(
  "ky 1.9.1 over real HTTP: two 503s retried after 300 and 600 ms, then a Retry-After of 2 s, each request under a 1 s timeout",
  async (c) => {
    const id = Math.random().toString(36).slice(2);
    const client = ky.create({
      timeout: 1000, // not scaled: on real time each request really takes its 20 ms, and more under load
      retry: { limit: 3, delay: (n) => c.ms(300 * 2 ** (n - 1)) },
      hooks: { beforeRetry: [({ retryCount }) => c.mark(`retry ${retryCount}`)] },
    });
    const first = await client.get(`${base}/flaky/${id}-a/2`).text();
    c.mark(first);
    const second = await client.get(`${base}/flaky/${id}-b/1?after=${c.ms(2000) / 1000}`).text();
    c.mark(second);
    return [first, second];
  },
  {
    // the requests themselves (20 real ms each) take no virtual time
    result: ["ok", "ok"],
    elapsed: 2900,
    marks: [
      ["retry 1", 300],
      ["retry 2", 900],
      ["ok", 900],
      ["retry 1", 2900],
      ["ok", 2900],
    ],
  },
  { scale: 20 },
);

scenario(
  "a child process raced against a 10 s setTimeout guard: the child wins",
  async (c) => {
    let guard: ReturnType<typeof setTimeout> | undefined;
    const child = new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["-e", "setTimeout(() => process.stdout.write('child done'), 100)"],
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      ),
    );
    const timedOut = new Promise<string>((resolve) => {
      guard = setTimeout(() => resolve("guard fired"), c.ms(10_000));
    });
    const winner = await Promise.race([child, timedOut]);
    clearTimeout(guard);
    c.mark(winner);
    return winner;
  },
  { result: "child done", elapsed: 0, marks: [["child done", 0]] },
  { scale: 2 },
);

scenario(
  "a keep-alive connection (node:http Agent) pinged every second, each request under AbortSignal.timeout(500): one socket, reused",
  async (c) => {
    // The Agent unrefs the socket while it idles in its pool and refs it while a request is out: only
    // the requests hold virtual time, the idle second between them runs.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const pings: string[] = [];
    try {
      for (let i = 1; i <= 3; i++) {
        await new Promise((r) => setTimeout(r, c.ms(1000)));
        const reply = await new Promise<string>((resolve, reject) => {
          // the 500 ms is not scaled: on real time the request really takes its 50 ms, and more under load
          const req = httpGet(`${base}/ping-${i}`, { agent, signal: AbortSignal.timeout(500) }, (res) => {
            let body = "";
            res.on("data", (d) => {
              body += d;
            });
            res.on("end", () => resolve(`${body}${req.reusedSocket ? " (reused)" : ""}`));
          });
          req.on("error", reject);
        });
        c.mark(reply);
        pings.push(reply);
      }
      return pings;
    } finally {
      agent.destroy();
    }
  },
  {
    result: ["hello /ping-1", "hello /ping-2 (reused)", "hello /ping-3 (reused)"],
    elapsed: 3000,
    marks: [
      ["hello /ping-1", 1000],
      ["hello /ping-2 (reused)", 2000],
      ["hello /ping-3 (reused)", 3000],
    ],
  },
  { scale: 10 },
);

// An echo server outside any bubble, answering each line after 5 real ms.
const echoed = new Set<Socket>();
const echo = createServer((sock: Socket) => {
  echoed.add(sock);
  sock.on("data", (d) => setTimeout(() => sock.write(d.toString().replaceAll("ping", "pong")), 5));
});
await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
const echoPort = (echo.address() as AddressInfo).port;
after(() => {
  for (const s of echoed) s.destroy(); // a bubble that failed left its end open
  return new Promise((r) => echo.close(r));
});

scenario(
  "a raw socket kept open and idle between pings, each pong awaited under a 500 ms guard",
  async (c) => {
    const sock = createConnection(echoPort, "127.0.0.1");
    try {
      await new Promise((r) => sock.once("connect", r));
      const pongs: string[] = [];
      for (let i = 1; i <= 3; i++) {
        await new Promise((r) => setTimeout(r, c.ms(1000))); // idle: the open connection holds nothing
        sock.write(`ping ${i}\n`);
        let guard: ReturnType<typeof setTimeout> | undefined;
        const pong = await Promise.race([
          new Promise<string>((r) => sock.once("data", (d) => r(d.toString().trim()))),
          new Promise<string>((r) => {
            // not scaled: on real time the round trip really takes its 5 ms, and more under load
            guard = setTimeout(() => r("no pong in 500 ms"), 500);
          }),
        ]);
        clearTimeout(guard);
        c.mark(pong);
        pongs.push(pong);
      }
      return pongs;
    } finally {
      sock.destroy();
    }
  },
  {
    // the round trips (written, not yet answered) take no virtual time: the guards never fire
    result: ["pong 1", "pong 2", "pong 3"],
    elapsed: 3000,
    marks: [
      ["pong 1", 1000],
      ["pong 2", 2000],
      ["pong 3", 3000],
    ],
  },
  { scale: 10 },
);

scenario(
  "synchronous crypto (randomBytes, randomInt, pbkdf2Sync, sign) is no I/O: a token refresher's timers run",
  async (c) => {
    const { privateKey } = generateKeyPairSync("ed25519");
    let signed = 0;
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, c.ms(100)));
      const id = randomBytes(8).toString("hex");
      const key = pbkdf2Sync(id, "salt", 1, 16, "sha256");
      if (sign(null, key, privateKey).length === 64 && randomInt(10) < 10) signed++;
      c.mark(`token ${i + 1}`);
    }
    return signed;
  },
  {
    result: 3,
    elapsed: 300,
    marks: [
      ["token 1", 100],
      ["token 2", 200],
      ["token 3", 300],
    ],
  },
  { scale: 5 },
);
