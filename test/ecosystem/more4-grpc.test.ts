// gRPC (@grpc/grpc-js with @grpc/proto-loader), unchanged, in a bubble (fourth batch; see harness.ts):
// a local server on 127.0.0.1 and a client over real HTTP/2 sockets. Real I/O holds the bubble's time
// while it is in flight; the handlers' delays, the client's deadline timer and the retry backoff are
// virtual.

import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { Clock } from "./harness.ts";
import { scenario } from "./harness.ts";
import { pinnedRandom } from "./servers.ts";

interface HelloRequest {
  name: string;
  delayMs: number;
}
interface HelloReply {
  message: string;
}
type Greeter = grpc.Client & {
  sayHello(
    req: HelloRequest,
    md: grpc.Metadata,
    opts: grpc.CallOptions,
    cb: (err: grpc.ServiceError | null, reply?: HelloReply) => void,
  ): grpc.ClientUnaryCall;
  count(req: HelloRequest, opts?: grpc.CallOptions): grpc.ClientReadableStream<HelloReply>;
};

const definition = protoLoader.loadSync(fileURLToPath(new URL("fixtures/greeter.proto", import.meta.url)));
const proto = grpc.loadPackageDefinition(definition) as unknown as {
  gort: { test: { Greeter: grpc.ServiceClientConstructor } };
};
const Greeter = proto.gort.test.Greeter;

