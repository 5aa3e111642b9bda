// Bubbles hold virtual time while host I/O they started is in flight (iotrack.ts), and only then: an
// await of a promise that only the bubble can settle is durable.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { pbkdf2, randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { lookup } from "node:dns";
import { mkdtempSync, readFileSync, writeFile, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { createGzip, gunzipSync, gzip } from "node:zlib";
import { chan, go, time } from "../../../src/index.ts";
import { hostSetTimeout } from "../../../src/internal/host.ts";
import { ioTracking } from "../../../src/internal/runtime/iotrack.ts";
import * as synctest from "../../../src/synctest.ts";

/** Virtual ms since the bubble started. */
const vnow = () => Number(time.since(start0)) / 1e6;
let start0 = time.now();
const mark = () => {
  start0 = time.now();
};

let server: http.Server;
let base = "";
/** Requests to /slow answer after 50 real ms (a real timer: the server is outside every bubble). */
before(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/never") return; // never answers
    hostSetTimeout(() => res.end(`hi ${req.url}`), req.url === "/slow" ? 50 : 0);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const dir = mkdtempSync(join(tmpdir(), "gort-io-"));

describe("real I/O holds a bubble's time", () => {
  test("fetch with AbortSignal.timeout(2000) to a server answering in 50 real ms succeeds at virtual 0", async () => {
    const got = await synctest.run(async () => {
      mark();
      const r = await fetch(`${base}/slow`, { signal: AbortSignal.timeout(2000) });
      return [await r.text(), vnow()];
    });
    assert.deepEqual(got, ["hi /slow", 0]);
  });

  test("a child process raced against a 10 s setTimeout guard wins", async () => {
    const got = await synctest.run(
      async () => {
        mark();
        const child = new Promise<string>((resolve, reject) =>
          execFile(process.execPath, ["-e", "setTimeout(() => console.log('child done'), 30)"], (e, out) =>
            e ? reject(e) : resolve(out.trim()),
          ),
        );
        const guard = new Promise<string>((r) => setTimeout(() => r("guard"), 10_000));
        return [await Promise.race([child, guard]), vnow()];
      },
      { stallTimeout: 30_000 }, // a hang guard only: a node process can take seconds to start under load
    );
    assert.deepEqual(got, ["child done", 0]);
  });

  test("readline over a child's stdout, nobody listening for its exit: its lines beat a 1 s kill guard", async () => {
    const got = await synctest.run(
      async () => {
        mark();
        const child = spawn(process.execPath, [
          "-e",
          "let i = 0; const t = setInterval(() => { console.log('line' + ++i); if (i === 3) clearInterval(t); }, 20)",
        ]);
        const guard = setTimeout(() => child.kill(), 1000);
        const lines: string[] = [];
        for await (const l of createInterface({ input: child.stdout })) lines.push(l);
        clearTimeout(guard);
        return [lines, vnow()];
      },
      { stallTimeout: 30_000 },
    );
    assert.deepEqual(got, [["line1", "line2", "line3"], 0]);
  });

  test("a UDP echo server in the bubble: each answer beats the client's 1 s guard", async () => {
    const got = await synctest.run(async () => {
      mark();
      const srv = createSocket("udp4");
      srv.on("message", (msg, rinfo) => srv.send(msg, rinfo.port, rinfo.address));
      await new Promise<void>((r) => srv.bind(0, "127.0.0.1", () => r()));
      const cli = createSocket("udp4");
      const answers: string[] = [];
      for (let i = 0; i < 3; i++)
        answers.push(
          await new Promise<string>((ok) => {
            const t = setTimeout(() => ok("guard"), 1000);
            cli.once("message", (m) => {
              clearTimeout(t);
              ok(String(m));
            });
            cli.send(`m${i}`, srv.address().port, "127.0.0.1");
          }),
        );
      cli.close();
      srv.close();
      // A send nobody answers holds time only for a moment: the guard fires, at its virtual time.
      const lonely = createSocket("udp4");
      const silent = await new Promise<string>((ok) => {
        setTimeout(() => ok(`guard at ${vnow()}`), 1000);
        lonely.send("anyone?", 9, "127.0.0.1");
      });
      lonely.close();
      return [answers, silent];
    });
    assert.deepEqual(got, [["m0", "m1", "m2"], "guard at 1000"]);
  });

  test("a setInterval poll sees a file written by another callback on its next poll", async () => {
    const file = join(dir, "poll.txt");
    writeFileSync(file, "old");
    const got = await synctest.run(async () => {
      mark();
      setTimeout(() => writeFile(file, "new", () => {}), 25);
      return await new Promise<string>((resolve) => {
        const iv = setInterval(async () => {
          const text = await readFile(file, "utf8");
          if (text === "new") {
            clearInterval(iv);
            resolve(`seen at ${vnow()}`);
          }
        }, 10);
      });
    });
    assert.equal(got, "seen at 30");
  });

  test("a zlib stream held up by backpressure (output full, nobody reading) does not hold time", async () => {
    const input = randomBytes(1 << 20); // incompressible: the output passes the readable high-water mark
    const got = await synctest.run(async () => {
      const z = createGzip();
      const writeReturned = z.write(input);
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, 1000)); // stalled at 0 while the full stream counted as busy
      const waited = Date.now() - t0;
      const full = z.readableLength >= z.readableHighWaterMark;
      z.end();
      const chunks: Buffer[] = [];
      for await (const c of z) chunks.push(c as Buffer); // reading lets it finish: that holds time again
      return { writeReturned, waited, full, roundTrip: gunzipSync(Buffer.concat(chunks)).equals(input) };
    });
    assert.deepEqual(got, { writeReturned: false, waited: 1000, full: true, roundTrip: true });
  });

  test("fs, dns, zlib and crypto work each hold time until their callback runs", async () => {
    const log = await synctest.run(async () => {
      mark();
      const out: string[] = [];
      const done = chan<void>(2);
      go(async () => {
        await time.sleep(time.Millisecond);
        out.push(`sleeper @${vnow()}`);
        await done.send();
      });
      go(async () => {
        await readFile(new URL(import.meta.url));
        await new Promise((r) => lookup("localhost", r));
        await new Promise((r) => gzip("hello".repeat(10_000), r));
        await new Promise((r) => pbkdf2("pw", "salt", 20_000, 32, "sha256", r));
        out.push(`io done @${vnow()}`);
        await done.send();
      });
      await done.recv();
      await done.recv();
      return out;
    });
    assert.deepEqual(log, ["io done @0", "sleeper @1"]);
  });

  test("a server inside the bubble: its accepted connections do not hold time once the response is in", async () => {
    const got = await synctest.run(async () => {
      mark();
      const srv = http.createServer((_req, res) => res.end("inner"));
      await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
      const { port } = srv.address() as { port: number };
      const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      await time.sleep(time.Hour); // the server's keep-alive connection must not hold the clock
      srv.closeAllConnections();
      srv.close();
      return [body, vnow()];
    });
    assert.deepEqual(got, ["inner", 3_600_000]);
  });

  test("two bubbles at once: one's I/O does not hold the other's time", async () => {
    const [a, b] = await Promise.all([
      synctest.run(async () => {
        const t0 = time.now();
        const r = await fetch(`${base}/slow`);
        await r.text();
        return Number(time.since(t0)) / 1e6;
      }),
      synctest.run(async () => {
        const t0 = time.now();
        for (let i = 0; i < 100; i++) await new Promise((r) => setTimeout(r, 1000));
        return Number(time.since(t0)) / 1e6;
      }),
    ]);
    assert.deepEqual([a, b], [0, 100_000]);
    assert.equal(ioTracking(), false, "the hook is off once no bubble is live");
  });
});

