// Twin of test/conformance/go/worker_pool_timeouts: three workers, per-job timeouts under a pool deadline,
// a progress ticker, results sorted by job (GOMAXPROCS(1)).
import { chan, context, GOMAXPROCS, go, recv, select, send, time, WaitGroup } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

interface Result {
  job: number;
  outcome: string;
}

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const start = time.now();
  const [pool, cancelPool] = context.withTimeout(context.background(), 60 * time.Millisecond);
  const tk = time.newTicker(10 * time.Millisecond);
  try {
    const jobs = chan<number>();
    const results = chan<Result>();
    const wg = new WaitGroup();
    for (let w = 0; w < 3; w++) {
      wg.add(1);
      go(async () => {
        try {
          for await (const j of jobs) {
            const [ctx, cancel] = context.withTimeout(pool, 15 * time.Millisecond);
            const work = (3 + ((j * 7) % 20)) * time.Millisecond;
            const t = time.newTimer(work);
            let out: string;
            const r = await select([recv(t.c), recv(ctx.done())] as const);
            if (r.index === 0) out = `done after ${time.durationString(work)}`;
            else {
              t.stop();
              out = `gave up (${(context.cause(ctx) as Error).message}) needing ${time.durationString(work)}`;
            }
            cancel();
            await results.send({ job: j, outcome: `${out} at ${since(start)}` });
          }
        } finally {
          wg.done();
        }
      });
    }
    go(async () => {
      try {
        for (let j = 0; j < 12; j++) {
          const r = await select([send(jobs, j), recv(pool.done())] as const);
          if (r.index === 1) return;
        }
      } finally {
        jobs.close();
      }
    });
    go(async () => {
      await wg.wait();
      results.close();
    });
    const all: Result[] = [];
    for (let done = false; !done; ) {
      const r = await select([recv(results), recv(tk.c)] as const);
      if (r.index === 0) {
        if (!r.ok) done = true;
        else all.push(r.value!);
      } else println("progress at", since(start), ":", all.length, "results");
    }
    all.sort((a, b) => a.job - b.job);
    for (const r of all) println("job", r.job, r.outcome);
    println("pool err:", pool.err(), "at", since(start));
  } finally {
    tk.stop();
    cancelPool();
  }
}
