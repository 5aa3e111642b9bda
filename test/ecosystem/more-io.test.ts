// Schedulers (cron, node-cron, toad-scheduler) and a WebSocket server with its heartbeat (ws), unchanged,
// in a bubble. Cron expressions name wall-clock instants, which cannot be scaled: those scenarios run in
// a bubble only (their real-time behaviour was checked by hand with second-granularity expressions: the
// same ticks, a second apart). The rest also runs on scaled real time (harness.ts).
import assert from "node:assert/strict";
import { once } from "node:events";
import { Agent, createServer as createHttpServer, get as httpGet } from "node:http";
import { type AddressInfo, createConnection, createServer } from "node:net";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { CronJob } from "cron";
import nodeCron from "node-cron";
import { AsyncTask, SimpleIntervalJob, Task, ToadScheduler } from "toad-scheduler";
import { WebSocket, WebSocketServer } from "ws";
import * as synctest from "../../src/synctest.ts";
import { scenario, sleep } from "./harness.ts";

/** ms since the bubble's epoch (2000-01-01T00:00:00Z), as an ISO time of day. */
const at = () => new Date().toISOString().slice(11, 23);

/** Runs a cron 4.4.0 job (UTC) until it has ticked n times; resolves with stamp() at each tick. */
function cronTicks(cronTime: string, n: number, stamp: () => string): Promise<string[]> {
  return new Promise((resolve) => {
    const ticks: string[] = [];
    const job = CronJob.from({
      cronTime,
      timeZone: "UTC",
      start: true,
      onTick() {
        ticks.push(stamp());
        if (ticks.length === n) {
          job.stop();
          resolve(ticks);
        }
      },
    });
  });
}

test("cron 4.4.0: '*/5 * * * * *' ticks at 00:00:05, :10 and :15 of the bubble's clock, then stops", async () => {
  const got = await synctest.run(async () => ({ ticks: await cronTicks("*/5 * * * * *", 3, at), now: at() }));
  assert.deepEqual(got, { ticks: ["00:00:05.000", "00:00:10.000", "00:00:15.000"], now: "00:00:15.000" });
});

test("cron 4.4.0: a daily job at 02:30 UTC runs on three virtual days, across its 24-hour timeouts", async () => {
  const got = await synctest.run(() => cronTicks("0 30 2 * * *", 3, () => new Date().toISOString()));
  assert.deepEqual(got, ["2000-01-01T02:30:00.000Z", "2000-01-02T02:30:00.000Z", "2000-01-03T02:30:00.000Z"]);
});

test("node-cron 4.6.0: '*/2 * * * * *' runs at :02, :04, :06; an async task that takes 2.5 s with noOverlap blocks the next runs", async () => {
  const got = await synctest.run(async () => {
    const plain: string[] = [];
    const task = nodeCron.schedule("*/2 * * * * *", () => {
      plain.push(at());
    });
    await sleep(7000);
    await task.destroy();
    const slow: string[] = [];
    nodeCron.setLogger({
      info() {},
      warn: (msg) => slow.push(`${msg.includes("overlap") ? "blocked" : msg} ${at()}`),
      error() {},
      debug() {},
    });
    const overlapping = nodeCron.schedule(
      "* * * * * *",
      async () => {
        slow.push(`start ${at()}`);
        await sleep(2500);
        slow.push(`end ${at()}`);
      },
      { noOverlap: true },
    );
    await sleep(6000);
    await overlapping.destroy();
    await sleep(3000); // the last run ends
    return { plain, slow };
  });
  assert.deepEqual(got, {
    plain: ["00:00:02.000", "00:00:04.000", "00:00:06.000"],
    // from 7 s: a run each second, but one still running (2.5 s) blocks the next two (node-cron warns);
    // destroyed at 13 s, before that second's run (its sleep was armed first)
    slow: [
      "start 00:00:08.000",
      "blocked 00:00:09.000",
      "blocked 00:00:10.000",
      "end 00:00:10.500",
      "start 00:00:11.000",
      "blocked 00:00:12.000",
      "end 00:00:13.500",
    ],
  });
});

