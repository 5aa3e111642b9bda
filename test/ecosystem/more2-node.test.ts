// Node built-ins whose timeouts users rely on, in a bubble (second batch; see harness.ts): child_process
// exec's timeout option, dns.lookup raced against a timer, zlib between timers, events.on fed by a
// setInterval.
import assert from "node:assert/strict";
import { exec, execFile } from "node:child_process";
import { lookup } from "node:dns/promises";
import { EventEmitter, on } from "node:events";
import { createServer, get as httpGet, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import * as synctest from "../../src/synctest.ts";
import { scenario, sleep } from "./harness.ts";

scenario(
  "dns.lookup('localhost') raced against a 1 s guard: the lookup wins, and no virtual time passes",
  async (c) => {
    let guard: ReturnType<typeof setTimeout> | undefined;
    const winner = await Promise.race([
      lookup("localhost").then(() => "resolved"),
      new Promise<string>((r) => {
        guard = setTimeout(() => r("guard"), c.ms(1000));
      }),
    ]);
    clearTimeout(guard);
    c.mark(winner);
    return winner;
  },
  { result: "resolved", elapsed: 0, marks: [["resolved", 0]] },
  { scale: 2 },
);

scenario(
  "zlib gzip and gunzip of chunks produced every 100 ms: each round trip at its instant",
  async (c) => {
    const zip = promisify(gzip);
    const unzip = promisify(gunzip);
    const out: string[] = [];
    for (let i = 1; i <= 3; i++) {
      await sleep(c.ms(100));
      const packed = await zip(Buffer.from(`chunk ${i} `.repeat(1000)));
      out.push((await unzip(packed)).toString().slice(0, 8));
      c.mark(`chunk ${i}`);
    }
    return out;
  },
  {
    result: ["chunk 1 ", "chunk 2 ", "chunk 3 "],
    elapsed: 300,
    marks: [
      ["chunk 1", 100],
      ["chunk 2", 200],
      ["chunk 3", 300],
    ],
  },
);

scenario(
  "events.on over an emitter fed by setInterval(100), ended by AbortSignal.timeout(450)",
  async (c) => {
    const ee = new EventEmitter();
    let n = 0;
    const ticker = setInterval(() => ee.emit("tick", ++n), c.ms(100));
    const seen: number[] = [];
    try {
      for await (const [v] of on(ee, "tick", { signal: AbortSignal.timeout(c.ms(450)) })) {
        seen.push(v as number);
        c.mark(`tick ${v}`);
      }
    } catch (e) {
      c.mark((e as Error).name);
    } finally {
      clearInterval(ticker);
    }
    return seen;
  },
  {
    result: [1, 2, 3, 4],
    elapsed: 450,
    marks: [
      ["tick 1", 100],
      ["tick 2", 200],
      ["tick 3", 300],
      ["tick 4", 400],
      ["AbortError", 450],
    ],
  },
  { scale: 10 }, // AbortSignal.timeout takes whole ms only
);

test("child_process exec's timeout option is real time (docs/deviations.md): the child is killed, and no virtual time passes", async () => {
  // Real Node calls back after 300 ms. Node arms this timeout on its internal timers, which a bubble does
  // not fake, and the running child holds the bubble's time (it is I/O in flight): the kill comes after
  // 300 real ms, at the virtual instant the child started.
  const got = await synctest.run(async () => {
    const t0 = Date.now();
    const r = await new Promise<string>((resolve) =>
      exec(`"${process.execPath}" -e "setTimeout(() => {}, 5000)"`, { timeout: 300 }, (err) =>
        resolve(
          err
            ? `killed=${(err as { killed?: boolean }).killed} ${(err as { signal?: string }).signal}`
            : "exited",
        ),
      ),
    );
    return [r, Date.now() - t0];
  });
  assert.deepEqual(got, ["killed=true SIGTERM", 0]);
});

test("child_process execFile with timeout 5000 around a child that exits at once", async () => {
  const got = await synctest.run(async () => {
    const t0 = Date.now();
    const r = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["-e", "process.stdout.write('hi')"], { timeout: 5000 }, (err, out) =>
        err ? reject(err) : resolve(out),
      ),
    );
    return [r, Date.now() - t0];
  });
  assert.deepEqual(got, ["hi", 0]);
});

scenario(
  "a rate-limited download: a client of the bubble's HTTP server takes 16 KB of a 512 KB body every 10 ms",
  async (c) => {
    const body = Buffer.alloc(512 * 1024, 7);
    const server = createServer((_req, res) => res.end(body));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const res = await new Promise<IncomingMessage>((r) =>
        httpGet(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, r),
      );
      let reads = 0;
      let bytes = 0;
      let ended = false;
      res.once("end", () => {
        ended = true;
      });
      while (!ended) {
        const chunk = res.read(16 * 1024) as Buffer | null;
        if (chunk === null) {
          // the next bytes, or the end ('end' comes after a read that found nothing left)
          await new Promise<void>((r) => {
            const go = () => {
              res.off("readable", go);
              res.off("end", go);
              r();
            };
            res.on("readable", go);
            res.on("end", go);
          });
          continue;
        }
        reads++;
        bytes += chunk.length;
        await sleep(c.ms(10));
      }
      c.mark("downloaded");
      return { reads, bytes };
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  },
  { result: { reads: 32, bytes: 512 * 1024 }, elapsed: 320, marks: [["downloaded", 320]] },
  { scale: 2 },
);
