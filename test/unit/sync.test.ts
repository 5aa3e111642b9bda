// Package sync: WaitGroup, Mutex, RWMutex, Once, OnceFunc/OnceValue, Cond, and the runtime semaphore under
// them. Every scenario runs in a fake-clock runtime at GOMAXPROCS 1 and 4 and asserts exact virtual times;
// the Go programs under test/conformance/go (waitgroup_*, mutex_handoff) are the reference for timings.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chan } from "../../src/chan.ts";
import { GoPanic, isGoPanic } from "../../src/errors.ts";
import { GoFatalError, go, Runtime } from "../../src/go.ts";
import { Sema, semacquire, semrelease, semwake } from "../../src/internal/runtime/sema.ts";
import { Cond, Mutex, Once, onceFunc, onceValue, RWMutex, WaitGroup } from "../../src/sync.ts";
import * as time from "../../src/time.ts";

const ms = time.Millisecond;

/** Runs main as the main goroutine of a fresh fake-clock runtime. */
function run<T>(procs: number, main: (rt: Runtime) => Promise<T>, seed = 1): Promise<T> {
  const rt = new Runtime({ clock: "fake", procs, seed });
  return rt.run(() => main(rt)) as Promise<T>;
}

/** Virtual ms elapsed since the runtime started. */
function vms(rt: Runtime): number {
  return (rt.nanotime() - 1) / ms;
}

const sleep = (d: number, signal?: AbortSignal) => time.sleep(d, signal);

