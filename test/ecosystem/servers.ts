// Helpers the ecosystem scenarios that talk to a local HTTP server share (see harness.ts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "./harness.ts";

/**
 * A server answering the nth request (from 1) with answer(n), once its body has been read; each request
 * is marked `request n` on the scenario's clock. Its URL, its port; close() ends it.
 */
export async function serve(
  c: Clock,
  answer: (n: number, req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  let n = 0;
  const server = createServer((req, res) => {
    const i = ++n;
    c.mark(`request ${i}`);
    req.resume();
    req.on("end", () => answer(i, req, res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Runs f with Math.random pinned to 0.5 while it runs: a client's jittered backoff then gives one exact
 * delay (Node truncates a fractional delay to whole ms, and so does a bubble).
 */
export async function pinnedRandom<T>(f: () => Promise<T>): Promise<T> {
  const random = Math.random;
  Math.random = () => 0.5;
  try {
    return await f();
  } finally {
    Math.random = random;
  }
}
