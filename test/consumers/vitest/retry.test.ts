// Vitest consumer, default configuration (no config file, globals: false).
import { chan, go, time } from "gort";
import { it, test } from "gort/testing/vitest";
import { expect } from "vitest";

async function retry<T>(fn: () => Promise<T>, attempts = 5, backoff = 1000): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i + 1 >= attempts) throw e;
      await new Promise((r) => setTimeout(r, backoff * 2 ** i));
    }
  }
}

test("retry backs off 1s, 2s, 4s in virtual time", async () => {
  const start = Date.now();
  let calls = 0;
  await retry(async () => {
    if (++calls < 4) throw new Error("flaky");
  });
  expect(calls).toBe(4);
  expect(Date.now() - start).toBe(7000);
});

it("goroutines and channels share the bubble's clock", async () => {
  const c = chan<number>();
  const t0 = performance.now(); // the bubble's clock starts where the host's was
  go(async () => {
    await time.sleep(3 * time.Hour);
    await c.send(performance.now());
  });
  expect((await c.recv())! - t0).toBe(3 * 3600_000);
});

test.each([
  [1, 1000],
  [2, 2000],
])("sleep %i s", async (n, ms) => {
  const start = Date.now();
  await time.sleep(n * time.Second);
  expect(Date.now() - start).toBe(ms);
});

test("Vitest's order: options before the body", { timeout: 20_000 }, async () => {
  const start = Date.now();
  await time.sleep(time.Minute);
  expect(Date.now() - start).toBe(60_000);
});

test("Vitest's timeout in ms as the third argument", async () => {
  const start = Date.now();
  await new Promise((r) => setTimeout(r, 90_000));
  expect(Date.now() - start).toBe(90_000);
}, 20_000);

test.each([
  [1, 1000],
  [2, 2000],
])("sleep %i s, options first", { timeout: 20_000 }, async (n, ms) => {
  const start = Date.now();
  await time.sleep(n * time.Second);
  expect(Date.now() - start).toBe(ms);
});

test("a test without a body is a todo"); // (Vitest 3: an empty test that passes, as with its own test)

test.skip("skipped", () => {
  throw new Error("a skipped test ran");
});

test.todo("todo");
