// effect (Effect-TS), unchanged, in a bubble (third batch; see harness.ts). Effect's default Clock sleeps
// with the global setTimeout and reads Date.now() and process.hrtime; its fiber scheduler yields with
// setImmediate. Each program runs with Effect.runPromise from the scenario.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Clock, Data, Duration, Effect, Fiber, Schedule } from "effect";
import { scenario } from "./harness.ts";

class Unavailable extends Data.TaggedError("Unavailable")<{ readonly attempt: number }> {}

/** Effect's millis for a duration of the scenario. */
const ms = (c: { ms(n: number): number }, n: number) => Duration.millis(c.ms(n));

scenario(
  "effect 4.1.5: Effect.sleep in sequence and in parallel (Effect.all, unbounded), the elapsed time read from Clock",
  (c) =>
    Effect.runPromise(
      Effect.gen(function* () {
        const t0 = yield* Clock.currentTimeMillis;
        yield* Effect.sleep(ms(c, 100));
        c.mark("slept 100");
        const parts = yield* Effect.all(
          [300, 200, 500].map((d) =>
            Effect.sleep(ms(c, d)).pipe(
              Effect.map(() => {
                c.mark(`part ${d}`);
                return d;
              }),
            ),
          ),
          { concurrency: "unbounded" },
        );
        const t1 = yield* Clock.currentTimeMillis;
        // Date.now() whole ms: exact in the bubble; on real time only a lower bound holds.
        return { parts, clockAdvanced: c.virtual ? t1 - t0 : t1 - t0 >= c.ms(600) - 10 ? 600 : t1 - t0 };
      }),
    ),
  {
    result: { parts: [300, 200, 500], clockAdvanced: 600 },
    elapsed: 600,
    marks: [
      ["slept 100", 100],
      ["part 200", 300],
      ["part 300", 400],
      ["part 500", 600],
    ],
  },
);

scenario(
  "effect 4.1.5: Effect.timed and Clock.currentTimeNanos (process.hrtime, kept by Effect at load) measure a 600 ms sleep",
  (c) =>
    Effect.runPromise(
      Effect.gen(function* () {
        const n0 = yield* Clock.currentTimeNanos;
        const [took] = yield* Effect.timed(Effect.sleep(ms(c, 600)));
        const n1 = yield* Clock.currentTimeNanos;
        c.mark("timed");
        const timed = Duration.toMillis(took);
        const nanos = Number(n1 - n0) / 1e6;
        // Exact in the bubble; on real time a lower bound (timers never fire early, give or take 2 ms).
        const near = (x: number) => (c.virtual ? x : x >= c.ms(600) - 2 ? 600 : x);
        return { timed: near(timed), nanos: near(nanos) };
      }),
    ),
  { result: { timed: 600, nanos: 600 }, elapsed: 600, marks: [["timed", 600]] },
);

scenario(
  "effect 4.1.5: Effect.retry with Schedule.exponential(100) and times 4 — a call failing 3 times is retried after 100, 200 and 400 ms",
  (c) => {
    let attempt = 0;
    const call = Effect.suspend(() => {
      c.mark(`attempt ${++attempt}`);
      return attempt <= 3
        ? Effect.fail(new Unavailable({ attempt }))
        : Effect.succeed(`ok on attempt ${attempt}`);
    });
    return Effect.runPromise(
      call.pipe(Effect.retry({ schedule: Schedule.exponential(ms(c, 100)), times: 4 })),
    );
  },
  {
    result: "ok on attempt 4",
    elapsed: 700,
    marks: [
      ["attempt 1", 0],
      ["attempt 2", 100],
      ["attempt 3", 300],
      ["attempt 4", 700],
    ],
  },
);

