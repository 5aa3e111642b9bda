// What a bubble says when it goes wrong: deadlocks, goroutines left blocked, timers left armed, runaway
// clocks, and stalls — each naming the goroutines or timers responsible and where they were created.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer, get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";
import { chan, GoFatalError, GoPanic, go, io, time } from "../../../src/index.ts";
import { Mutex } from "../../../src/sync.ts";
import * as synctest from "../../../src/synctest.ts";

const here = new URL(import.meta.url).pathname;
/** "created ... at <this file>:<line>:<col>" for some line of this file. */
const site = (prefix: string) =>
  new RegExp(`${prefix} at \\S*${here.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:\\d+:\\d+`);

async function failure(p: Promise<unknown>): Promise<Error & { report: string; code: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { report: string; code: string };
  }
  assert.fail("the bubble did not fail");
}

describe("deadlock reports", () => {
  test("everything blocked, no timer: DeadlockError names every goroutine, its wait, its channel and its site", async () => {
    const e = await failure(
      synctest.run(async () => {
        const jobs = chan<string>(0, "jobs");
        const results = chan<number>(1, "results");
        const mu = new Mutex();
        go(async () => {
          await results.send(1);
          await results.send(2); // buffer full: blocks
        });
        go(async () => {
          await mu.lock();
          await mu.lock(); // never unlocked
        });
        await time.sleep(time.Second);
        await jobs.recv(); // nobody sends
      }),
    );
    // Reported at once, by checkdead, not by the stall watchdog after a timeout (a SynctestError).
    assert.ok(e instanceof GoFatalError);
    assert.equal(e.name, "DeadlockError");
    assert.equal(e.code, "ERR_GORT_DEADLOCK");
    const r = e.message;
    assert.equal(r, e.report);
    assert.match(r, /^deadlock: all goroutines in bubble are blocked\n/);
    assert.match(r, /goroutine 1 \[chan receive\]:\n\ton jobs \(cap 0\)\n/);
    assert.match(r, site("created by synctest.run"));
    assert.match(r, /goroutine 2 \[chan send\]:\n\ton results \(cap 1\)\n/);
    assert.match(r, /goroutine 3 \[sync\.Mutex\.Lock\]:/);
    assert.equal((r.match(site("created by goroutine 1")) ?? []).length, 1);
    assert.equal(r.match(/created by goroutine 1 at/g)?.length, 2);
  });

  test("the root returns while goroutines remain blocked: said so, naming them", async () => {
    const e = await failure(
      synctest.run(async () => {
        const replies = chan<string>(0, "replies");
        go(async () => {
          await replies.send("pong");
        });
        await time.sleep(5 * time.Second);
      }),
    );
    assert.equal(e.name, "DeadlockError");
    assert.match(e.message, /^deadlock: main bubble goroutine has exited but blocked goroutines remain\n/);
    assert.match(e.message, /goroutine 2 \[chan send\]:/);
    assert.match(e.message, /on replies \(cap 0\)/);
    assert.match(e.message, site("created by goroutine 1"));
    assert.doesNotMatch(e.message, /^goroutine 1 \[/m, "the root has exited");
  });

  test("a sleeping goroutine is reported with its wake-up time", async () => {
    const e = await failure(
      synctest.run(async () => {
        const never = chan<void>(0, "never");
        go(async () => {
          await never.recv();
        });
        go(async () => {
          await time.sleep(time.Hour);
          await never.recv();
        });
      }),
    );
    assert.match(e.message, /goroutine 2 \[chan receive\]:\n\ton never \(cap 0\)/);
    assert.match(e.message, /goroutine 3 \[chan receive\]:\n\ton never \(cap 0\)/);
  });
});

describe("what bubble code throws", () => {
  class MyError extends Error {}

  test("an AssertionError thrown by the root reaches the caller as itself, its goroutine report attached out of sight", async () => {
    const thrown = new assert.AssertionError({ actual: 1, expected: 2, operator: "strictEqual" });
    const message = thrown.message;
    const e = await failure(
      synctest.run(async () => {
        await time.sleep(time.Second);
        throw thrown;
      }),
    );
    assert.equal(e, thrown);
    assert.ok(e instanceof assert.AssertionError);
    assert.equal(e.message, message);
    assert.equal(e.name, "AssertionError");
    const report = (e as Error & { gortReport?: string }).gortReport;
    assert.match(report ?? "", /^panic: AssertionError/);
    assert.match(report ?? "", site("created by synctest.run"));
    assert.ok(!Object.keys(e).includes("gortReport"), "not enumerable: runners do not print it");
  });

  test("from a goroutine, a setTimeout callback and a time.afterFunc callback: the same object, whatever the procs", async () => {
    for (const procs of [1, 4]) {
      const fromGo = new MyError("from go");
      assert.equal(
        await failure(
          synctest.run(
            async () => {
              go(async () => {
                await time.sleep(time.Millisecond);
                throw fromGo;
              });
              await time.sleep(time.Second);
            },
            { procs },
          ),
        ),
        fromGo,
      );
      const fromTimeout = new MyError("from setTimeout");
      const e = await failure(
        synctest.run(
          async () => {
            setTimeout(() => {
              throw fromTimeout;
            }, 10);
            await new Promise((r) => setTimeout(r, 100));
          },
          { procs },
        ),
      );
      assert.equal(e, fromTimeout);
      assert.ok(e instanceof MyError);
      const fromAfterFunc = new MyError("from afterFunc");
      assert.equal(
        await failure(
          synctest.run(
            async () => {
              time.afterFunc(time.Millisecond, () => {
                throw fromAfterFunc;
              });
              await time.sleep(time.Second);
            },
            { procs },
          ),
        ),
        fromAfterFunc,
      );
    }
  });

  test("a thrown non-Error is rethrown as it is", async () => {
    await assert.rejects(
      synctest.run(() => {
        throw "boom";
      }),
      (v) => v === "boom",
    );
    const obj = { code: 42 };
    await assert.rejects(
      synctest.run(async () => {
        throw obj;
      }),
      (v) => v === obj,
    );
  });

  test("gort's own panics keep Go's text and class: send on closed channel is a GoPanicError", async () => {
    const e = await failure(
      synctest.run(async () => {
        const c = chan<number>(1);
        c.close();
        await c.send(1);
      }),
    );
    assert.ok(e instanceof GoFatalError);
    assert.equal(e.name, "GoPanicError");
    assert.match(e.message, /^panic: send on closed channel\n/);
    assert.ok((e as unknown as GoFatalError).value instanceof GoPanic);
  });
});

describe("timers still armed at the end", () => {
  /** e is the end-of-bubble SynctestError: this header, then one line per pattern, each naming its site. */
  const assertArmed = (e: Error & { code: string }, header: string, patterns: RegExp[]) => {
    assert.ok(e instanceof synctest.SynctestError);
    assert.equal(e.code, "ERR_GORT_SYNCTEST");
    const lines = e.message.split("\n");
    assert.equal(lines[0], header);
    assert.equal(lines.length, patterns.length + 1, e.message);
    patterns.forEach((p, i) => {
      assert.match(lines[i + 1], p);
      assert.match(lines[i + 1], site("created"));
    });
  };

  /** Leaves one timer of every kind armed. */
  const leakEveryKind = () => {
    time.newTicker(time.Second);
    setInterval(() => {}, 50);
    setTimeout(() => {}, 70); // a one-shot: Node would fire it later, Go's synctest ignores it
    time.afterFunc(time.Hour, () => {});
    time.newTimer(time.Minute);
    AbortSignal.timeout(5000); // unref'd, as in Node: not a leak
    setImmediate(() => {}); // due now: not a leak either
  };

  test("a leaked ticker and setInterval fail the bubble, each named with its site; one-shot timers do not", async () => {
    assertArmed(
      await failure(synctest.run(leakEveryKind)),
      "synctest: periodic timers still running when the bubble ended (stop them, or pass allowPendingTimers):",
      [
        /^\tticker every 1000\.000ms, next at 1000\.000ms, /,
        /^\tsetInterval every 50ms, next at 50\.000ms, /,
      ],
    );
  });

  test("pending one-shot timers alone pass, as in Go; an unref'd setInterval is no leak either", async () => {
    const got = await synctest.run(async () => {
      setTimeout(() => {}, 70);
      time.afterFunc(time.Hour, () => {});
      time.newTimer(time.Minute);
      setInterval(() => {}, 10).unref();
      return 42;
    });
    assert.equal(got, 42);
  });

  test("strictTimers: every timer left armed fails the bubble, one-shots included", async () => {
    assertArmed(
      await failure(synctest.run(leakEveryKind, { strictTimers: true })),
      "synctest: timers still armed when the bubble ended (strictTimers; stop them, or pass allowPendingTimers):",
      [
        /^\tticker every 1000\.000ms, next at 1000\.000ms, /,
        /^\ttimer, next at 60000\.000ms, /,
        /^\ttimer, next at 3600000\.000ms, /,
        /^\tsetInterval every 50ms, next at 50\.000ms, /,
        /^\tsetTimeout\(70ms\), next at 70\.000ms, /,
      ],
    );
  });

  test("sites: false reports the same timers without creation sites", async () => {
    const e = await failure(
      synctest.run(
        async () => {
          time.newTicker(time.Second);
          setTimeout(() => {}, 70);
        },
        { sites: false, strictTimers: true },
      ),
    );
    const lines = e.message.split("\n");
    assert.equal(lines.length, 3, e.message);
    assert.equal(lines[1], "\tticker every 1000.000ms, next at 1000.000ms");
    assert.equal(lines[2], "\tsetTimeout(70ms), next at 70.000ms");
  });

  test("stopped timers are not reported; allowPendingTimers silences the report, strictTimers or not", async () => {
    await synctest.run(
      async () => {
        const t = time.newTicker(time.Second);
        await t.c.recv();
        t.stop();
        clearInterval(setInterval(() => {}, 10));
        clearTimeout(setTimeout(() => {}, 10));
      },
      { strictTimers: true },
    );
    const leaky = () => {
      setInterval(() => {}, 10);
      setTimeout(() => {}, 10);
      return 42;
    };
    assert.equal(await synctest.run(leaky, { allowPendingTimers: true }), 42);
    assert.equal(await synctest.run(leaky, { allowPendingTimers: true, strictTimers: true }), 42);
  });
});

describe("runaway bounds", () => {
  test("a ticker loop that never ends: maxClockAdvances, naming the ticker and its site", async () => {
    const e = await failure(
      synctest.run(
        async () => {
          const t = time.newTicker(time.Second);
          for (;;) await t.c.recv();
        },
        { maxClockAdvances: 1000 },
      ),
    );
    assert.equal(e.name, "GoFatalError");
    assert.match(
      e.message,
      /^runaway: more than 1000 clock advances; 1000000\.000ms of virtual time passed\n/,
    );
    assert.match(
      e.message,
      /periodic timers still running:\n\tticker every 1000\.000ms, next at 1001000\.000ms, created at /,
    );
    assert.match(e.message, site("created"));
    assert.match(e.message, /goroutine 1 \[chan receive\]:/);
  });

  test("a setInterval that keeps a bubble alive: named with its site", async () => {
    const e = await failure(
      synctest.run(
        async () => {
          setInterval(() => {}, 10);
          await new Promise(() => {}); // waits for nothing the interval will do
        },
        { maxClockAdvances: 500 },
      ),
    );
    assert.match(e.message, /^runaway: more than 500 clock advances; 5000\.000ms of virtual time passed\n/);
    assert.match(
      e.message,
      /periodic timers still running:\n\tsetInterval every 10ms, next at 5010\.000ms, created at /,
    );
  });

  test("a sleep far in the future: maxVirtualTime, naming the periodic timer responsible", async () => {
    const e = await failure(
      synctest.run(async () => {
        const hb = setInterval(() => {}, 3_600_000); // an hourly heartbeat
        await time.sleep(30 * 24 * time.Hour);
        clearInterval(hb);
      }),
    );
    assert.match(
      e.message,
      /^runaway: virtual time would pass 604800000\.000ms \(next timer at 608400000\.000ms\); 604800000\.000ms of virtual time passed\n/,
    );
    assert.match(e.message, /\tsetInterval every 3600000ms, next at 608400000\.000ms, created at /);
    assert.match(e.message, /goroutine 1 \[sleep\]:\n\tsleeping until 2592000000\.000ms/);
    const e2 = await failure(synctest.run(() => time.sleep(2 * time.Hour), { maxVirtualTime: time.Hour }));
    assert.match(
      e2.message,
      /^runaway: virtual time would pass 3600000\.000ms \(next timer at 7200000\.000ms\); 0\.000ms of virtual time passed/,
    );
  });

  test("a setImmediate loop that never advances the clock: maxTimerFirings", async () => {
    const e = await failure(
      synctest.run(
        async () => {
          await new Promise<void>(() => {
            const again = () => setImmediate(again);
            again();
          });
        },
        { maxTimerFirings: 2000 },
      ),
    );
    assert.match(e.message, /^runaway: more than 2000 timer firings; 0\.000ms of virtual time passed\n/);
    assert.match(
      e.message,
      /callback started last .*:\n\tsetImmediate\(0ms\), next at 0\.000ms, created at /,
    );
    assert.match(e.message, site("created"));
  });
  test("maxTimerFirings counts exactly: a setInterval's callbacks, a ticker's ticks, sleeps", async () => {
    const cases: [string, (n: { v: number }) => Promise<void>][] = [
      [
        "setInterval",
        (n) =>
          new Promise<void>(() => {
            setInterval(() => n.v++, 100);
          }),
      ],
      [
        "ticker",
        async (n) => {
          const t = time.newTicker(time.Second);
          for (;;) {
            await t.c.recv();
            n.v++;
          }
        },
      ],
      [
        "sleep",
        async (n) => {
          for (;;) {
            await time.sleep(time.Millisecond);
            n.v++;
          }
        },
      ],
    ];
    for (const [what, body] of cases) {
      const n = { v: 0 };
      const e = await failure(synctest.run(() => body(n), { maxTimerFirings: 10 }));
      assert.match(e.message, /^runaway: more than 10 timer firings/, what);
      assert.equal(n.v, 10, `${what}: ${n.v} firings ran before the report`);
      // The report (with its dump) is in the stack once, then the frames.
      assert.equal((e.stack ?? "").split(/^goroutine 1 \[/m).length, 2, `${what}: ${e.stack}`);
    }
  });

  test("each periodic timer is listed once, tickers and setIntervals together, whichever bound was hit", async () => {
    for (const opts of [
      { maxClockAdvances: 300 },
      { maxTimerFirings: 300 },
      { maxVirtualTime: 20 * time.Second },
    ]) {
      const e = await failure(
        synctest.run(async () => {
          time.newTicker(time.Second);
          setInterval(() => {}, 100);
          await new Promise(() => {
            const again = () => setTimeout(again, 50);
            again();
          });
        }, opts),
      );
      const m = e.message;
      assert.match(m, /^runaway: .*; \d+\.000ms of virtual time passed\n/, m);
      assert.equal(m.match(/periodic timers still running:/g)?.length, 1, m);
      assert.equal(m.match(/\tticker every 1000\.000ms/g)?.length, 1, m);
      assert.equal(m.match(/\tsetInterval every 100ms/g)?.length, 1, m);
    }
  });
});

describe("timeout", () => {
  test("a goroutine that loops without ever blocking: the bubble fails at its timeout with a dump, not a spin forever", async () => {
    const e = await failure(
      synctest.run(
        async () => {
          const c = chan<number>(1, "busy");
          go(async () => {
            for (;;) {
              await c.send(1); // never blocks: the buffer has room
              await c.recv(); // never blocks: a value is there
            }
          });
          await time.sleep(time.Second); // never ends: the clock cannot move
        },
        { timeout: 200 },
      ),
    );
    assert.ok(e instanceof synctest.SynctestError);
    assert.match(
      e.message,
      /^synctest: the bubble ran for \d+ms of real time \(timeout 200ms\), its virtual time at 0\.000ms: a goroutine that never blocks/,
    );
    assert.match(e.message, /goroutine 1 \[sleep\]:/);
    assert.match(e.message, /goroutine 2 \[runnable\]:/);
  });

  test("a stream that never ends holds time without stalling: the timeout report names the I/O", async () => {
    // Outside the bubble: a server that sends a line every 20 ms for ever.
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const iv = setInterval(() => res.write("tick\n"), 20);
      res.on("close", () => clearInterval(iv));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const e = await failure(
        synctest.run(
          async () => {
            await new Promise<void>((resolve, reject) => {
              const req = httpGet(`http://127.0.0.1:${port}/events`, (res) => {
                res.on("data", () => {}); // progress all the time, so no stall report
                res.on("end", resolve);
              });
              req.on("error", reject);
              setTimeout(() => req.destroy(), 5000); // virtual: never fires while the request holds time
            });
          },
          { timeout: 500 },
        ),
      );
      assert.ok(e instanceof synctest.SynctestError);
      assert.match(
        e.message,
        /^synctest: the bubble ran for \d+ms of real time \(timeout 500ms\), its virtual time at 0\.000ms: virtual time is held by host I\/O it started, still in flight/,
      );
      assert.match(e.message, /GET .*\/events/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe("the test's signal", () => {
  test("aborting it stops the bubble at once with a dump, and its fakes are gone (a runner gave up on it)", async () => {
    const before = globalThis.setTimeout;
    const ac = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    setTimeout(() => ac.abort(new Error("test timed out after 100ms")), 100); // outside: a runner's timer
    const run = synctest.run(
      async () => {
        await io(new Promise(() => {})); // never settles; no stall report (stallTimeout 0)
      },
      { signal: ac.signal, stallTimeout: 0 },
    );
    const e = await failure(run);
    assert.ok(e instanceof synctest.SynctestError);
    assert.match(
      e.message,
      /^synctest: the test's signal aborted \(test timed out after 100ms\) while the bubble ran, its virtual time at 0\.000ms: the bubble is stopped\./,
    );
    assert.match(e.message, /goroutine 1 \[IO wait\]:/);
    assert.equal(globalThis.setTimeout, before);
    // The runner no longer reads the rejection: the same report goes out as a process warning (stderr).
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    process.off("warning", onWarning);
    const w = warnings.find((x) => (x as Error & { code?: string }).code === "GORT_BUBBLE_ABORTED");
    assert.ok(w !== undefined, "no GORT_BUBBLE_ABORTED warning");
    assert.equal(w.name, "GortWarning");
    assert.equal(w.message, e.message);
  });

  test("synctest.bubble takes the signal of the runner's context, and passes `this` on", async () => {
    const ac = new AbortController();
    const self = { name: "mocha-like context" };
    let seen: unknown = null;
    const body = synctest.bubble(async function (this: unknown, _ctx: { signal: AbortSignal }) {
      seen = this;
      ac.abort(new Error("cancelled"));
      await io(new Promise(() => {}));
    });
    const e = await failure(body.call(self, { signal: ac.signal }));
    assert.equal(seen, self);
    assert.match(e.message, /^synctest: the test's signal aborted \(cancelled\)/);
  });
});

describe("stalls", () => {
  test("a goroutine awaiting a promise nothing will settle: reported after stallTimeout, not a silent hang", async () => {
    const t0 = performance.now();
    const e = await failure(
      synctest.run(
        async () => {
          const c = chan<number>(0, "results");
          go(async () => {
            await c.recv();
          });
          await new Promise(() => {}); // a forgotten resolve
        },
        { stallTimeout: 300 },
      ),
    );
    const ms = performance.now() - t0;
    assert.ok(ms >= 290, `after ${ms} ms`); // no upper bound: a loaded machine runs the watchdog late
    assert.ok(e instanceof synctest.SynctestError);
    assert.match(
      e.message,
      /^synctest: the bubble made no progress for \d+ms of real time: virtual time is at 0\.000ms, no timer of the bubble is left, and goroutines await promises that nothing in the bubble will settle/,
    );
    assert.match(e.message, /goroutine 1 \[syscall\]:\n\tawaiting a promise gort does not own/);
    assert.match(e.message, /goroutine 2 \[chan receive\]:\n\ton results \(cap 0\)/);
  });

  test("an io() await that never settles: reported after stallTimeout too (it kept the process alive forever)", async () => {
    const e = await failure(
      synctest.run(
        async () => {
          setTimeout(() => {}, 5000); // a timer waiting for the held clock
          await io(new Promise(() => {}));
        },
        { stallTimeout: 300 },
      ),
    );
    assert.ok(e instanceof synctest.SynctestError);
    assert.match(
      e.message,
      /^synctest: the bubble made no progress for \d+ms of real time: virtual time is held at 0\.000ms by awaits wrapped in io\(\), still pending/,
    );
    assert.match(e.message, /goroutine 1 \[IO wait\]:/);
  });
});

describe("wait()", () => {
  test("returns once every other goroutine is durably blocked, without moving the clock", async () => {
    const log = await synctest.run(async () => {
      const out: string[] = [];
      let done = false;
      const c = chan<number>();
      go(async () => {
        for (let i = 0; i < 1000; i++) await null; // busy with microtasks first
        out.push("worker blocked on recv");
        const v = await c.recv();
        await time.sleep(time.Second);
        done = v === 7;
      });
      await synctest.wait();
      out.push(`after wait 1: done=${done} t=${Date.now() - 946684800000}`);
      await c.send(7);
      await synctest.wait();
      out.push(`after wait 2: done=${done} t=${Date.now() - 946684800000}`);
      await time.sleep(time.Second);
      await synctest.wait();
      out.push(`after sleep: done=${done} t=${Date.now() - 946684800000}`);
      return out;
    });
    assert.deepEqual(log, [
      "worker blocked on recv",
      "after wait 1: done=false t=0",
      "after wait 2: done=false t=0",
      "after sleep: done=true t=1000",
    ]);
  });

  test("waits for a goroutine in a foreign await (real I/O) to come back and block durably", async () => {
    const got = await synctest.run(async () => {
      let read = 0;
      const c = chan<void>();
      go(async () => {
        read = (await readFile(here, "utf8")).length; // real I/O: not durably blocked meanwhile
        await c.recv();
      });
      await synctest.wait();
      const seen = read;
      await c.send();
      return [seen > 0, Date.now() - 946684800000];
    });
    assert.deepEqual(got, [true, 0]);
  });

  test("outside a bubble, wait() rejects", async () => {
    await assert.rejects(synctest.wait(), { name: "GoPanic", message: "goroutine is not in a bubble" });
  });
});
