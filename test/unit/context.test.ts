// Package context: cancellation trees, deadlines on virtual time, values, causes, AfterFunc, and the
// AbortSignal bridges. Every scenario runs in a fake-clock runtime at GOMAXPROCS 1 and 4 and asserts exact
// virtual times; the Go programs test/conformance/go/context_* are the reference for the timings.
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { describe, test } from "node:test";
import { chan, type ReceiveChan } from "../../src/chan.ts";
import * as context from "../../src/context.ts";
import { isGoPanic } from "../../src/errors.ts";
import { GoFatalError, go, numGoroutine, Runtime } from "../../src/go.ts";
import { recv, select, trySelect } from "../../src/select.ts";
import { WaitGroup } from "../../src/sync.ts";
import * as time from "../../src/time.ts";

const ms = time.Millisecond;
const { Canceled, DeadlineExceeded } = context;

function run<T>(procs: number, main: (rt: Runtime) => Promise<T>, seed = 1): Promise<T> {
  const rt = new Runtime({ clock: "fake", procs, seed });
  return rt.run(() => main(rt)) as Promise<T>;
}

/** Virtual ms since the runtime started. */
function vms(rt: Runtime): number {
  return (rt.nanotime() - 1) / ms;
}

/** Whether c is closed (a receive is ready). */
function isClosed(c: ReceiveChan<void> | null): boolean {
  return c !== null && trySelect([recv(c)] as const) !== null;
}

