// The undici npm package's Agent in a bubble. In a file of its own: undici keeps a process-wide tick for
// its headers and body timeouts (its fast timers), made by the first request that needs one (see
// more-undici.test.ts and docs/deviations.md); its keep-alive timeout is a plain setTimeout.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, request } from "undici";
import { scenario } from "./harness.ts";

scenario(
  "undici 7.30.2: an Agent with keepAliveTimeout 500 reuses its socket 300 ms later and opens a new one after 500 ms idle",
  async (c) => {
    let connections = 0;
    const server = createServer((_req, res) => res.end(`conn ${connections}`));
    server.keepAliveTimeout = 0; // no Keep-Alive hint: the client's own keepAliveTimeout decides
    server.on("connection", () => connections++);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const agent = new Agent({ keepAliveTimeout: c.ms(500), connections: 1 });
    const got: string[] = [];
    const get = async () => {
      const { body } = await request(url, { dispatcher: agent });
      got.push(await body.text());
    };
    try {
      await get();
      await new Promise((r) => setTimeout(r, c.ms(300)));
      await get(); // idle 300 ms: the same socket
      await new Promise((r) => setTimeout(r, c.ms(700)));
      await get(); // idle 700 ms: closed at 500, a new socket
      c.mark("done");
      return got;
    } finally {
      await agent.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  },
  { result: ["conn 1", "conn 1", "conn 2"], elapsed: 1000, marks: [["done", 1000]] },
);
