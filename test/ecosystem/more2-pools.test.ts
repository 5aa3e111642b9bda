// Resource pools, locks and tokens with timeouts, unchanged, in a bubble (second batch; see harness.ts):
// generic-pool, tarn, async-lock, agentkeepalive, proper-lockfile, jsonwebtoken.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import HttpAgent from "agentkeepalive";
import AsyncLock from "async-lock";
import { createPool } from "generic-pool";
import jwt from "jsonwebtoken";
import lockfile from "proper-lockfile";
import { Pool as TarnPool } from "tarn";
import * as synctest from "../../src/synctest.ts";
import { scenario, sleep } from "./harness.ts";

scenario(
  "generic-pool 3.9.0: max 2, a third acquire times out at 300 ms; idle resources are evicted by the 200 ms evictor",
  async (c) => {
    let made = 0;
    const log: string[] = [];
    const pool = createPool(
      {
        create: async () => {
          await sleep(c.ms(50));
          return { id: ++made };
        },
        destroy: async (r) => {
          log.push(`destroy ${r.id}`);
          c.mark(`destroy ${r.id}`);
        },
      },
      {
        max: 2,
        acquireTimeoutMillis: c.ms(300),
        idleTimeoutMillis: c.ms(500),
        evictionRunIntervalMillis: c.ms(200),
      },
    );
    const a = await pool.acquire();
    const b = await pool.acquire(); // 100
    const third = await pool.acquire().then(
      () => "got one",
      (e: Error) => e.name,
    );
    c.mark(third); // 400
    await pool.release(a);
    await pool.release(b);
    await sleep(c.ms(1000)); // idle since 400: gone at the first eviction run past 900
    const sizes = `${pool.size}/${pool.available}`;
    await pool.drain();
    await pool.clear();
    return { third, log, sizes };
  },
  {
    result: { third: "TimeoutError", log: ["destroy 1", "destroy 2"], sizes: "0/0" },
    elapsed: 1400,
    marks: [
      ["TimeoutError", 400],
      ["destroy 1", 1000],
      ["destroy 2", 1000],
    ],
  },
);

scenario(
  "tarn 3.1.2: max 1, a second acquire times out at 300 ms; the idle resource is reaped after 500 ms",
  async (c) => {
    let made = 0;
    const log: string[] = [];
    const pool = new TarnPool({
      create: async () => {
        await sleep(c.ms(50));
        return { id: ++made };
      },
      destroy: (r: { id: number }) => {
        log.push(`destroy ${r.id}`);
        c.mark(`destroy ${r.id}`);
      },
      min: 0,
      max: 1,
      acquireTimeoutMillis: c.ms(300),
      idleTimeoutMillis: c.ms(500),
      reapIntervalMillis: c.ms(100),
    });
    const first = await pool.acquire().promise; // 50
    const second = await pool.acquire().promise.then(
      () => "got one",
      (e: Error) => e.constructor.name,
    );
    c.mark(second); // 350
    pool.release(first);
    await sleep(c.ms(1000));
    await pool.destroy();
    return { second, log };
  },
  {
    result: { second: "TimeoutError", log: ["destroy 1"] },
    elapsed: 1350,
    marks: [
      ["TimeoutError", 350],
      ["destroy 1", 850], // released at 350; the reaper, started at 50 when the first resource was validated, ticks at 850
    ],
  },
);

scenario(
  "async-lock 1.5.0: timeout 300 — a waiter behind a 1 s holder gives up; maxOccupationTime 500 cuts a slow holder",
  async (c) => {
    const lock = new AsyncLock({ timeout: c.ms(300) });
    const holder = lock.acquire("k", async () => {
      await sleep(c.ms(1000));
      return "holder done";
    });
    const waiter = await lock.acquire("k", async () => "waiter ran").catch((e: Error) => e.message);
    c.mark("waiter");
    const held = await holder;
    c.mark(held);
    const capped = new AsyncLock({ maxOccupationTime: c.ms(500) });
    const slow = await capped
      .acquire("k", async () => {
        await sleep(c.ms(2000));
        return "slow done";
      })
      .catch((e: Error) => e.message);
    c.mark("capped");
    return [waiter, held, slow];
  },
  {
    result: [
      "async-lock timed out in queue k",
      "holder done",
      "Maximum occupation time is exceeded in queue k",
    ],
    elapsed: 1500,
    marks: [
      ["waiter", 300],
      ["holder done", 1000],
      ["capped", 1500],
    ],
  },
);

