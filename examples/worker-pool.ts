// A worker pool with a timeout per job. Three workers take jobs from a channel; each job gets a context
// with a 300ms deadline, and the simulated work (a sleep) is cancelled through the context's AbortSignal
// when the deadline passes first.
//
//   gort run --faketime --timestamps examples/worker-pool.ts

import { chan, context, go, time } from "../src/index.ts";

interface Job {
  id: number;
  /** How long the work takes. */
  cost: time.Duration;
}

interface Result {
  job: Job;
  worker: number;
  err: Error | null;
}

const perJobTimeout = 300 * time.Millisecond;

async function process(ctx: context.Context, job: Job): Promise<void> {
  // Stands in for a request or a query that honours cancellation.
  await time.sleep(job.cost, ctx.signal);
}

async function worker(id: number, jobs: AsyncIterable<Job>, results: { send(r: Result): Promise<void> }) {
  for await (const job of jobs) {
    console.log(`worker ${id}: job ${job.id} started (needs ${time.durationString(job.cost)})`);
    const [ctx, cancel] = context.withTimeout(context.background(), perJobTimeout);
    let err: Error | null = null;
    try {
      await process(ctx, job);
    } catch (e) {
      err = e as Error;
    } finally {
      cancel();
    }
    await results.send({ job, worker: id, err });
  }
}

export async function main() {
  const costs = [120, 450, 80, 250, 50, 700, 200, 90, 310];
  const jobs = chan<Job>(costs.length);
  const results = chan<Result>(costs.length);
  for (let w = 1; w <= 3; w++) go(worker, w, jobs, results);

  for (const [i, ms] of costs.entries()) await jobs.send({ id: i + 1, cost: ms * time.Millisecond });
  jobs.close();

  let ok = 0;
  let timedOut = 0;
  const start = time.now();
  for (let i = 0; i < costs.length; i++) {
    const r = (await results.recv())!;
    if (r.err === null) {
      ok++;
      console.log(`job ${r.job.id} done by worker ${r.worker}`);
    } else {
      timedOut++;
      console.log(`job ${r.job.id} failed on worker ${r.worker}: ${r.err.message}`);
    }
  }
  console.log(`${ok} done, ${timedOut} timed out, in ${time.durationString(time.since(start))}`);
}
