// Loggers writing files and a graceful HTTP shutdown, unchanged, in a bubble (second batch; see
// harness.ts): pino through sonic-boom's asynchronous destination, winston's File transport, and
// http-terminator's graceful termination timeout.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHttpTerminator } from "http-terminator";
import pino from "pino";
import winston from "winston";
import { scenario, sleep } from "./harness.ts";

/**
 * Each JSON line's message and time field relative to the first line's, in steps of `step` ms (exact in
 * the bubble; on real time, rounded to the nearest step).
 */
function relative(file: string, step: number, time: (o: Record<string, unknown>) => number): string[] {
  const lines = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return lines.map((o) => `${o.msg ?? o.message} +${Math.round((time(o) - time(lines[0])) / step)} steps`);
}

scenario(
  "pino 10.4.0 to an asynchronous sonic-boom destination: lines logged 100 ms apart carry the bubble's times; flush writes them",
  async (c) => {
    const dir = mkdtempSync(join(tmpdir(), "gort-pino-"));
    const file = join(dir, "app.log");
    try {
      const dest = pino.destination({ dest: file, sync: false, minLength: 4096 });
      const log = pino({ base: null }, dest);
      for (let i = 1; i <= 3; i++) {
        log.info(`step ${i}`);
        await sleep(c.ms(100));
      }
      await new Promise<void>((resolve, reject) => log.flush((e) => (e ? reject(e) : resolve())));
      dest.end();
      await new Promise((r) => dest.once("close", r));
      c.mark("flushed");
      return relative(file, c.ms(100), (o) => Number(o.time));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  {
    result: ["step 1 +0 steps", "step 2 +1 steps", "step 3 +2 steps"],
    elapsed: 300,
    marks: [["flushed", 300]],
  },
  { scale: 4 },
);

scenario(
  "winston 3.19.0: a File transport with timestamps, lines 250 ms apart; end() waits for the file",
  async (c) => {
    const dir = mkdtempSync(join(tmpdir(), "gort-winston-"));
    const file = join(dir, "app.log");
    try {
      const log = winston.createLogger({
        format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
        transports: [new winston.transports.File({ filename: file })],
      });
      for (let i = 1; i <= 3; i++) {
        log.info(`line ${i}`);
        await sleep(c.ms(250));
      }
      const finished = new Promise((r) => log.on("finish", r));
      log.end();
      await finished;
      await sleep(c.ms(50)); // the file transport's own stream finishes after the logger's
      c.mark("ended");
      const lines = relative(file, c.ms(250), (o) => Date.parse(String(o.timestamp)));
      const first = JSON.parse(readFileSync(file, "utf8").split("\n")[0]) as { timestamp: string };
      return { lines, year: c.virtual ? first.timestamp.slice(0, 4) : "2000" };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  {
    result: { lines: ["line 1 +0 steps", "line 2 +1 steps", "line 3 +2 steps"], year: "2000" },
    elapsed: 800,
    marks: [["ended", 800]],
  },
  { scale: 4 },
);

scenario(
  "http-terminator 3.2.0: a graceful termination with a 1 s timeout ends a 3 s request at 1 s; an idle keep-alive socket closes at once",
  async (c) => {
    const server = createServer((req, res) => {
      if (req.url === "/slow") setTimeout(() => res.end("slow done"), c.ms(3000));
      else res.end("quick");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    // made before the first connection: it tracks sockets from their 'connection' event
    const terminator = createHttpTerminator({ server, gracefulTerminationTimeout: c.ms(1000) });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = (path: string) =>
      new Promise<string>((resolve) =>
        httpGet(`${url}${path}`, (res) => {
          let b = "";
          res.on("data", (d) => {
            b += d;
          });
          res.on("end", () => resolve(b));
          res.on("error", (e) => resolve(e.message));
        }).on("error", (e) => resolve(e.message)),
      );
    const quick = await get("/quick");
    const slow = get("/slow").then((r) => {
      c.mark(`slow: ${r}`);
      return r;
    });
    await sleep(c.ms(100));
    await terminator.terminate();
    c.mark("terminated");
    return [quick, await slow];
  },
  {
    result: ["quick", "socket hang up"],
    elapsed: 1100,
    // by hand on real time (unscaled), three runs: terminated at 1107–1127, the client's hang-up in the
    // same ms, after it (the server's close callback comes before the client reads the reset)
    marks: [
      ["terminated", 1100],
      ["slow: socket hang up", 1100],
    ],
  },
);