scenario(
  "agentkeepalive 4.6.0: freeSocketTimeout 500 — a request 300 ms after the last reuses the socket, one 800 ms after opens a new one",
  async (c) => {
    let connections = 0;
    const server = createServer((_req, res) => res.end(`conn ${connections}`));
    // not scaled: Node's server sends it as a whole-second Keep-Alive hint, which agentkeepalive obeys
    server.keepAliveTimeout = 5000;
    server.on("connection", () => connections++);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const agent = new HttpAgent({ freeSocketTimeout: c.ms(500), maxSockets: 1 });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const get = () =>
      new Promise<string>((resolve, reject) =>
        httpGet(url, { agent }, (res) => {
          let body = "";
          res.on("data", (d) => {
            body += d;
          });
          res.on("end", () => resolve(body));
        }).on("error", reject),
      );
    try {
      const got = [await get()];
      await sleep(c.ms(300));
      got.push(await get());
      await sleep(c.ms(800));
      got.push(await get());
      c.mark("done");
      return { got, timeouts: agent.getCurrentStatus().timeoutSocketCount };
    } finally {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  },
  { result: { got: ["conn 1", "conn 1", "conn 2"], timeouts: 1 }, elapsed: 1100, marks: [["done", 1100]] },
);

scenario(
  "proper-lockfile 4.1.2: a second lock retried 3 times 100 ms apart fails ELOCKED while the first is held and updated every 500 ms",
  async (c) => {
    const dir = mkdtempSync(join(tmpdir(), "gort-lock-"));
    const file = join(dir, "db.json");
    writeFileSync(file, "{}");
    try {
      let compromised = "";
      const release = await lockfile.lock(file, {
        update: c.ms(500),
        stale: c.ms(2000),
        onCompromised: (e) => {
          compromised = e.message;
        },
      });
      const second = await lockfile
        .lock(file, { retries: { retries: 3, factor: 1, minTimeout: c.ms(100), maxTimeout: c.ms(100) } })
        .then(
          () => "locked",
          (e: Error & { code?: string }) => e.code,
        );
      c.mark(second ?? "");
      await sleep(c.ms(1200)); // the holder's updates at 500, 1000 and 1500 keep it fresh
      const held = await lockfile.check(file, { stale: c.ms(2000) });
      await release();
      const free = await lockfile.check(file);
      return { second, held, free, compromised };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  {
    result: { second: "ELOCKED", held: true, free: false, compromised: "" },
    elapsed: 1500,
    marks: [["ELOCKED", 300]],
  },
);

test("jsonwebtoken 9.0.3: a token signed with expiresIn 60 s verifies at 59 s and is expired at 60 s of the bubble's clock", async () => {
  const got = await synctest.run(async () => {
    const token = jwt.sign({ sub: "u1" }, "secret", { expiresIn: 60 });
    const out: string[] = [];
    const check = () => {
      try {
        out.push(`ok ${(jwt.verify(token, "secret") as jwt.JwtPayload).sub}`);
      } catch (e) {
        out.push(`${(e as Error).name} ${(e as { expiredAt?: Date }).expiredAt?.toISOString()}`);
      }
    };
    check();
    await sleep(59_000);
    check();
    await sleep(1000);
    check();
    return { iat: (jwt.decode(token) as jwt.JwtPayload).iat, out };
  });
  assert.deepEqual(got, {
    iat: 946684800, // 2000-01-01T00:00:00Z
    out: ["ok u1", "ok u1", "TokenExpiredError 2000-01-01T00:01:00.000Z"],
  });
});

test("proper-lockfile 4.1.2: a lock left by a crashed holder is not found stale in a bubble (file times are the host's; docs/deviations.md)", async () => {
  // Real Node gives ["ELOCKED", "locked"]: 6 s after the lock directory was made it is older than
  // `stale`. In a bubble its mtime is the host's clock (today), ahead of the bubble's Date (2000): never
  // stale. Go's synctest is the same (file times are real, time.Now is the bubble's).
  const dir = mkdtempSync(join(tmpdir(), "gort-lock-"));
  const file = join(dir, "db.json");
  writeFileSync(file, "{}");
  try {
    const got = await synctest.run(async () => {
      mkdirSync(`${file}.lock`); // left behind by a holder that crashed
      const attempt = () =>
        lockfile.lock(file, { stale: 5000 }).then(
          async (release) => {
            await release();
            return "locked";
          },
          (e: Error & { code?: string }) => e.code,
        );
      const before = await attempt();
      await sleep(6000);
      return [before, await attempt()];
    });
    assert.deepEqual(got, ["ELOCKED", "ELOCKED"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
