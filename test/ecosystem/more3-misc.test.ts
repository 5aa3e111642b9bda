// More timer-using npm packages, unchanged, in a bubble (third batch; see harness.ts): OpenTelemetry's
// BatchSpanProcessor, dataloader, emittery, fastq and ioredis-mock.
import { hrTimeToMilliseconds } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  type ReadableSpan,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import DataLoader from "dataloader";
import Emittery from "emittery";
import fastq from "fastq";
import RedisMock from "ioredis-mock";
import { scenario, sleep } from "./harness.ts";

type ExportCallback = Parameters<SpanExporter["export"]>[1];

scenario(
  "@opentelemetry/sdk-trace-base 2.12.1: BatchSpanProcessor exports scheduledDelayMillis (1000) after the first span ends, at once when maxExportBatchSize (3) is reached; span durations are virtual",
  async (c) => {
    const memory = new InMemorySpanExporter();
    const exports: string[] = [];
    const durations: Record<string, number> = {};
    // An exporter whose backend takes 100 ms to acknowledge.
    const exporter: SpanExporter = {
      export(spans: ReadableSpan[], done: ExportCallback) {
        exports.push(spans.map((s) => s.name).join("+"));
        for (const s of spans) durations[s.name] = hrTimeToMilliseconds(s.duration);
        c.mark(`export ${spans.map((s) => s.name).join("+")}`);
        setTimeout(() => memory.export(spans, done), c.ms(100));
      },
      shutdown: () => memory.shutdown(),
      forceFlush: () => memory.forceFlush(),
    };
    const provider = new BasicTracerProvider({
      spanProcessors: [
        new BatchSpanProcessor(exporter, {
          scheduledDelayMillis: c.ms(1000),
          maxExportBatchSize: 3,
          exportTimeoutMillis: c.ms(5000),
        }),
      ],
    });
    const tracer = provider.getTracer("audit");
    const a = tracer.startSpan("a");
    await sleep(c.ms(200));
    a.end(); // 200: the delay timer starts
    await sleep(c.ms(300));
    tracer.startSpan("b").end(); // 500
    await sleep(c.ms(1000)); // exported at 1200, acknowledged at 1300
    for (const n of ["c", "d", "e"]) {
      const s = tracer.startSpan(n);
      await sleep(c.ms(50));
      s.end(); // e at 1650: a full batch
    }
    const f = tracer.startSpan("f");
    await sleep(c.ms(20));
    f.end(); // 1670: waits for the batch in flight, then its own timer
    await sleep(c.ms(2000));
    await provider.shutdown();
    // Exact in the bubble; on real time a lower bound (a timer never fires early, give or take 2 ms).
    const near = (ms: number, want: number) => (c.virtual || ms >= c.ms(want) - 2 ? want : ms);
    return {
      exports,
      a: near(durations.a, 200),
      c: near(durations.c, 50),
      b: durations.b < 1 ? 0 : durations.b,
    };
  },
  {
    result: { exports: ["a+b", "c+d+e", "f"], a: 200, c: 50, b: 0 },
    elapsed: 3670,
    marks: [
      ["export a+b", 1200],
      ["export c+d+e", 1650],
      // the c+d+e export is acknowledged at 1751 (InMemorySpanExporter calls back from a setTimeout(0):
      // 1 ms), which restarts the 1000 ms timer for f
      ["export f", 2751],
    ],
  },
);

scenario(
  "dataloader 2.2.3: batchScheduleFn setTimeout(100) gathers loads into one batch; cache hits resolve with the next batch; a cacheMap with a 600 ms TTL reloads after expiry; the default schedule batches one tick",
  async (c) => {
    const batches: string[] = [];
    const load = async (keys: readonly number[]) => {
      batches.push(keys.join(","));
      c.mark(`batch ${keys.join(",")}`);
      await sleep(c.ms(50)); // the database
      return keys.map((k) => `user ${k}`);
    };
    // A Map whose entries expire 600 ms after they were set.
    class TtlMap<K, V> extends Map<K, V> {
      override set(k: K, v: V): this {
        setTimeout(() => this.delete(k), c.ms(600));
        return super.set(k, v);
      }
    }
    const loader = new DataLoader(load, {
      batchScheduleFn: (cb) => setTimeout(cb, c.ms(100)),
      cacheMap: new TtlMap(),
    });
    const first = await Promise.all([loader.load(1), loader.load(2), loader.load(1)]); // batch at 100, done at 150
    const late = loader.load(3); // 150: a new window
    await sleep(c.ms(30));
    const later = loader.load(4); // 180: joins it
    const second = await Promise.all([late, later]); // batch at 250, done at 300
    await sleep(c.ms(100));
    const cached = await loader.load(1); // 400: a cache hit, resolved when the window ends at 500
    c.mark("cached");
    await sleep(c.ms(200)); // 700: expired at 600
    const reloaded = await loader.load(1); // batch at 800, done at 850
    const tickLoader = new DataLoader(load);
    const sameTick = await Promise.all([tickLoader.load(7), tickLoader.load(8)]); // one batch at 850
    return { first, second, cached, reloaded, sameTick, batches };
  },
  {
    result: {
      first: ["user 1", "user 2", "user 1"],
      second: ["user 3", "user 4"],
      cached: "user 1",
      reloaded: "user 1",
      sameTick: ["user 7", "user 8"],
      batches: ["1,2", "3,4", "1", "7,8"],
    },
    elapsed: 900,
    marks: [
      ["batch 1,2", 100],
      ["batch 3,4", 250],
      ["cached", 500],
      ["batch 1", 800],
      ["batch 7,8", 850],
    ],
  },
  { scale: 10 },
);

