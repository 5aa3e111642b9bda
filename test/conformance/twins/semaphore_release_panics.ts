// Twin of test/conformance/go/semaphore_release_panics: release of more than is held panics.
import { context, go, semaphore, time } from "../../../src/index.ts";
import { println, recovered } from "./harness.ts";

export async function main(): Promise<void> {
  const sem = semaphore.newWeighted(2);
  await sem.acquire(context.background(), 1);
  try {
    sem.release(2);
  } catch (e) {
    println("recovered:", recovered(e));
  }
  println("still usable, TryAcquire(1):", sem.tryAcquire(1));
  // x/sync left the count lowered by the failed release: the semaphore now grants more than its size.
  println("then TryAcquire(2):", sem.tryAcquire(2));
  go(async () => {
    await time.sleep(10 * time.Millisecond);
    sem.release(3);
  });
  await time.sleep(time.Second);
  println("not reached");
}