/** A server whose SayHello answers after the request's delayMs (scaled); answer(n) may fail the nth call. */
async function serve(
  c: Clock,
  fail: (n: number) => grpc.status | undefined = () => undefined,
  at = "127.0.0.1:0",
): Promise<{ address: string; close: () => Promise<void> }> {
  const server = new grpc.Server();
  let n = 0;
  server.addService(Greeter.service, {
    sayHello(call: grpc.ServerUnaryCall<HelloRequest, HelloReply>, cb: grpc.sendUnaryData<HelloReply>) {
      const i = ++n;
      c.mark(`call ${i}`);
      const code = fail(i);
      if (code !== undefined) {
        cb({ code, details: `failed call ${i}` });
        return;
      }
      call.on("cancelled", () => c.mark(`server cancelled ${i}`));
      setTimeout(
        () => cb(null, { message: `hello ${call.request.name} (${i})` }),
        c.ms(call.request.delayMs),
      );
    },
    // Streams delayMs-apart messages until the client cancels.
    count(call: grpc.ServerWritableStream<HelloRequest, HelloReply>) {
      let k = 0;
      const tick = setInterval(
        () => call.write({ message: `${call.request.name} ${++k}` }),
        c.ms(call.request.delayMs),
      );
      call.on("cancelled", () => {
        clearInterval(tick);
        c.mark("server saw the cancel");
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(at, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.tryShutdown(() => r())),
  };
}

/** A client of the Greeter service at address, over plaintext HTTP/2. */
function dial(address: string, options?: grpc.ChannelOptions): Greeter {
  return new Greeter(address, grpc.credentials.createInsecure(), options) as unknown as Greeter;
}

function call(
  client: Greeter,
  req: HelloRequest,
  opts: grpc.CallOptions,
  md = new grpc.Metadata(),
): Promise<string> {
  return new Promise((resolve) =>
    client.sayHello(req, md, opts, (err, reply) =>
      resolve(err ? `${grpc.status[err.code]}` : (reply?.message ?? "")),
    ),
  );
}

scenario(
  "@grpc/grpc-js 1.14.7: a call with a 1000 ms deadline to a handler that takes 3000 ms fails DEADLINE_EXCEEDED 1000 ms after it started; one that takes 200 ms answers first",
  async (c) => {
    const server = await serve(c);
    const client = dial(server.address);
    try {
      const fast = await call(client, { name: "fast", delayMs: 200 }, { deadline: Date.now() + c.ms(1000) });
      c.mark("fast answered");
      const slow = await call(client, { name: "slow", delayMs: 3000 }, { deadline: Date.now() + c.ms(1000) });
      c.mark("slow failed");
      return [fast, slow];
    } finally {
      client.close();
      await server.close();
    }
  },
  {
    result: ["hello fast (1)", "DEADLINE_EXCEEDED"],
    elapsed: 1200,
    marks: [
      ["call 1", 0],
      // grpc-js's server emits 'cancelled' when a call's stream closes, answered or not.
      ["server cancelled 1", 200],
      ["fast answered", 200],
      ["call 2", 200],
      ["slow failed", 1200],
      ["server cancelled 2", 1200],
    ],
  },
);

scenario(
  "@grpc/grpc-js 1.14.7: a retry policy (maxAttempts 3, initialBackoff 0.5 s, multiplier 2) retries UNAVAILABLE after 500 ms, then 1000 ms; the third attempt answers after its handler's 100 ms",
  (c) =>
    pinnedRandom(async () => {
      const server = await serve(c, (n) => (n < 3 ? grpc.status.UNAVAILABLE : undefined));
      const serviceConfig = {
        methodConfig: [
          {
            name: [{ service: "gort.test.Greeter" }],
            retryPolicy: {
              maxAttempts: 3,
              initialBackoff: `${c.ms(500) / 1000}s`,
              maxBackoff: "10s",
              backoffMultiplier: 2,
              retryableStatusCodes: ["UNAVAILABLE"],
            },
          },
        ],
      };
      const client = dial(server.address, {
        "grpc.service_config": JSON.stringify(serviceConfig),
      });
      try {
        const r = await call(
          client,
          { name: "retried", delayMs: 100 },
          { deadline: Date.now() + c.ms(5000) },
        );
        c.mark("answered");
        return r;
      } finally {
        client.close();
        await server.close();
      }
    }),
  {
    result: "hello retried (3)",
    elapsed: 1600,
    marks: [
      ["call 1", 0],
      ["call 2", 500],
      ["call 3", 1500],
      ["server cancelled 3", 1600],
      ["answered", 1600],
    ],
  },
);

scenario(
  "@grpc/grpc-js 1.14.7: a waitForReady call to a port nobody listens on yet reconnects after 1000 ms, then 1600 ms (initial_reconnect_backoff_ms 1000, × 1.6); the server comes up at 1500 and the third attempt connects and answers",
  (c) =>
    pinnedRandom(async () => {
      // A free port: listen, note it, close.
      const probe = createServer();
      await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
      const { port } = probe.address() as AddressInfo;
      await new Promise((r) => probe.close(r));
      const client = dial(`127.0.0.1:${port}`, {
        "grpc.initial_reconnect_backoff_ms": c.ms(1000),
      });
      let server: { close: () => Promise<void> } | undefined;
      const late = new Promise<void>((r) =>
        setTimeout(async () => {
          server = await serve(c, undefined, `127.0.0.1:${port}`);
          c.mark("server up");
          r();
        }, c.ms(1500)),
      );
      try {
        const r = await call(
          client,
          { name: "late", delayMs: 100 },
          { deadline: Date.now() + c.ms(10000) },
          new grpc.Metadata({ waitForReady: true }),
        );
        c.mark("answered");
        return r;
      } finally {
        await late;
        client.close();
        await server?.close();
      }
    }),
  {
    result: "hello late (1)",
    elapsed: 2700,
    marks: [
      ["server up", 1500],
      ["call 1", 2600],
      ["server cancelled 1", 2700],
      ["answered", 2700],
    ],
  },
);

scenario(
  "@grpc/grpc-js 1.14.7: a server stream writes every 300 ms; the client reads 4 messages at 300, 600, 900 and 1200 ms, then cancels (CANCELLED), which the server sees",
  async (c) => {
    const server = await serve(c);
    const client = dial(server.address);
    try {
      const stream = client.count({ name: "tick", delayMs: 300 });
      const got: string[] = [];
      const ended = new Promise<string>((resolve) => {
        stream.on("error", (e: grpc.ServiceError) => resolve(grpc.status[e.code]));
        stream.on("end", () => resolve("end"));
      });
      stream.on("data", (m: HelloReply) => {
        got.push(m.message);
        c.mark(`got ${m.message}`);
        if (got.length === 4) stream.cancel();
      });
      const how = await ended;
      await new Promise((r) => setTimeout(r, c.ms(100)));
      return [...got, how];
    } finally {
      client.close();
      await server.close();
    }
  },
  {
    result: ["tick 1", "tick 2", "tick 3", "tick 4", "CANCELLED"],
    elapsed: 1300,
    marks: [
      ["got tick 1", 300],
      ["got tick 2", 600],
      ["got tick 3", 900],
      ["got tick 4", 1200],
      ["server saw the cancel", 1200],
    ],
  },
);
