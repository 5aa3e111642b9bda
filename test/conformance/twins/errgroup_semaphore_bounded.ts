// Twin of test/conformance/go/errgroup_semaphore_bounded: a failure cancels the tasks still waiting for
// the semaphore.
import { context, errgroup, semaphore, time } from "../../../src/index.ts";
import { fmtV, println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const [g, ctx] = errgroup.withContext(context.background());
  const sem = semaphore.newWeighted(2);
  const results: string[] = new Array(6).fill("");
  for (let i = 0; i < 6; i++) {
    await g.go(async () => {
      const err = await sem.acquire(ctx, 1);
      if (err !== null) {
        results[i] = `task ${i} gave up at ${since(start)}: ${fmtV(err)}`;
        return null;
      }
      try {
        await time.sleep(10 * (i + 1) * time.Millisecond);
        results[i] = `task ${i} ran until ${since(start)}`;
        if (i === 2) return new Error("task 2 failed");
        return null;
      } finally {
        sem.release(1);
      }
    });
  }
  const err = await g.wait();
  println("wait:", err, "at", since(start), "cause:", context.cause(ctx));
  for (const r of results) println(r);
}