describe("durable awaits", () => {
  test("a timer callback that awaits a timer-driven promise: done at 1100 ms, as in Node", async () => {
    const at = await synctest.run(async () => {
      mark();
      await new Promise<void>((done) =>
        setTimeout(async () => {
          await new Promise((r) => setTimeout(r, 100));
          done();
        }, 1000),
      );
      return vnow();
    });
    assert.equal(at, 1100);
  });

  test("a goroutine awaiting a promise its own setInterval settles", async () => {
    const at = await synctest.run(async () => {
      mark();
      let ticks = 0;
      let wake: () => void = () => {};
      const iv = setInterval(() => {
        if (++ticks === 3) wake();
      }, 250);
      await new Promise<void>((r) => {
        wake = r;
      });
      clearInterval(iv);
      return vnow();
    });
    assert.equal(at, 750);
  });
});

describe("reports", () => {
  test("the stall watchdog names the I/O that holds time, with its type and where it started", async () => {
    await assert.rejects(
      synctest.run(
        async () => {
          await fetch(`${base}/never`);
        },
        { stallTimeout: 200 },
      ),
      (e: Error) => {
        assert.ok(e instanceof synctest.SynctestError, String(e));
        assert.match(e.message, /virtual time is held at 0\.000ms by host I\/O it started, still in flight:/);
        assert.match(
          e.message,
          /\tfetch GET http:\/\/127\.0\.0\.1:\d+\/never, started at \S*io\.test\.ts:\d+:\d+/,
        );
        return true;
      },
    );
  });

  test("fire-and-forget I/O left at the end: the bubble waits for it", async () => {
    const file = join(dir, "forget.txt");
    await synctest.run(async () => {
      writeFile(file, "written", () => {});
    });
    assert.equal(readFileSync(file, "utf8"), "written");
  });

  test("a child process waited for, still running when the goroutines return, is reported, naming it", async () => {
    let pid = 0;
    await assert.rejects(
      synctest.run(
        async () => {
          const c = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"], { stdio: "ignore" });
          c.once("exit", () => {}); // waited for, but its goroutine returned without waiting
          pid = c.pid ?? 0;
        },
        { stallTimeout: 150 },
      ),
      /^SynctestError: synctest: host I\/O still in flight \d+ms after the bubble's goroutines returned \(await it, or end it\):\n\tPROCESSWRAP \(child process \S+ -e setTimeout\(\(\) => \{\}, 20000\)\), started at \S*io\.test\.ts/,
    );
    process.kill(pid);
  });
});