scenario(
  "effect 4.1.5: Effect.retry with Schedule.spaced(250) and times 2 gives up with the last typed error after 500 ms",
  (c) => {
    let attempt = 0;
    const call = Effect.suspend(() => {
      c.mark(`attempt ${++attempt}`);
      return Effect.fail(new Unavailable({ attempt }));
    });
    return Effect.runPromise(
      call.pipe(
        Effect.retry({ schedule: Schedule.spaced(ms(c, 250)), times: 2 }),
        Effect.flip,
        Effect.map((e) => `${e._tag} ${e.attempt}`),
      ),
    );
  },
  {
    result: "Unavailable 3",
    elapsed: 500,
    marks: [
      ["attempt 1", 0],
      ["attempt 2", 250],
      ["attempt 3", 500],
    ],
  },
);

scenario(
  "effect 4.1.5: Effect.timeout(300) interrupts a 1 s effect (its onInterrupt finalizer runs) and fails with TimeoutError; a fast one passes",
  (c) =>
    Effect.runPromise(
      Effect.gen(function* () {
        const slow = Effect.sleep(ms(c, 1000)).pipe(
          Effect.as("slow done"),
          Effect.onInterrupt(() => Effect.sync(() => c.mark("slow interrupted"))),
        );
        const timedOut = yield* slow.pipe(Effect.timeout(ms(c, 300)), Effect.flip);
        c.mark(timedOut._tag);
        const fast = yield* Effect.sleep(ms(c, 100)).pipe(Effect.as("fast done"), Effect.timeout(ms(c, 300)));
        c.mark(fast);
        return [timedOut._tag, fast];
      }),
    ),
  {
    result: ["TimeoutError", "fast done"],
    elapsed: 400,
    marks: [
      ["slow interrupted", 300],
      ["TimeoutError", 300],
      ["fast done", 400],
    ],
  },
);

scenario(
  "effect 4.1.5: a forked heartbeat (Effect.repeat, Schedule.spaced(100)) is interrupted with Fiber.interrupt at 350; Effect.race takes the faster sleep",
  (c) =>
    Effect.runPromise(
      Effect.gen(function* () {
        let beats = 0;
        const heartbeat = yield* Effect.sync(() => {
          beats++;
          c.mark(`beat ${beats}`);
        }).pipe(
          Effect.repeat(Schedule.spaced(ms(c, 100))),
          Effect.onInterrupt(() => Effect.sync(() => c.mark("heartbeat stopped"))),
          Effect.forkChild,
        );
        yield* Effect.sleep(ms(c, 350));
        yield* Fiber.interrupt(heartbeat);
        const winner = yield* Effect.race(
          Effect.sleep(ms(c, 200)).pipe(Effect.as("a 200")),
          Effect.sleep(ms(c, 150)).pipe(Effect.as("b 150")),
        );
        c.mark(winner);
        yield* Effect.sleep(ms(c, 300)); // no beat after the interrupt
        return { beats, winner };
      }),
    ),
  {
    result: { beats: 4, winner: "b 150" },
    elapsed: 800,
    marks: [
      ["beat 1", 0],
      ["beat 2", 100],
      ["beat 3", 200],
      ["beat 4", 300],
      ["heartbeat stopped", 350],
      ["b 150", 500],
    ],
  },
);

scenario(
  "effect 4.1.5: Effect.tryPromise around fetch with its AbortSignal, under Effect.timeout(300), against a server answering after 1 s; a retry then gets the fast answer",
  async (c) => {
    let requests = 0;
    const server = createServer((_req, res) => {
      const n = ++requests;
      // The first request is slow, the next one fast.
      setTimeout(() => res.end(`answer ${n}`), c.ms(n === 1 ? 1000 : 50));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const get = Effect.tryPromise({
        try: (signal) => fetch(url, { signal }).then((r) => r.text()),
        catch: () => new Unavailable({ attempt: requests }),
      }).pipe(
        Effect.tap(() => Effect.sync(() => c.mark("answered"))),
        Effect.timeout(ms(c, 300)),
        Effect.tapError((e) => Effect.sync(() => c.mark(e._tag))),
      );
      return await Effect.runPromise(get.pipe(Effect.retry({ times: 1 })));
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  },
  {
    result: "answer 2",
    elapsed: 350,
    marks: [
      ["TimeoutError", 300],
      ["answered", 350],
    ],
  },
);
