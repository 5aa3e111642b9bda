// Sockets in corners the other I/O scenarios do not reach (issue 15): a WebSocket's closing handshake
// right after it opened, and a server's 'upgrade' handler with a timer (Node 20 runs it from its HTTP
// parser, whose async resource carries no context). Each scenario also runs on real time, scaled down
// (harness.ts).
import { createServer as createHttpServer, request as httpRequest } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { scenario, sleep } from "./harness.ts";

scenario(
  "ws 8.23.1: a client closes right after opening; the closing handshake ends at once, not at ws's 30 s close timeout",
  async (c) => {
    const server = createHttpServer();
    const wss = new WebSocketServer({ server });
    wss.on("connection", (ws, req) => {
      ws.on("close", (code) => c.mark(`server saw ${code}`));
      req.socket.on("end", () => c.mark("server socket end"));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await new Promise((r) => client.once("open", r));
      const closed = new Promise<number>((r) => client.once("close", r));
      client.close(1000);
      const code = await closed;
      c.mark(`client closed ${code}`);
      await sleep(c.ms(100));
      return code;
    } finally {
      wss.close();
      await new Promise((r) => server.close(r));
    }
  },
  {
    result: 1000,
    elapsed: 100,
    marks: [
      ["server socket end", 0],
      ["server saw 1000", 0],
      ["client closed 1000", 0],
    ],
  },
  { scale: 1 },
);

scenario(
  "an HTTP server's 'upgrade' handler arms a 500 ms timer and answers 101 from it; the client's upgraded socket echoes",
  async (c) => {
    const server = createHttpServer();
    server.on("upgrade", (_req, socket: Socket) => {
      c.mark("upgrade");
      setTimeout(() => {
        socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n");
        socket.on("data", (d) => socket.end(`echo ${d}`));
      }, c.ms(500));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const req = httpRequest({
        port,
        host: "127.0.0.1",
        headers: { Connection: "Upgrade", Upgrade: "echo" },
      });
      const socket = await new Promise<Socket>((r) => req.on("upgrade", (_res, s: Socket) => r(s)).end());
      c.mark("switched");
      socket.write("hi");
      let got = "";
      socket.on("data", (d) => {
        got += d;
      });
      await new Promise((r) => socket.on("close", r));
      c.mark("closed");
      return got;
    } finally {
      server.close();
    }
  },
  {
    result: "echo hi",
    elapsed: 500,
    marks: [
      ["upgrade", 0],
      ["switched", 500],
      ["closed", 500],
    ],
  },
  { scale: 5 },
);