scenario(
  "toad-scheduler 4.1.0: a 250 ms SimpleIntervalJob and an AsyncTask every 400 ms, stopped at 1.1 s",
  async (c) => {
    const scheduler = new ToadScheduler();
    let n = 0;
    scheduler.addSimpleIntervalJob(
      new SimpleIntervalJob(
        { milliseconds: c.ms(250) },
        new Task("sync", () => {
          n++;
          c.mark(`sync ${n}`);
        }),
      ),
    );
    let m = 0;
    scheduler.addSimpleIntervalJob(
      new SimpleIntervalJob(
        { milliseconds: c.ms(400) },
        new AsyncTask("async", async () => {
          m++;
          await sleep(c.ms(100));
          c.mark(`async ${m} done`);
        }),
      ),
    );
    await sleep(c.ms(1100));
    scheduler.stop();
    await sleep(c.ms(300)); // nothing runs after the stop
    return [n, m];
  },
  {
    // the interval armed first fires first at 500; the async task's runs take 400–500 and 800–900
    result: [4, 2],
    elapsed: 1400,
    marks: [
      ["sync 1", 250],
      ["sync 2", 500],
      ["async 1 done", 500],
      ["sync 3", 750],
      ["async 2 done", 900],
      ["sync 4", 1000],
    ],
  },
  { scale: 5 },
);

scenario(
  "ws 8.23.1: a WebSocketServer in the bubble pings every 30 s; the client echoes, gets 3 pings, and closes cleanly",
  async (c) => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => wss.once("listening", r));
    const alive = new WeakMap<WebSocket, boolean>();
    wss.on("connection", (ws) => {
      alive.set(ws, true);
      ws.on("pong", () => alive.set(ws, true));
      ws.on("message", (d) => ws.send(`echo ${d}`));
    });
    const heartbeat = setInterval(() => {
      for (const ws of wss.clients) {
        if (alive.get(ws) !== true) {
          ws.terminate();
          continue;
        }
        alive.set(ws, false);
        ws.ping();
      }
    }, c.ms(30_000));
    try {
      const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
      let pings = 0;
      client.on("ping", () => {
        pings++;
        c.mark(`ping ${pings}`);
      });
      await new Promise((r) => client.once("open", r));
      client.send("hello");
      const reply = await new Promise<string>((r) => client.once("message", (d) => r(String(d))));
      c.mark(reply);
      await sleep(c.ms(95_000));
      const closed = new Promise<number>((r) => client.once("close", r));
      client.close(1000);
      const code = await closed;
      c.mark(`closed ${code}`);
      return [reply, pings, code];
    } finally {
      clearInterval(heartbeat);
      await new Promise((r) => wss.close(r));
    }
  },
  {
    // the frames, the closing handshake and the TCP close between the bubble's two ends take no time
    result: ["echo hello", 3, 1000],
    elapsed: 95_000,
    marks: [
      ["echo hello", 0],
      ["ping 1", 30_000],
      ["ping 2", 60_000],
      ["ping 3", 90_000],
      ["closed 1000", 95_000],
    ],
  },
  { scale: 100 },
);

scenario(
  "ws 8.23.1: a client that terminates when no ping came for 31 s, against a server that stops pinging at 65 s",
  async (c) => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => wss.once("listening", r));
    const heartbeat = setInterval(() => {
      for (const ws of wss.clients) ws.ping();
    }, c.ms(30_000));
    setTimeout(() => clearInterval(heartbeat), c.ms(65_000));
    try {
      const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          c.mark("no ping: terminate");
          client.terminate();
        }, c.ms(31_000));
      };
      client.on("open", arm);
      client.on("ping", () => {
        c.mark("ping");
        arm();
      });
      const code = await new Promise<number>((r) => client.once("close", r));
      c.mark(`closed ${code}`);
      return code;
    } finally {
      clearInterval(heartbeat);
      await new Promise((r) => wss.close(r));
    }
  },
  {
    // pings at 30 and 60 s; the watchdog re-armed at 60 fires at 91; terminate() is an abnormal close
    result: 1006,
    elapsed: 91_000,
    marks: [
      ["ping", 30_000],
      ["ping", 60_000],
      ["no ping: terminate", 91_000],
      ["closed 1006", 91_000],
    ],
  },
  { scale: 100 },
);

// ===== regressions (iotrack.ts) =====