for (const procs of [1, 4]) {
  describe(`context (procs ${procs})`, () => {
    test("background and todo are never done", async () => {
      await run(procs, async () => {
        for (const ctx of [context.background(), context.todo()]) {
          assert.equal(ctx.done(), null);
          assert.equal(ctx.err(), null);
          assert.equal(ctx.deadline().ok, false);
          assert.equal(ctx.deadline().deadline.isZero(), true);
          assert.equal(ctx.value("k"), undefined);
          assert.equal(ctx.signal.aborted, false);
          assert.equal(context.cause(ctx), null);
        }
        assert.equal(String(context.background()), "context.Background");
        assert.equal(String(context.todo()), "context.TODO");
      });
    });

    test("withTimeout(50ms): done closes at exactly 50ms with DeadlineExceeded", async () => {
      const log = await run(procs, async (rt) => {
        const log: string[] = [];
        const start = time.now();
        const [ctx, cancel] = context.withTimeout(context.background(), 50 * ms);
        const dl = ctx.deadline();
        log.push(`deadline ${time.durationString(dl.deadline.sub(start))} ${dl.ok} err ${ctx.err()}`);
        const r = await select([recv(ctx.done()), recv(time.after(20 * ms))] as const);
        log.push(r.index === 0 ? "done early" : `still running at ${vms(rt)} err ${ctx.err()}`);
        await ctx.done()!.recv();
        log.push(`done at ${vms(rt)}`);
        assert.equal(ctx.err(), DeadlineExceeded);
        assert.equal(context.cause(ctx), DeadlineExceeded);
        cancel();
        assert.equal(ctx.err(), DeadlineExceeded, "cancel after the deadline changes nothing");
        return log;
      });
      assert.deepEqual(log, ["deadline 50ms true err null", "still running at 20 err null", "done at 50"]);
    });

    test("DeadlineExceeded and Canceled: Go's messages, web-platform names", () => {
      assert.equal(DeadlineExceeded.message, "context deadline exceeded");
      assert.equal(DeadlineExceeded.name, "TimeoutError");
      assert.equal(DeadlineExceeded.timeout(), true);
      assert.equal(DeadlineExceeded.temporary(), true);
      assert.ok(DeadlineExceeded instanceof context.DeadlineExceededError);
      assert.equal(Canceled.message, "context canceled");
      assert.equal(Canceled.name, "AbortError");
    });

    test("nested timeouts: the shorter of parent and child wins", async () => {
      const log = await run(procs, async (rt) => {
        const log: string[] = [];
        const [parent, cancelP] = context.withTimeout(context.background(), 50 * ms);
        const [child, cancelC] = context.withTimeout(parent, 20 * ms);
        await child.done()!.recv();
        log.push(`child done at ${vms(rt)}: ${child.err()?.message}; parent ${parent.err()}`);
        await parent.done()!.recv();
        log.push(`parent done at ${vms(rt)}: ${parent.err()?.message}`);
        cancelC();
        cancelP();

        const mark = time.now();
        const [p2, cancelP2] = context.withTimeout(context.background(), 10 * ms);
        const [c2, cancelC2] = context.withTimeout(p2, 30 * ms);
        log.push(`child reports deadline ${time.durationString(c2.deadline().deadline.sub(mark))}`);
        await c2.done()!.recv();
        log.push(`child done after ${time.durationString(time.since(mark))}: ${c2.err()?.message}`);
        assert.equal(c2.err(), DeadlineExceeded);
        assert.equal(p2.err(), DeadlineExceeded);
        cancelC2();
        cancelP2();
        return log;
      });
      assert.deepEqual(log, [
        "child done at 20: context deadline exceeded; parent null",
        "parent done at 50: context deadline exceeded",
        "child reports deadline 10ms",
        "child done after 10ms: context deadline exceeded",
      ]);
    });

    test("cancel propagates to children and grandchildren, not to the parent", async () => {
      const log = await run(procs, async (rt) => {
        const log: string[] = [];
        const [parent, cancelParent] = context.withCancel(context.background());
        const [child1, cancel1] = context.withCancel(parent);
        const [child2, cancel2] = context.withTimeout(parent, time.Hour);
        const [grandchild, cancel3] = context.withCancel(withValueChain(child1));
        const [sibling, cancelSibling] = context.withCancel(parent);
        cancelSibling();
        log.push(`sibling ${sibling.err()?.message}, parent ${parent.err()}`);
        const wg = new WaitGroup();
        const results = new Map<string, string>();
        for (const [name, c] of [
          ["child1", child1],
          ["child2", child2],
          ["grandchild", grandchild],
        ] as const)
          wg.go(async () => {
            await c.done()!.recv();
            results.set(name, `${name} done at ${vms(rt)}: ${c.err()?.message}`);
          });
        await time.sleep(10 * ms);
        cancelParent();
        await wg.wait();
        for (const name of ["child1", "child2", "grandchild"]) log.push(results.get(name)!);
        log.push(`parent ${parent.err()?.message}, cause ${(context.cause(parent) as Error).message}`);
        cancel1();
        cancel2();
        cancel3();
        return log;
      });
      assert.deepEqual(log, [
        "sibling context canceled, parent null",
        "child1 done at 10: context canceled",
        "child2 done at 10: context canceled",
        "grandchild done at 10: context canceled",
        "parent context canceled, cause context canceled",
      ]);
    });

    test("a child of an already-cancelled parent is cancelled at once", async () => {
      await run(procs, async () => {
        const [parent, cancel] = context.withCancelCause(context.background());
        const why = new Error("why");
        cancel(why);
        const [c1] = context.withCancel(parent);
        const [c2] = context.withTimeout(parent, time.Hour);
        const c3 = context.withValue(parent, "k", 1);
        for (const c of [c1, c2, c3]) {
          assert.equal(c.err(), Canceled);
          assert.equal(context.cause(c), why);
          assert.equal(isClosed(c.done()), true);
          assert.equal(c.signal.aborted, true);
          assert.equal(c.signal.reason, Canceled);
        }
      });
    });

    test("past deadlines and timeouts <= 0 are done at once", async () => {
      await run(procs, async (rt) => {
        const start = time.now();
        await time.sleep(10 * ms);
        const [ctx, cancel] = context.withDeadline(context.background(), start);
        assert.equal(isClosed(ctx.done()), true);
        assert.equal(ctx.err(), DeadlineExceeded);
        cancel();
        assert.equal(ctx.err(), DeadlineExceeded);
        const [ctx2] = context.withTimeout(context.background(), 0);
        assert.equal(ctx2.err(), DeadlineExceeded);
        const [ctx3] = context.withTimeout(context.background(), -time.Second);
        await ctx3.done()!.recv();
        assert.equal(ctx3.err(), DeadlineExceeded);
        assert.equal(vms(rt), 10);
      });
    });

    test("a later deadline under an earlier parent is plain withCancel", async () => {
      await run(procs, async (rt) => {
        const [parent] = context.withTimeout(context.background(), 10 * ms);
        const [child, cancel] = context.withTimeout(parent, 30 * ms);
        assert.ok(child.deadline().deadline.equal(parent.deadline().deadline));
        assert.match(String(child), /\.WithDeadline\(.*\)\.WithCancel$/);
        await child.done()!.recv();
        assert.equal(vms(rt), 10);
        cancel();
      });
    });

    test("cancel stops the deadline timer: virtual time does not jump to it", async () => {
      const rt = new Runtime({ clock: "fake", procs, seed: 1 });
      const err = await rt
        .run(async () => {
          const [ctx, cancel] = context.withTimeout(context.background(), time.Hour);
          await time.sleep(5 * ms);
          cancel();
          assert.equal(ctx.err(), Canceled);
          await chan<void>().recv(); // blocks forever: only a live timer could move the clock now
        })
        .catch((e: unknown) => e);
      assert.ok(err instanceof GoFatalError, "deadlock");
      assert.equal(vms(rt), 5);
    });

    test("withCancelCause and withTimeoutCause", async () => {
      await run(procs, async (rt) => {
        const [ctx, cancel] = context.withCancelCause(context.background());
        assert.equal(context.cause(ctx), null);
        const shut = new Error("shutting down");
        cancel(shut);
        cancel(new Error("second cause is ignored"));
        assert.equal(ctx.err(), Canceled);
        assert.equal(context.cause(ctx), shut);
        assert.equal(context.cause(context.withValue(ctx, "k", "v")), shut);

        const [c2, cancel2] = context.withCancelCause(context.background());
        cancel2();
        assert.equal(context.cause(c2), Canceled);

        const slow = new Error("too slow");
        const [t, tcancel] = context.withTimeoutCause(context.background(), 15 * ms, slow);
        await t.done()!.recv();
        assert.equal(vms(rt), 15);
        assert.equal(t.err(), DeadlineExceeded);
        assert.equal(context.cause(t), slow);
        tcancel();
        assert.equal(context.cause(t), slow);
      });
    });

    test("afterFunc runs f in a goroutine when ctx is done; stop", async () => {
      const log = await run(procs, async (rt) => {
        const log: string[] = [];
        const [ctx, cancel] = context.withCancelCause(context.background());
        const ranAt = chan<number>(1);
        const stop = context.afterFunc(ctx, () => ranAt.send(vms(rt)));
        await time.sleep(10 * ms);
        cancel(new Error("shutting down"));
        log.push(`AfterFunc ran at ${await ranAt.recv()}`);
        await time.sleep(ms);
        log.push(`stop after it ran: ${stop()}`);

        const [c2, cancel2] = context.withCancel(context.background());
        let ran = false;
        const stop2 = context.afterFunc(c2, () => {
          ran = true;
        });
        log.push(`stop before cancel: ${stop2()}, again: ${stop2()}`);
        cancel2();
        await time.sleep(ms);
        log.push(`ran: ${ran}`);

        // On an already-cancelled context, f starts at once.
        const at = chan<number>(1);
        context.afterFunc(c2, () => at.send(vms(rt)));
        log.push(`immediate at ${await at.recv()}`);
        return log;
      });
      assert.deepEqual(log, [
        "AfterFunc ran at 10",
        "stop after it ran: false",
        "stop before cancel: true, again: false",
        "ran: false",
        "immediate at 12",
      ]);
    });

    test("values: nearest wins, pass through cancel contexts, nil key panics", async () => {
      await run(procs, async () => {
        const k1 = Symbol("k1");
        const k2 = { name: "k2" };
        const a = context.withValue(context.background(), k1, "a");
        const [b, cancel] = context.withCancel(a);
        const c = context.withValue(b, k2, 2);
        const d = context.withValue(c, k1, "d");
        assert.equal(c.value(k1), "a");
        assert.equal(d.value(k1), "d");
        assert.equal(d.value(k2), 2);
        assert.equal(b.value(k2), undefined);
        assert.equal(d.value({ name: "k2" }), undefined, "keys compare by identity");
        assert.throws(
          () => context.withValue(a, null, 1),
          (e: unknown) => isGoPanic(e, "nil key"),
        );
        assert.throws(
          () => d.value(undefined),
          (e: unknown) => isGoPanic(e, "nil key"),
        );
        assert.throws(
          () => context.withCancel(null as unknown as context.Context),
          (e: unknown) => isGoPanic(e, "cannot create context from nil parent"),
        );
        assert.equal(
          String(c),
          "context.Background.WithValue(Symbol(k1), a).WithCancel.WithValue(Object, number)",
        );
        // Go prints a value that is not a Stringer or a string by its type's name.
        const typed = [[1], true, 5n, () => {}, new Map(), Object.create(null), new Date(0)].map((v) =>
          String(context.withValue(context.background(), "k", v)).replace(
            "context.Background.WithValue(k, ",
            "",
          ),
        );
        assert.deepEqual(typed.slice(0, 6), [
          "Array)",
          "boolean)",
          "bigint)",
          "function)",
          "Map)",
          "Object)",
        ]);
        assert.equal(typed[6], `${String(new Date(0))})`); // a toString of its own: the Stringer
        cancel();
        assert.equal(d.err(), Canceled);
      });
    });

    test("withoutCancel keeps values, drops cancellation and deadline", async () => {
      await run(procs, async () => {
        const [p, cancel] = context.withTimeout(context.withValue(context.background(), "k", 1), time.Second);
        const w = context.withoutCancel(p);
        cancel();
        assert.equal(p.err(), Canceled);
        assert.equal(w.err(), null);
        assert.equal(w.done(), null);
        assert.equal(w.deadline().ok, false);
        assert.equal(w.value("k"), 1);
        assert.equal(context.cause(w), null);
        const [c] = context.withCancel(w);
        assert.equal(c.err(), null, "a child of withoutCancel is not cancelled by the original parent");
      });
    });

    test("ctx.signal: blocking calls take it; it aborts with err() at the cancel instant", async () => {
      await run(procs, async (rt) => {
        const [ctx, cancel] = context.withCancel(context.background());
        const jobs = chan<number>();
        go(async () => {
          await time.sleep(7 * ms);
          cancel();
        });
        await assert.rejects(jobs.recv(ctx.signal), (e: unknown) => e === Canceled);
        assert.equal(vms(rt), 7);
        assert.equal(ctx.signal.aborted, true);
        assert.equal(ctx.signal.reason, Canceled);

        // Created after cancellation: aborted already.
        const [ctx2, cancel2] = context.withCancel(context.background());
        cancel2();
        assert.equal(ctx2.signal.aborted, true);

        // A deadline aborts the signal with DeadlineExceeded, on virtual time.
        const [t, tcancel] = context.withTimeout(context.background(), 50 * ms);
        await assert.rejects(time.sleep(time.Hour, t.signal), (e: unknown) => e === DeadlineExceeded);
        assert.equal(vms(rt), 57);
        tcancel();

        // Same signal object every time; a value context shares its parent's.
        const [c3, cancel3] = context.withCancel(context.background());
        assert.equal(c3.signal, c3.signal);
        assert.equal(context.withValue(c3, "k", 1).signal, c3.signal);
        cancel3();
      });
    });

    test("fromSignal: aborting the signal cancels the context, reason as cause", async () => {
      await run(procs, async (rt) => {
        const ac = new AbortController();
        const ctx = context.fromSignal(ac.signal);
        const [child, cancelChild] = context.withCancel(ctx);
        assert.equal(ctx.err(), null);
        go(async () => {
          await time.sleep(4 * ms);
          ac.abort("client went away");
        });
        await child.done()!.recv();
        assert.equal(vms(rt), 4);
        assert.equal(ctx.err(), Canceled);
        assert.equal(context.cause(ctx), "client went away");
        assert.equal(context.cause(child), "client went away");
        assert.equal(getEventListeners(ac.signal, "abort").length, 0);
        cancelChild();

        // Already aborted.
        const pre = context.fromSignal(AbortSignal.abort(new Error("early")));
        assert.equal(pre.err(), Canceled);
        assert.equal((context.cause(pre) as Error).message, "early");

        // A timeout reason maps to DeadlineExceeded.
        const tac = new AbortController();
        const tctx = context.fromSignal(tac.signal);
        tac.abort(new DOMException("timed out", "TimeoutError"));
        assert.equal(tctx.err(), DeadlineExceeded);

        // Round trip: a context's own signal.
        const [src, cancelSrc] = context.withTimeout(context.background(), 3 * ms);
        const back = context.fromSignal(src.signal);
        await back.done()!.recv();
        assert.equal(back.err(), DeadlineExceeded);
        assert.equal(vms(rt), 7);
        cancelSrc();
      });
    });

    test("fromSignal under a parent: the parent's cancel detaches the listener", async () => {
      await run(procs, async () => {
        const ac = new AbortController();
        const [parent, cancel] = context.withCancel(context.background());
        const ctx = context.fromSignal(ac.signal, parent);
        assert.equal(getEventListeners(ac.signal, "abort").length, 1);
        cancel();
        assert.equal(ctx.err(), Canceled);
        assert.equal(getEventListeners(ac.signal, "abort").length, 0);
        ac.abort("late");
        assert.equal(context.cause(ctx), Canceled);
      });
    });

    test("a foreign Context implementation as parent is watched by a goroutine", async () => {
      await run(procs, async (rt) => {
        const [inner, cancelInner] = context.withCancel(context.background());
        const own = chan<void>();
        // Wraps inner with its own done channel, so the standard tree cannot link through it.
        const foreign: context.Context = {
          deadline: () => inner.deadline(),
          done: () => own,
          err: () => (own.hchan.closed ? Canceled : null),
          value: (k) => inner.value(k),
          get signal() {
            return inner.signal;
          },
        };
        const [child, cancelChild] = context.withCancel(foreign);
        go(async () => {
          await time.sleep(6 * ms);
          own.close();
        });
        await child.done()!.recv();
        assert.equal(vms(rt), 6);
        assert.equal(child.err(), Canceled);
        assert.equal(context.cause(child), Canceled);
        cancelChild();
        cancelInner();
      });
    });

    test("a goroutine blocked on <-ctx.Done() of a never-cancelled context deadlocks", async () => {
      const rt = new Runtime({ clock: "fake", procs, seed: 1 });
      const err = await rt
        .run(async () => {
          const [ctx] = context.withCancel(context.background());
          await ctx.done()!.recv();
        })
        .catch((e: unknown) => e);
      assert.ok(err instanceof GoFatalError);
      assert.match(err.report, /goroutine 1 \[chan receive\]:\n\ton context\.Background\.WithCancel\.done/);
    });
  });
}

