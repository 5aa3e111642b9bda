// MQTT (mqtt.js client, aedes broker), unchanged, in a bubble (fourth batch; see harness.ts): the broker
// listens on 127.0.0.1 and the clients talk to it over real sockets. Real I/O holds the bubble's time
// while a packet is on its way; keepalive timers, the broker's keepalive deadline and the client's
// reconnect period are virtual. MQTT's keepalive is whole seconds: those durations are not scaled on real
// time.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createConnection, createServer } from "node:net";
import { Aedes } from "aedes";
import mqtt from "mqtt";
import type { Clock } from "./harness.ts";
import { scenario } from "./harness.ts";

/** An aedes broker on a local port; close() ends it and its clients. */
async function broker(
  c: Clock,
): Promise<{ url: string; port: number; aedes: Aedes; close: () => Promise<void> }> {
  const aedes = await Aedes.createBroker();
  aedes.on("keepaliveTimeout", (client) => c.mark(`broker: keepalive timeout of ${client.id}`));
  const server = createServer(aedes.handle);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    aedes,
    close: async () => {
      await new Promise<void>((r) => aedes.close(() => r()));
      await new Promise((r) => server.close(r));
    },
  };
}

/** The arguments of a client's next `event` (mqtt.js's emitter is typed apart from node:events'). */
function next(client: mqtt.MqttClient, event: "connect" | "message"): Promise<unknown[]> {
  return new Promise((r) => client.once(event, (...a: unknown[]) => r(a)));
}

scenario(
  "mqtt 5.16.0 + aedes 1.2.0: keepalive 1 s: an idle client pings at 1, 2 and 3 s and the broker answers each; a message published at 3.5 s arrives",
  async (c) => {
    const b = await broker(c);
    const client = mqtt.connect(b.url, { keepalive: 1, reconnectPeriod: 0 });
    try {
      await next(client, "connect");
      c.mark("connected");
      client.on("packetsend", (p) => p.cmd === "pingreq" && c.mark("pingreq"));
      client.on("packetreceive", (p) => p.cmd === "pingresp" && c.mark("pingresp"));
      await client.subscribeAsync("t/1");
      const got = next(client, "message");
      await new Promise((r) => setTimeout(r, 3500));
      b.aedes.publish(
        { cmd: "publish", topic: "t/1", payload: Buffer.from("hi"), qos: 0, retain: false, dup: false },
        () => {},
      );
      const [topic, payload] = (await got) as [string, Buffer];
      c.mark("message");
      return `${topic}: ${payload}`;
    } finally {
      await client.endAsync();
      await b.close();
    }
  },
  {
    result: "t/1: hi",
    elapsed: 3500,
    marks: [
      ["connected", 0],
      ["pingreq", 1000],
      ["pingresp", 1000],
      ["pingreq", 2000],
      ["pingresp", 2000],
      ["pingreq", 3000],
      ["pingresp", 3000],
      ["message", 3500],
    ],
  },
  { scale: 1 },
);

scenario(
  "mqtt 5.16.0 + aedes 1.2.0: the broker drops the client at 500 ms; with reconnectPeriod 1000 it reconnects at 1500, mqtt.js subscribes again and a message arrives",
  async (c) => {
    const b = await broker(c);
    const client = mqtt.connect(b.url, { reconnectPeriod: c.ms(1000), clientId: "dropped", clean: true });
    try {
      await next(client, "connect");
      c.mark("connected");
      client.on("close", () => c.mark("closed"));
      client.on("reconnect", () => c.mark("reconnecting"));
      await client.subscribeAsync("t/2");
      const resubscribed = new Promise<void>((r) =>
        client.on("packetreceive", (p) => p.cmd === "suback" && r()),
      );
      setTimeout(() => {
        c.mark("dropping");
        (b.aedes as unknown as { clients: Record<string, { close(): void }> }).clients.dropped?.close();
      }, c.ms(500));
      await next(client, "connect");
      c.mark("reconnected");
      // A clean session lost its subscription: mqtt.js subscribes again by itself, right after CONNACK;
      // a publish before the broker's SUBACK could reach the broker first.
      await resubscribed;
      c.mark("resubscribed");
      const got = next(client, "message");
      b.aedes.publish(
        { cmd: "publish", topic: "t/2", payload: Buffer.from("again"), qos: 0, retain: false, dup: false },
        () => {},
      );
      const [, payload] = (await got) as [string, Buffer];
      return String(payload);
    } finally {
      await client.endAsync();
      await b.close();
    }
  },
  {
    result: "again",
    elapsed: 1500,
    marks: [
      ["connected", 0],
      ["dropping", 500],
      ["closed", 500],
      ["reconnecting", 1500],
      ["reconnected", 1500],
      ["resubscribed", 1500],
      ["closed", 1500], // client.endAsync()
    ],
  },
);

scenario(
  "aedes 1.2.0: a client that connects with keepalive 1 s and then says nothing is dropped at 1.5 s + 1 ms (keepalive × 1500 + 1)",
  async (c) => {
    const b = await broker(c);
    try {
      const sock = createConnection(b.port, "127.0.0.1");
      await once(sock, "connect");
      // CONNECT, MQTT 3.1.1, clean session, keepalive 1 s, client id "a".
      sock.write(Buffer.from([0x10, 0x0d, 0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 2, 0, 1, 0, 1, 0x61]));
      const [connack] = (await once(sock, "data")) as [Buffer];
      c.mark(`connack ${connack.toString("hex")}`);
      sock.resume();
      await once(sock, "close");
      c.mark("dropped");
      return "ok";
    } finally {
      await b.close();
    }
  },
  {
    result: "ok",
    elapsed: 1501,
    marks: [
      ["connack 20020000", 0],
      ["broker: keepalive timeout of a", 1501],
      ["dropped", 1501],
    ],
  },
  { scale: 1 },
);