test("a server in the bubble pushing to a client in the bubble: each push is read at the instant it was sent", async () => {
  // Bytes written by the server's end (an accepted socket, which holds nothing by itself) were on their
  // way while nothing held the clock: it jumped to the next push, and the client read nothing until the end.
  const got = await synctest.run(async () => {
    const log: string[] = [];
    const pushes: ReturnType<typeof setInterval>[] = [];
    const server = createServer((sock) => {
      sock.on("error", () => {});
      pushes.push(setInterval(() => sock.write("push\n"), 1000));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const client = createConnection((server.address() as AddressInfo).port, "127.0.0.1");
    client.on("data", (d) => log.push(`${String(d).trim()} ${at()}`));
    await sleep(3500);
    for (const p of pushes) clearInterval(p);
    // destroyed, its 'close' is a loop turn away: the timer at 10 s must not fire first
    setTimeout(() => log.push(`timer ${at()}`), 10_000);
    client.destroy();
    await once(client, "close");
    log.push(`closed ${at()}`);
    await new Promise((r) => server.close(r));
    await sleep(1000); // closed, the connection holds nothing any more
    log.push(`slept ${at()}`);
    return log;
  });
  assert.deepEqual(got, [
    "push 00:00:01.000",
    "push 00:00:02.000",
    "push 00:00:03.000",
    "closed 00:00:03.500",
    "slept 00:00:04.500",
  ]);
});

scenario(
  "an HTTP server in the bubble answering after a 1 s timer: fetch, fetch under AbortSignal.timeout(500), node:http get",
  async (c) => {
    // A request to the bubble's own server held time until its answer, which waited for a bubble timer
    // that could not fire: a stall. Between two ends of the bubble only bytes on their way hold time.
    const server = createHttpServer((req, res) => {
      setTimeout(() => res.end(`slow ${req.url}`), c.ms(1000));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const a = await (await fetch(`${base}/a`)).text();
      c.mark(a);
      const b = await fetch(`${base}/b`, { signal: AbortSignal.timeout(c.ms(500)) }).then(
        (r) => r.text(),
        (e: Error) => e.name,
      );
      c.mark(b);
      const agent = new Agent({ keepAlive: false });
      const cc = await new Promise<string>((resolve, reject) =>
        httpGet(`${base}/c`, { agent }, (r) => {
          let body = "";
          r.on("data", (d) => {
            body += d;
          });
          r.on("end", () => resolve(body));
        }).on("error", reject),
      );
      c.mark(cc);
      return [a, b, cc];
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  },
  {
    result: ["slow /a", "TimeoutError", "slow /c"],
    elapsed: 2500,
    marks: [
      ["slow /a", 1000],
      ["TimeoutError", 1500],
      ["slow /c", 2500],
    ],
  },
  { scale: 10 },
);

scenario(
  "worker_threads: a worker's answer raced against a 5 s setTimeout guard: the answer wins, and no virtual time passes",
  async (c) => {
    // A running worker holds the bubble's time (docs/design/bubbles.md §2a), as a real computation would
    // keep the guard from firing first on real time.
    const worker = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads");
       let x = 0;
       for (let i = 0; i < workerData; i++) x = (x + i) % 1000003;
       parentPort.postMessage(x);`,
      { eval: true, workerData: 2_000_000 },
    );
    try {
      let guard: ReturnType<typeof setTimeout> | undefined;
      const winner = await Promise.race([
        once(worker, "message").then(([x]) => `answer ${x}`),
        new Promise<string>((r) => {
          guard = setTimeout(() => r("guard fired"), c.ms(5000));
        }),
      ]);
      clearTimeout(guard);
      c.mark(winner);
      return winner;
    } finally {
      await worker.terminate();
    }
  },
  { result: "answer 21", elapsed: 0, marks: [["answer 21", 0]] },
  { scale: 5 },
);

scenario(
  "a raw TCP server in the bubble answers each ping after a 100 ms setTimeout in its 'data' handler; the client waits under a 5 s guard",
  async (c) => {
    // Node runs an accepted socket's callbacks in no async context: the handler's setTimeout was a real
    // timer the bubble did not see, so the guard fired first. It is the bubble's now (iotrack.ts:
    // acceptingBubble), as a Go server's per-connection goroutine is.
    const server = createServer((sock) => {
      sock.on("data", (d) => setTimeout(() => sock.write(String(d).replace("ping", "pong")), c.ms(100)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const client = createConnection((server.address() as AddressInfo).port, "127.0.0.1");
    try {
      await once(client, "connect");
      const pongs: string[] = [];
      for (let i = 1; i <= 2; i++) {
        client.write(`ping ${i}`);
        let guard: ReturnType<typeof setTimeout> | undefined;
        const got = await Promise.race([
          once(client, "data").then(([d]) => String(d)),
          new Promise<string>((r) => {
            guard = setTimeout(() => r("guard fired"), c.ms(5000));
          }),
        ]);
        clearTimeout(guard);
        c.mark(got);
        pongs.push(got);
      }
      return pongs;
    } finally {
      client.destroy();
      await new Promise((r) => server.close(r));
    }
  },
  {
    result: ["pong 1", "pong 2"],
    elapsed: 200,
    marks: [
      ["pong 1", 100],
      ["pong 2", 200],
    ],
  },
  { scale: 5 },
);
