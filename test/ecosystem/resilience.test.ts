// Circuit breakers, rate limiters and resilience policies, unchanged, in a bubble and on scaled real time
// (harness.ts).
import { once } from "node:events";
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleAll,
  noJitterGenerator,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from "cockatiel";
import CircuitBreaker from "opossum";
import { scenario, sleep } from "./harness.ts";

scenario(
  "opossum 9.0.0: a hanging service times out at 3 s and opens the breaker; it half-opens 10 s later and a good call closes it",
  async (c) => {
    let healthy = false;
    const service = async (id: number) => {
      await sleep(c.ms(healthy ? 100 : 5000));
      return `reply ${id}`;
    };
    const breaker = new CircuitBreaker(service, {
      timeout: c.ms(3000),
      errorThresholdPercentage: 50,
      resetTimeout: c.ms(10_000),
      rollingCountTimeout: c.ms(10_000),
      rollingCountBuckets: 10,
    });
    breaker.on("open", () => c.mark("open"));
    breaker.on("halfOpen", () => c.mark("halfOpen"));
    breaker.on("close", () => c.mark("close"));
    const first = await breaker.fire(1).catch((e: Error & { code?: string }) => e.code);
    const second = await breaker.fire(2).catch((e: Error & { code?: string }) => e.code);
    await once(breaker, "halfOpen"); // the reset timer is unref'd
    healthy = true;
    const third = await breaker.fire(3);
    const state = [breaker.opened, breaker.closed];
    breaker.shutdown();
    return [first, second, third, state];
  },
  {
    result: ["ETIMEDOUT", "EOPENBREAKER", "reply 3", [false, true]],
    elapsed: 13_100,
    marks: [
      ["open", 3000],
      ["halfOpen", 13_000],
      ["close", 13_100],
    ],
  },
  { scale: 100 },
);

scenario(
  "cockatiel 3.2.1: retry with exponential backoff around an aggressive 1 s timeout",
  async (c) => {
    let attempt = 0;
    const slowThenFast = async ({ signal }: { signal: AbortSignal }) => {
      attempt++;
      const n = attempt;
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, c.ms(n < 3 ? 1500 : 200));
        signal.addEventListener("abort", () => {
          clearTimeout(t);
          reject(signal.reason);
        });
      });
      c.mark(`attempt ${n} answered`);
      return `answer ${n}`;
    };
    const policy = retry(handleAll, {
      maxAttempts: 3,
      backoff: new ExponentialBackoff({
        initialDelay: c.ms(100),
        maxDelay: c.ms(10_000),
        generator: noJitterGenerator,
      }),
    });
    policy.onRetry(() => c.mark("retry"));
    return wrap(policy, timeout(c.ms(1000), TimeoutStrategy.Aggressive)).execute(slowThenFast);
  },
  {
    // attempt 1 times out at 1000, waits 100; attempt 2 at 1100–2100, waits 200; attempt 3 at 2300–2500
    result: "answer 3",
    elapsed: 2500,
    marks: [
      ["retry", 1000],
      ["retry", 2100],
      ["attempt 3 answered", 2500],
    ],
  },
  { scale: 20 },
);

scenario(
  "cockatiel 3.2.1: a consecutive-failure breaker opens after 3 failures and half-opens after 5 s",
  async (c) => {
    const breaker = circuitBreaker(handleAll, {
      halfOpenAfter: c.ms(5000),
      breaker: new ConsecutiveBreaker(3),
    });
    breaker.onBreak(() => c.mark("break"));
    breaker.onHalfOpen(() => c.mark("half-open"));
    breaker.onReset(() => c.mark("reset"));
    const failing = async () => {
      await sleep(c.ms(100));
      throw new Error("down");
    };
    const errors: string[] = [];
    for (let i = 0; i < 4; i++)
      errors.push(
        await breaker
          .execute(failing)
          .catch((e: Error) => (e instanceof BrokenCircuitError ? "broken" : e.message)),
      );
    await sleep(c.ms(5000));
    const ok = await breaker.execute(async () => {
      await sleep(c.ms(100));
      return "up";
    });
    return [errors, ok];
  },
  {
    result: [["down", "down", "down", "broken"], "up"],
    // three 100 ms failures, the fourth refused at once; 5 s later a 100 ms success
    elapsed: 5400,
    marks: [
      ["break", 300],
      ["half-open", 5300],
      ["reset", 5400],
    ],
  },
  { scale: 50 },
);