/** A few value layers, so the grandchild's link to child1 goes through non-cancel contexts. */
function withValueChain(c: context.Context): context.Context {
  return context.withValue(context.withValue(c, "a", 1), "b", 2);
}

describe("a parent Context with an afterFunc method (Go's afterFuncer)", () => {
  /** A foreign Context over base that can run a function once done, logging its calls. */
  class Custom implements context.Context {
    readonly log: string[] = [];
    constructor(readonly base: context.Context) {}
    deadline() {
      return this.base.deadline();
    }
    done() {
      return this.base.done();
    }
    err() {
      return this.base.err();
    }
    value(k: unknown) {
      return this.base.value(k);
    }
    get signal() {
      return this.base.signal;
    }
    afterFunc(f: () => void): () => boolean {
      this.log.push("afterFunc");
      const stop = context.afterFunc(this.base, f);
      return () => {
        this.log.push("stop");
        return stop();
      };
    }
  }
  /** A foreign Context with its own done channel, so the standard ancestor cannot be found through it. */
  class Own extends Custom {
    readonly d = chan<void>();
    override done() {
      return this.d;
    }
    override err() {
      return this.d.tryRecv() !== null ? context.Canceled : null;
    }
  }

  test("derived contexts use it instead of a watcher goroutine; cancelling them stops it; its firing cancels them", async () => {
    await run(1, async () => {
      const [base, cancelBase] = context.withCancel(context.background());
      const p = new Own(base);
      const before = numGoroutine();
      const [child, cancel] = context.withCancel(p);
      const stopF = context.afterFunc(p, () => {});
      assert.equal(numGoroutine(), before, "no watcher goroutines");
      assert.deepEqual(p.log, ["afterFunc", "afterFunc"]);
      cancel();
      assert.deepEqual(p.log, ["afterFunc", "afterFunc", "stop"]);
      assert.equal(stopF(), true);
      assert.deepEqual(p.log, ["afterFunc", "afterFunc", "stop", "stop"]);
      const [child2, cancel2] = context.withCancel(p);
      p.d.close();
      cancelBase(); // base's afterFunc runs the cancellation of child2
      await child2.done()?.recv();
      assert.equal(child2.err(), Canceled);
      assert.equal(child.err(), Canceled);
      cancel2();
    });
  });

  test("a parent whose done channel leads to a standard ancestor joins it, as before (no afterFunc call)", async () => {
    await run(1, async () => {
      const [base, cancelBase] = context.withCancel(context.background());
      const p = new Custom(base);
      const [child] = context.withCancel(p);
      assert.deepEqual(p.log, []);
      cancelBase();
      assert.equal(child.err(), Canceled);
    });
  });
});

test("a done channel is named after its context when a report asks, not when it is made", async () => {
  // Naming it formats the context (a deadline in the local zone: the process's first Intl zone lookup
  // cost a first request 40–80 ms); a foreign parent counts how often it is formatted.
  let formatted = 0;
  const parent: context.Context = {
    deadline: () => context.background().deadline(),
    done: () => null,
    err: () => null,
    value: () => undefined,
    signal: new AbortController().signal,
    toString: () => {
      formatted++;
      return "parent";
    },
  } as context.Context;
  const [ctx, cancel] = context.withCancel(parent);
  const done = ctx.done() as ReceiveChan<void> & { hchan: { name: string } };
  assert.equal(formatted, 0, "made without formatting the context");
  assert.equal(done.hchan.name, "parent.WithCancel.done");
  assert.equal(formatted, 1);
  assert.equal(done.hchan.name, "parent.WithCancel.done");
  assert.equal(formatted, 1, "named once");
  cancel();
});