describe("a process-wide timer a bubble created first", () => {
  test("refreshed from outside after the bubble ended, it fires on the real clock (undici's tick timer)", async () => {
    let ticks = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onTick = () => {
      ticks++;
    };
    await synctest.run(async () => {
      timer = setTimeout(onTick, 5); // first use of a lazily created module-level timer
      timer.unref();
      await new Promise((r) => setTimeout(r, 10));
    });
    assert.equal(ticks, 1);
    timer!.refresh(); // outside, after the bubble: a real 5 ms timer now
    const t0 = performance.now();
    await new Promise((r) => hostSetTimeout(r, 40));
    assert.equal(ticks, 2, `ticked ${ticks - 1} times in ${Math.round(performance.now() - t0)} real ms`);
    assert.equal(timer!.hasRef(), false);
    timer!.refresh();
    clearTimeout(timer);
    await new Promise((r) => hostSetTimeout(r, 20));
    assert.equal(ticks, 2, "cleared");
  });
});

describe("long-lived I/O nobody waits on", () => {
  test("a child process nobody waits for and an idle connection let time run", async () => {
    const at = await synctest.run(async () => {
      mark();
      const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"], { stdio: "ignore" });
      const sock = (await import("node:net")).createConnection(Number(new URL(base).port), "127.0.0.1");
      await new Promise((r) => sock.once("connect", r));
      await new Promise((r) => setTimeout(r, 1000)); // neither the child nor the idle socket holds time
      const t = vnow();
      sock.destroy();
      const exited = new Promise((r) => child.once("exit", r));
      child.kill();
      await exited; // waited for: held until it exits, which takes real time, no virtual time
      return [t, vnow()];
    });
    assert.deepEqual(at, [1000, 1000]);
  });
});
