// Rate limiting (Go by Example: "Rate Limiting"). First at most one request every 200ms, paced by a
// ticker; then a bursty limiter: a buffered channel of 3 tokens, refilled every 200ms, lets a burst of 3
// through at once.
//
//   gort run --faketime --timestamps examples/rate-limiter.ts

import { chan, go, time } from "../src/index.ts";

export async function main() {
  const requests = chan<number>(5);
  for (let i = 1; i <= 5; i++) await requests.send(i);
  requests.close();

  const limiter = time.tick(200 * time.Millisecond);
  for await (const req of requests) {
    await limiter.recv();
    console.log("request", req, String(time.now()));
  }

  const burstyLimiter = chan<time.Time>(3);
  for (let i = 0; i < 3; i++) await burstyLimiter.send(time.now());
  go(async () => {
    for await (const t of time.tick(200 * time.Millisecond)) await burstyLimiter.send(t);
  });

  const burstyRequests = chan<number>(5);
  for (let i = 1; i <= 5; i++) await burstyRequests.send(i);
  burstyRequests.close();
  for await (const req of burstyRequests) {
    await burstyLimiter.recv();
    console.log("bursty request", req, String(time.now()));
  }
}