for (const procs of [1, 4]) {
  describe(`sync (procs ${procs})`, () => {
    describe("WaitGroup", () => {
      test("wait returns when the last of N sleepers calls done, at the longest sleep", async () => {
        const log = await run(procs, async (rt) => {
          const log: string[] = [];
          const wg = new WaitGroup();
          for (const [i, d] of [30, 10, 20].entries()) {
            wg.add(1);
            go(async () => {
              await sleep(d * ms);
              log.push(`worker ${i} done at ${vms(rt)}`);
              wg.done();
            });
          }
          await wg.wait();
          log.push(`wait returned at ${vms(rt)}`);
          await wg.wait();
          log.push(`second wait at ${vms(rt)}`);
          const wg2 = new WaitGroup();
          wg2.add(2);
          go(async () => {
            await sleep(5 * ms);
            wg2.done();
            await sleep(5 * ms);
            wg2.done();
          });
          await wg2.wait();
          log.push(`wg2 wait returned at ${vms(rt)}`);
          return log;
        });
        assert.deepEqual(log, [
          "worker 1 done at 10",
          "worker 2 done at 20",
          "worker 0 done at 30",
          "wait returned at 30",
          "second wait at 30",
          "wg2 wait returned at 40",
        ]);
      });

      test("many waiters are all released by the done that reaches zero", async () => {
        const got = await run(procs, async (rt) => {
          const wg = new WaitGroup();
          wg.add(3);
          const released: number[] = [];
          const all = new WaitGroup();
          for (let i = 0; i < 5; i++) {
            all.add(1);
            go(async () => {
              await wg.wait();
              released.push(vms(rt));
              all.done();
            });
          }
          for (let i = 0; i < 3; i++) {
            await sleep(7 * ms);
            wg.done();
          }
          await all.wait();
          return released;
        });
        assert.deepEqual(got, [21, 21, 21, 21, 21]);
      });

      test("go(f) adds one and calls done when f returns (Go 1.25)", async () => {
        const at = await run(procs, async (rt) => {
          const wg = new WaitGroup();
          for (const d of [3, 9, 6]) wg.go(() => sleep(d * ms));
          assert.equal(wg.counter, 3);
          await wg.wait();
          return vms(rt);
        });
        assert.equal(at, 9);
      });

      test("negative counter panics with Go's message", async () => {
        await run(procs, async () => {
          const wg = new WaitGroup();
          wg.add(1);
          wg.done();
          assert.throws(
            () => wg.done(),
            (e: unknown) => isGoPanic(e, "sync: negative WaitGroup counter") && e.message === e.goPanic,
          );
          const wg2 = new WaitGroup();
          assert.throws(
            () => wg2.add(-1),
            (e: unknown) => isGoPanic(e, "sync: negative WaitGroup counter"),
          );
          assert.throws(() => wg2.add(0.5), TypeError);
        });
      });

      test("an unrecovered negative counter fails the runtime with Go's panic line", async () => {
        const rt = new Runtime({ clock: "fake", procs, seed: 1 });
        await assert.rejects(
          rt.run(async () => {
            const wg = new WaitGroup();
            go(() => wg.done());
            await sleep(ms);
          }),
          (e: unknown) =>
            e instanceof GoFatalError && e.report.startsWith("panic: sync: negative WaitGroup counter\n"),
        );
      });

      test("an aborted wait rejects with the reason and leaves the counter alone", async () => {
        await run(procs, async (rt) => {
          const wg = new WaitGroup();
          wg.add(1);
          const ac = new AbortController();
          go(async () => {
            await sleep(5 * ms);
            ac.abort(new Error("gave up"));
          });
          await assert.rejects(wg.wait(ac.signal), /gave up/);
          assert.equal(vms(rt), 5);
          assert.equal(wg.counter, 1);
          await assert.rejects(wg.wait(ac.signal), /gave up/); // already aborted: at once
          // The other waiter is unaffected.
          go(async () => {
            await sleep(5 * ms);
            wg.done();
          });
          await wg.wait(new AbortController().signal); // a signal that never aborts
          assert.equal(vms(rt), 10);
        });
      });

      test("a goroutine blocked in wait forever appears in the deadlock report", async () => {
        const rt = new Runtime({ clock: "fake", procs, seed: 1 });
        const err = await rt
          .run(async () => {
            const wg = new WaitGroup();
            wg.add(1);
            await wg.wait();
          })
          .then(
            () => assert.fail("run must reject"),
            (e: unknown) => e,
          );
        assert.ok(err instanceof GoFatalError);
        assert.equal(err.message, "all goroutines are asleep - deadlock!");
        assert.match(
          err.report,
          /^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \[semacquire\]:\n/,
        );
        assert.match(err.report, /on sync\.WaitGroup#\d+ \(counter 1, 1 waiting\)/);
      });
    });

    describe("Mutex", () => {
      test("waiters get the lock in arrival order; the unlocker may take it first (Go's mutex_handoff, mutex_normal_mode)", async () => {
        const log = await run(procs, async (rt) => {
          const log: string[] = [];
          const mu = new Mutex();
          const wg = new WaitGroup();
          await mu.lock();
          for (const [i, d] of [1, 2, 3].entries()) {
            wg.add(1);
            go(async () => {
              await sleep(d * ms);
              log.push(`worker ${i} wants the lock at ${vms(rt)}`);
              await mu.lock();
              log.push(`worker ${i} got the lock at ${vms(rt)}`);
              await sleep(10 * ms);
              mu.unlock();
              wg.done();
            });
          }
          await sleep(20 * ms);
          log.push(`TryLock while held: ${mu.tryLock()}`);
          mu.unlock();
          const barged = mu.tryLock();
          log.push(`main unlocked at ${vms(rt)}; TryLock right after: ${barged}`);
          if (barged) mu.unlock();
          await wg.wait();
          log.push(`all done at ${vms(rt)} TryLock: ${mu.tryLock()}`);
          return log;
        });
        assert.deepEqual(log, [
          "worker 0 wants the lock at 1",
          "worker 1 wants the lock at 2",
          "worker 2 wants the lock at 3",
          "TryLock while held: false",
          // Normal mode (oracle program mutex_normal_mode): unlock woke worker 0 without handing it the lock,
          // and the still-running unlocker takes it first.
          "main unlocked at 20; TryLock right after: true",
          "worker 0 got the lock at 20",
          "worker 1 got the lock at 30",
          "worker 2 got the lock at 40",
          "all done at 50 TryLock: true",
        ]);
      });

      test("FIFO: 20 goroutines get the lock in the order they asked for it", async () => {
        for (const seed of [1, 2, 3]) {
          const [asked, got] = await run(
            procs,
            async () => {
              const mu = new Mutex();
              const asked: number[] = [];
              const got: number[] = [];
              const wg = new WaitGroup();
              await mu.lock();
              for (let i = 0; i < 20; i++) {
                wg.add(1);
                go(async () => {
                  asked.push(i);
                  await mu.lock();
                  got.push(i);
                  await sleep(ms);
                  mu.unlock();
                  wg.done();
                });
              }
              await sleep(ms);
              mu.unlock();
              await wg.wait();
              return [asked, got];
            },
            seed,
          );
          assert.equal(asked.length, 20);
          assert.deepEqual(got, asked);
        }
      });

      test("mutual exclusion holds across procs with sleeps inside the critical section", async () => {
        const [max, total, at] = await run(procs, async (rt) => {
          const mu = new Mutex();
          let inside = 0;
          let max = 0;
          let total = 0;
          const wg = new WaitGroup();
          for (let g = 0; g < 8; g++) {
            wg.go(async () => {
              for (let k = 0; k < 5; k++) {
                await mu.lock();
                inside++;
                max = Math.max(max, inside);
                const v = total;
                await sleep(ms);
                total = v + 1;
                inside--;
                mu.unlock();
              }
            });
          }
          await wg.wait();
          return [max, total, vms(rt)];
        });
        assert.equal(max, 1);
        assert.equal(total, 40);
        assert.equal(at, 40); // fully serialised: 40 critical sections of 1ms
      });

      test("a goroutine looping on an uncontended lock is preempted", async () => {
        const n = await run(procs, async () => {
          const mu = new Mutex();
          const wg = new WaitGroup();
          let flag = false;
          go(() => {
            flag = true;
          });
          let n = 0;
          while (!flag && n < 100_000) {
            await mu.lock();
            mu.unlock();
            await wg.wait();
            n++;
          }
          return n;
        });
        assert.ok(n < 100_000, `never yielded (${n} iterations)`);
      });

      test("unlock of an unlocked mutex is Go's fatal error", async () => {
        await run(procs, async () => {
          const mu = new Mutex();
          assert.throws(
            () => mu.unlock(),
            (e: unknown) =>
              e instanceof GoPanic && e.goPanic === "fatal error: sync: unlock of unlocked mutex",
          );
          await mu.lock();
          mu.unlock();
          assert.throws(() => mu.unlock(), GoPanic);
        });
      });

      test("an aborted lock leaves the queue; the next waiter gets the lock", async () => {
        await run(procs, async (rt) => {
          const mu = new Mutex();
          await mu.lock();
          const ac = new AbortController();
          const order: string[] = [];
          const wg = new WaitGroup();
          wg.go(() =>
            mu.lock(ac.signal).then(
              () => order.push("a locked"),
              (e: Error) => order.push(`a: ${e.message} at ${vms(rt)}`),
            ),
          );
          wg.go(async () => {
            await sleep(ms); // b queues behind a
            await mu.lock();
            order.push(`b locked at ${vms(rt)}`);
            mu.unlock();
          });
          go(async () => {
            await sleep(3 * ms);
            ac.abort(new Error("abort a"));
          });
          await sleep(5 * ms);
          mu.unlock();
          await wg.wait();
          assert.deepEqual(order, ["a: abort a at 3", "b locked at 5"]);
          assert.equal(mu.isLocked, false);
          await assert.rejects(mu.lock(ac.signal), /abort a/); // already aborted
          assert.equal(mu.isLocked, false);
        });
      });

      test("an abort after the hand-off is ignored: the waiter owns the lock", async () => {
        await run(procs, async () => {
          const mu = new Mutex();
          await mu.lock();
          const ac = new AbortController();
          const locked = chan<boolean>(1);
          go(async () => {
            await mu.lock(ac.signal);
            await locked.send(true);
          });
          await sleep(ms); // the goroutine is queued
          mu.unlock(); // hands the lock to the waiter
          ac.abort(new Error("too late"));
          assert.equal(await locked.recv(), true); // its lock resolved
          assert.equal(mu.isLocked, true);
          mu.unlock();
        });
      });

      test("starvation mode: hand-off, tryLock fails while it lasts, and the last waiter's abort ends it", async () => {
        await run(procs, async () => {
          const mu = new Mutex();
          await mu.lock();
          const ac = new AbortController();
          const got = chan<string>(2);
          go(async () => {
            try {
              await mu.lock(ac.signal);
              await got.send("locked");
              mu.unlock();
            } catch (e) {
              await got.send(String((e as Error).message));
            }
          });
          await sleep(5 * ms); // the waiter has waited 5 ms
          mu.unlock(); // normal mode: wakes it without the lock
          assert.equal(mu.tryLock(), true, "the unlocker takes the lock before the woken waiter runs");
          await sleep(ms); // the waiter finds it taken after > 1 ms: starvation mode, queued at the head
          assert.match(String(mu), /starving/);
          mu.unlock(); // hands the lock over
          assert.equal(mu.isLocked, true);
          assert.equal(mu.tryLock(), false, "no barging in starvation mode");
          assert.equal(await got.recv(), "locked");
          assert.equal(mu.tryLock(), true, "the last waiter took it: normal mode again");
          // A starving waiter that gives up: the mode ends with it.
          go(async () => {
            try {
              await mu.lock(ac.signal);
              await got.send("locked");
            } catch (e) {
              await got.send(String((e as Error).message));
            }
          });
          await sleep(5 * ms);
          mu.unlock();
          assert.equal(mu.tryLock(), true);
          await sleep(ms);
          assert.match(String(mu), /starving/);
          ac.abort(new Error("gave up"));
          assert.equal(await got.recv(), "gave up");
          assert.doesNotMatch(String(mu), /starving/);
          mu.unlock();
          assert.equal(mu.tryLock(), true, "free for anyone again");
          mu.unlock();
        });
      });

      test("a goroutine blocked in lock forever appears in the deadlock report", async () => {
        const rt = new Runtime({ clock: "fake", procs, seed: 1 });
        const err = await rt
          .run(async () => {
            const mu = new Mutex();
            await mu.lock();
            await mu.lock();
          })
          .catch((e: unknown) => e);
        assert.ok(err instanceof GoFatalError);
        assert.match(
          err.report,
          /goroutine 1 \[sync\.Mutex\.Lock\]:\n\ton sync\.Mutex#\d+ \(locked, 1 waiting\)/,
        );
      });
    });

    describe("RWMutex", () => {
      test("readers share; a writer waits for them and keeps new readers out", async () => {
        const log = await run(procs, async (rt) => {
          const rw = new RWMutex();
          const log: string[] = [];
          const wg = new WaitGroup();
          const reader = (name: string, start: number, hold: number) =>
            wg.go(async () => {
              await sleep(start * ms);
              await rw.rlock();
              log.push(`${name} in at ${vms(rt)}`);
              await sleep(hold * ms);
              rw.runlock();
            });
          reader("r1", 0, 10);
          reader("r2", 1, 10);
          wg.go(async () => {
            await sleep(2 * ms);
            await rw.lock();
            log.push(`w in at ${vms(rt)}`);
            await sleep(5 * ms);
            rw.unlock();
          });
          reader("r3", 3, 1); // queues behind the pending writer
          reader("r4", 4, 1);
          await wg.wait();
          log.push(`end at ${vms(rt)}`);
          return log;
        });
        // r3 and r4 get in together; which of the two readied goroutines runs first is up to the scheduler.
        assert.deepEqual(log.slice(0, 3), ["r1 in at 0", "r2 in at 1", "w in at 11"]);
        assert.deepEqual(log.slice(3, 5).sort(), ["r3 in at 16", "r4 in at 16"]);
        assert.equal(log[5], "end at 17");
      });

      test("tryLock, tryRLock and misuse", async () => {
        await run(procs, async () => {
          const rw = new RWMutex();
          assert.equal(rw.tryRLock(), true);
          assert.equal(rw.tryLock(), false);
          assert.equal(rw.tryRLock(), true);
          rw.runlock();
          rw.runlock();
          assert.throws(
            () => rw.runlock(),
            (e: unknown) => isGoPanic(e, "fatal error: sync: RUnlock of unlocked RWMutex"),
          );
          assert.throws(
            () => rw.unlock(),
            (e: unknown) => isGoPanic(e, "fatal error: sync: Unlock of unlocked RWMutex"),
          );
          assert.equal(rw.tryLock(), true);
          assert.equal(rw.tryRLock(), false);
          assert.equal(rw.tryLock(), false);
          rw.unlock();
          const rl = rw.rLocker();
          await rl.lock();
          assert.equal(rw.tryLock(), false);
          rl.unlock();
          assert.equal(rw.tryLock(), true);
          rw.unlock();
        });
      });

      test("a pending writer that aborts lets the readers queued behind it in", async () => {
        await run(procs, async (rt) => {
          const rw = new RWMutex();
          await rw.rlock();
          const ac = new AbortController();
          const w = chan<string>(1);
          go(async () => {
            await w.send(
              await rw.lock(ac.signal).then(
                () => "locked",
                (e: Error) => `${e.message} at ${vms(rt)}`,
              ),
            );
          });
          const readerIn = chan<number>(1);
          go(async () => {
            await sleep(ms);
            await rw.rlock(); // queues behind the pending writer
            await readerIn.send(vms(rt));
            rw.runlock();
          });
          await sleep(4 * ms);
          ac.abort(new Error("writer gave up"));
          assert.equal(await w.recv(), "writer gave up at 4");
          assert.equal(await readerIn.recv(), 4);
          rw.runlock();
          assert.equal(rw.tryLock(), true);
          rw.unlock();
        });
      });

      test("a reader that aborts while queued behind a writer is no longer counted", async () => {
        await run(procs, async (rt) => {
          const rw = new RWMutex();
          await rw.lock();
          const ac = new AbortController();
          const r = chan<string>(1);
          go(async () => {
            await r.send(
              await rw.rlock(ac.signal).then(
                () => "in",
                (e: Error) => `${e.message} at ${vms(rt)}`,
              ),
            );
          });
          await sleep(ms);
          ac.abort(new Error("reader gave up"));
          assert.equal(await r.recv(), "reader gave up at 1");
          assert.equal(String(rw).endsWith("(0 readers, write-locked)"), true, String(rw));
          rw.unlock();
          assert.equal(rw.tryLock(), true, "no permit or reader left behind");
          rw.unlock();
          assert.equal(rw.tryRLock(), true);
          rw.runlock();
        });
      });

      test("writers are served in order, readers between them get in together", async () => {
        const log = await run(procs, async (rt) => {
          const rw = new RWMutex();
          const log: string[] = [];
          const wg = new WaitGroup();
          await rw.lock();
          for (const [i, name] of ["w1", "w2"].entries())
            wg.go(async () => {
              await sleep((i * ms) / 2); // w1 asks first
              await rw.lock();
              log.push(`${name} at ${vms(rt)}`);
              await sleep(2 * ms);
              rw.unlock();
            });
          await sleep(ms);
          for (const name of ["r1", "r2"])
            wg.go(async () => {
              await rw.rlock();
              log.push(`${name} at ${vms(rt)}`);
              await sleep(3 * ms);
              rw.runlock();
            });
          await sleep(ms);
          rw.unlock();
          await wg.wait();
          return log;
        });
        // Main's unlock lets in the queued readers, then w1 (which waits for them), then w2.
        assert.deepEqual(log.slice(0, 2).sort(), ["r1 at 2", "r2 at 2"]);
        assert.deepEqual(log.slice(2), ["w1 at 5", "w2 at 7"]);
      });
    });

    describe("Once", () => {
      test("runs f once; concurrent callers wait until an async f has finished", async () => {
        const [calls, returned] = await run(procs, async (rt) => {
          const once = new Once();
          let calls = 0;
          const returned: string[] = [];
          const wg = new WaitGroup();
          for (let i = 0; i < 4; i++)
            wg.go(async () => {
              await sleep(i * ms);
              await once.do(async () => {
                calls++;
                await sleep(10 * ms);
              });
              returned.push(`${i} at ${vms(rt)}`);
            });
          await wg.wait();
          await once.do(() => calls++);
          assert.equal(once.done, true);
          return [calls, returned];
        });
        assert.equal(calls, 1);
        assert.deepEqual(returned, ["0 at 10", "1 at 10", "2 at 10", "3 at 10"]);
      });

      test("a synchronous f runs synchronously when uncontended", async () => {
        await run(procs, async () => {
          const once = new Once();
          let ran = false;
          const p = once.do(() => {
            ran = true;
          });
          assert.equal(ran, true);
          assert.equal(once.done, true);
          await p;
        });
      });

      test("if f throws, the caller gets the error and the Once is done (as in Go)", async () => {
        await run(procs, async () => {
          const once = new Once();
          const boom = new Error("boom");
          await assert.rejects(
            once.do(() => {
              throw boom;
            }),
            boom,
          );
          let again = false;
          await once.do(() => {
            again = true;
          });
          assert.equal(again, false);
          const o2 = new Once();
          await assert.rejects(
            o2.do(() => Promise.reject(boom)),
            boom,
          );
          assert.equal(o2.done, true);
        });
      });

      test("callers blocked on a running Once show sync.Mutex.Lock in a deadlock report", async () => {
        const rt = new Runtime({ clock: "fake", procs, seed: 1 });
        const err = await rt
          .run(async () => {
            const once = new Once();
            await once.do(() => once.do(() => {})); // Go: deadlock
          })
          .catch((e: unknown) => e);
        assert.ok(err instanceof GoFatalError);
        assert.match(err.report, /goroutine 1 \[sync\.Mutex\.Lock\]/);
      });

      test("onceFunc and onceValue", async () => {
        await run(procs, async (rt) => {
          let n = 0;
          const v = onceValue(async () => {
            n++;
            await sleep(3 * ms);
            return 42;
          });
          const results = chan<number>(3);
          for (let i = 0; i < 3; i++) go(async () => results.send(await v()));
          for (let i = 0; i < 3; i++) assert.equal(await results.recv(), 42);
          assert.equal(await v(), 42);
          assert.equal(n, 1);
          assert.equal(vms(rt), 3);
          const boom = new Error("boom");
          let m = 0;
          const f = onceFunc(() => {
            m++;
            throw boom;
          });
          await assert.rejects(f(), boom);
          await assert.rejects(f(), boom); // the same panic on every call
          assert.equal(m, 1);
        });
      });
    });

    describe("Cond", () => {
      test("signal wakes waiters one at a time in FIFO order; broadcast wakes all", async () => {
        const log = await run(procs, async (rt) => {
          const mu = new Mutex();
          const cond = new Cond(mu);
          const log: string[] = [];
          let ready = 0;
          const wg = new WaitGroup();
          for (let i = 0; i < 4; i++)
            wg.go(async () => {
              await sleep(i * ms); // arrive in order 0, 1, 2, 3
              await mu.lock();
              while (ready === 0) await cond.wait();
              ready--;
              log.push(`${i} woke at ${vms(rt)}`);
              mu.unlock();
            });
          await sleep(10 * ms);
          await mu.lock();
          ready = 1;
          cond.signal();
          mu.unlock();
          await sleep(2 * ms);
          await mu.lock();
          ready = 1;
          cond.signal();
          mu.unlock();
          await sleep(3 * ms);
          await mu.lock();
          ready = 2;
          cond.broadcast();
          mu.unlock();
          await wg.wait();
          cond.signal(); // nobody waits: lost, as in Go
          return log;
        });
        assert.deepEqual(log.slice(0, 2), ["0 woke at 10", "1 woke at 12"]);
        // Broadcast wakes both; they then take the mutex in the order the scheduler runs them.
        assert.deepEqual(log.slice(2).sort(), ["2 woke at 15", "3 woke at 15"]);
      });

      test("an aborted wait relocks L before rejecting", async () => {
        await run(procs, async (rt) => {
          const mu = new Mutex();
          const cond = new Cond(mu);
          await mu.lock();
          const ac = new AbortController();
          go(async () => {
            await sleep(2 * ms);
            await mu.lock(); // cond.wait released it
            ac.abort(new Error("stop waiting"));
            await sleep(ms);
            mu.unlock();
          });
          await assert.rejects(cond.wait(ac.signal), /stop waiting/);
          assert.equal(vms(rt), 3); // relocked once the aborting goroutine unlocked
          assert.equal(mu.isLocked, true);
          mu.unlock();
        });
      });

      test("a goroutine blocked in wait forever shows sync.Cond.Wait", async () => {
        const rt = new Runtime({ clock: "fake", procs, seed: 1 });
        const err = await rt
          .run(async () => {
            const mu = new Mutex();
            const cond = new Cond(mu);
            await mu.lock();
            await cond.wait();
          })
          .catch((e: unknown) => e);
        assert.ok(err instanceof GoFatalError);
        assert.match(err.report, /goroutine 1 \[sync\.Cond\.Wait\]/);
      });
    });
  });
}

describe("runtime semaphore", () => {
  test("permits, FIFO hand-off and verify", async () => {
    await run(1, async (rt) => {
      const s = new Sema(1);
      await semacquire(s, "semacquire", s); // a permit: no park
      assert.equal(s.count, 0);
      const order: number[] = [];
      const wg = new WaitGroup();
      for (const i of [1, 2, 3])
        wg.go(async () => {
          await time.sleep(i * ms); // queue in order 1, 2, 3
          await semacquire(s, "semacquire", s);
          order.push(i);
        });
      await time.sleep(4 * ms);
      assert.equal(s.nwait, 3);
      s.verify();
      assert.equal(semrelease(s), true); // handed to waiter 1: count stays 0 (m3)
      assert.equal(s.count, 0);
      await time.sleep(ms);
      assert.equal(semwake(s), true); // waiter 2, without a permit: it finds none and queues again, last
      await time.sleep(ms);
      assert.equal(s.nwait, 2);
      assert.equal(semrelease(s), true); // waiter 3
      assert.equal(semrelease(s), true); // waiter 2
      assert.equal(semrelease(s), false); // nobody waits: the permit is stored
      assert.equal(s.count, 1);
      await wg.wait();
      assert.deepEqual(order, [1, 2, 3]); // 3 readied first, then 2, which takes runnext and runs first
      assert.equal(semwake(s), false);
      s.verify();
      assert.equal(vms(rt), 6);
    });
  });

  test("verify catches a stored permit while someone waits (m3)", async () => {
    await run(1, async () => {
      const s = new Sema();
      const wg = new WaitGroup();
      wg.go(() => semacquire(s, "semacquire", s));
      await time.sleep(ms);
      s.count = 1; // corrupt
      assert.throws(() => s.verify(), /m3/);
      s.count = 0;
      semrelease(s);
      await wg.wait();
    });
  });
});

describe("Mutex and WaitGroup: Go's permits without hand-off (procs 1)", () => {
  test("a woken Mutex waiter that lost its permit to a newcomer and then aborts leaves the state right", async () => {
    await run(1, async (rt) => {
      const m = new Mutex();
      await m.lock();
      const ac = new AbortController();
      const first = chan<string>(1);
      go(async () => {
        await first.send(
          await m.lock(ac.signal).then(
            () => "first in",
            (e: Error) => `first: ${e.message} at ${vms(rt)}`,
          ),
        );
      });
      const kick = chan<void>();
      const log: string[] = [];
      const wg = new WaitGroup();
      wg.go(async () => {
        await kick.recv();
        await m.lock();
        log.push(`newcomer in at ${vms(rt)}`);
        m.unlock();
      });
      await sleep(ms);
      m.unlock(); // wakes the first waiter with a permit it does not hold yet
      assert.equal(m.tryLock(), true);
      await kick.send(); // the newcomer runs first and takes that permit
      await sleep(ms);
      ac.abort(new Error("gave up")); // the first waiter queued again: it can still give up
      assert.equal(await first.recv(), "first: gave up at 2");
      m.unlock();
      await wg.wait();
      assert.deepEqual(log, ["newcomer in at 2"]);
      assert.equal(String(m).includes("(unlocked, 0 waiting"), true, String(m));
      assert.equal(m.tryLock(), true);
      m.unlock();
    });
  });

  test("a WaitGroup waiter that lost its permit to a reusing wait and then aborts leaves the state right", async () => {
    await run(1, async (rt) => {
      const wg = new WaitGroup();
      wg.add(1);
      const ac = new AbortController();
      const old = chan<string>(1);
      go(async () => {
        await old.send(
          await wg.wait(ac.signal).then(
            () => "returned",
            (e: Error) => `${e.message} at ${vms(rt)}`,
          ),
        );
      });
      await sleep(ms);
      wg.done(); // releases the old waiter's permit
      wg.add(1);
      await assert.rejects(wg.wait(), (e: unknown) =>
        isGoPanic(e, "sync: WaitGroup is reused before previous Wait has returned"),
      );
      await sleep(ms);
      ac.abort(new Error("gave up"));
      assert.equal(await old.recv(), "gave up at 2");
      wg.done();
      assert.equal(wg.counter, 0);
      await wg.wait(); // a zero counter: at once
    });
  });
});

describe("RWMutex: Go's permits without hand-off (procs 1)", () => {
  test("a released reader that lost its permit to a newcomer and then aborts leaves the counts right", async () => {
    await run(1, async (rt) => {
      const rw = new RWMutex();
      const log: string[] = [];
      await rw.lock();
      const ac = new AbortController();
      const early = chan<string>(1);
      go(async () => {
        await early.send(
          await rw.rlock(ac.signal).then(
            () => "early in",
            (e: Error) => `early: ${e.message} at ${vms(rt)}`,
          ),
        );
      });
      const wg = new WaitGroup();
      wg.go(async () => {
        await rw.lock();
        log.push(`writer in at ${vms(rt)}`);
        rw.unlock();
      });
      wg.go(async () => {
        await sleep(10 * ms); // its timer is due just before main's: it runs after main and the writer
        await rw.rlock();
        log.push(`late in at ${vms(rt)}`);
        await sleep(2 * ms);
        rw.runlock();
      });
      await sleep(ms);
      await sleep(9 * ms);
      rw.unlock(); // a permit for the early reader; the writer announces itself; the late reader takes it
      await sleep(ms);
      assert.deepEqual(log, ["late in at 10"]);
      ac.abort(new Error("gave up")); // the early reader queued again: it can still give up
      assert.equal(await early.recv(), "early: gave up at 11");
      await wg.wait(); // the late reader's runlock lets the writer in
      assert.deepEqual(log, ["late in at 10", "writer in at 12"]);
      assert.equal(rw.tryLock(), true, "no reader counted any more");
      rw.unlock();
    });
  });
});

test("the sync names are also a namespace of gort's main module, as Go spells them (sync.WaitGroup)", async () => {
  const gort = await import("../../src/index.ts");
  const sync = await import("../../src/sync.ts");
  assert.deepEqual(Object.keys(gort.sync).sort(), Object.keys(sync).sort());
  assert.equal(gort.sync.WaitGroup, gort.WaitGroup);
  assert.equal(gort.sync.Mutex, Mutex);
  const rt = new gort.Runtime({ clock: "fake" });
  const waited = await rt.run(async () => {
    const wg = new gort.sync.WaitGroup();
    wg.add(1);
    gort.go(async () => {
      await time.sleep(5 * ms);
      wg.done();
    });
    await wg.wait();
    return vms(rt);
  });
  assert.equal(waited, 5);
});