scenario(
  "emittery 1.2.1: an async iterator of events fed by a setInterval, once() resolved by a timer, and a listener awaited by emit()",
  async (c) => {
    const emitter = new Emittery<{ tick: number; done: string; save: string }>();
    let n = 0;
    const ticker = setInterval(() => emitter.emit("tick", ++n), c.ms(100));
    const seen: number[] = [];
    for await (const t of emitter.events("tick")) {
      seen.push(t);
      c.mark(`tick ${t}`);
      if (t === 3) break;
    }
    clearInterval(ticker);
    setTimeout(() => emitter.emit("done", "finished"), c.ms(250));
    const done = await emitter.once("done"); // 550
    c.mark(done);
    emitter.on("save", async (what) => {
      await sleep(c.ms(120)); // a slow listener: emit() waits for it
      c.mark(`saved ${what}`);
    });
    await emitter.emit("save", "doc");
    c.mark("emit resolved");
    return { seen, done, listeners: emitter.listenerCount("tick") };
  },
  {
    result: { seen: [1, 2, 3], done: "finished", listeners: 0 },
    elapsed: 670,
    marks: [
      ["tick 1", 100],
      ["tick 2", 200],
      ["tick 3", 300],
      ["finished", 550],
      ["saved doc", 670],
      ["emit resolved", 670],
    ],
  },
);

scenario(
  "fastq 1.20.3: concurrency 2 over tasks of 300, 100, 200 and 50 ms; pause at 150 holds the queue until resume at 400; drained() resolves after the last",
  async (c) => {
    const q = fastq.promise(async (ms: number) => {
      await sleep(c.ms(ms));
      c.mark(`done ${ms}`);
      return ms;
    }, 2);
    const results = Promise.all([300, 100, 200, 50, 80].map((ms) => q.push(ms)));
    setTimeout(() => q.pause(), c.ms(150));
    setTimeout(() => q.resume(), c.ms(400));
    const got = await results;
    await q.drained();
    c.mark("drained");
    return got;
  },
  {
    result: [300, 100, 200, 50, 80],
    // 300 and 100 start at 0; 200 starts at 100 (ends 300); paused at 150, so 50 and 80 wait for
    // the resume at 400, and run side by side.
    elapsed: 480,
    marks: [
      ["done 100", 100],
      ["done 300", 300],
      ["done 200", 300],
      ["done 50", 450],
      ["done 80", 480],
      ["drained", 480],
    ],
  },
);

scenario(
  "ioredis-mock 8.13.1: PX 500 and PEXPIRE keys expire on the bubble's Date.now(); XREAD BLOCK polls every 100 ms, gets an entry added at 350, and a BLOCK 500 on an empty stream gives null",
  async (c) => {
    const redis = new RedisMock();
    await redis.set("session", "abc", "PX", c.ms(500));
    await redis.set("cart", "3 items");
    await redis.pexpire("cart", c.ms(800));
    await sleep(c.ms(300));
    const at300 = [await redis.get("session"), await redis.get("cart")];
    const pttl = await redis.pttl("session");
    await sleep(c.ms(300));
    const at600 = [await redis.get("session"), await redis.get("cart"), await redis.pttl("session")];
    setTimeout(() => void redis.xadd("events", "*", "type", "paid"), c.ms(350));
    const read = await redis.xread("BLOCK", c.ms(2000), "STREAMS", "events", "0");
    c.mark("xread entry");
    const empty = await redis.xread("BLOCK", c.ms(500), "STREAMS", "other", "0");
    c.mark("xread timeout");
    redis.disconnect();
    return {
      at300,
      pttl: c.virtual ? pttl : pttl <= c.ms(200) ? 200 : pttl,
      at600,
      read: read?.[0]?.[1]?.[0]?.[1],
      empty,
    };
  },
  {
    result: {
      at300: ["abc", "3 items"],
      pttl: 200,
      at600: [null, "3 items", -2],
      read: ["type", "paid"],
      empty: null,
    },
    // The entry is added at 950 and seen at the 4th poll (1000); the empty read polls 6 times (1600).
    elapsed: 1600,
    marks: [
      ["xread entry", 1000],
      ["xread timeout", 1600],
    ],
  },
  { scale: 5 },
);
