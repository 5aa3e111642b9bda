// gRPC (@grpc/grpc-js with @grpc/proto-loader), unchanged, in a bubble (fourth batch; see harness.ts):
// a local server on 127.0.0.1 and a client over real HTTP/2 sockets. Real I/O holds the bubble's time
// while it is in flight; the handlers' delays, the client's deadline timer and the retry backoff are
// virtual.
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { Clock } from "./harness.ts";
import { scenario } from "./harness.ts";

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
    opts: grpc.CallOptions,
    cb: (err: grpc.ServiceError | null, reply?: HelloReply) => void,
  ): grpc.ClientUnaryCall;
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
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.tryShutdown(() => r())),
  };
}

function call(client: Greeter, req: HelloRequest, opts: grpc.CallOptions): Promise<string> {
  return new Promise((resolve) =>
    client.sayHello(req, opts, (err, reply) =>
      resolve(err ? `${grpc.status[err.code]}` : (reply?.message ?? "")),
    ),
  );
}

scenario(
  "@grpc/grpc-js 1.14.7: a call with a 1000 ms deadline to a handler that takes 3000 ms fails DEADLINE_EXCEEDED 1000 ms after it started; one that takes 200 ms answers first",
  async (c) => {
    const server = await serve(c);
    const client = new Greeter(server.address, grpc.credentials.createInsecure()) as unknown as Greeter;
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
