// TTL caches, unchanged, in a bubble and on scaled real time (harness.ts). They read performance.now()
// or Date.now() and purge with unref'd setTimeouts; the exact instant an entry goes stale (strictly
// after its TTL) is checked in the bubble only, since real time cannot land on it.
import assert from "node:assert/strict";
import { TTLCache } from "@isaacs/ttlcache";
import { LRUCache } from "lru-cache";
import NodeCache from "node-cache";
import { scenario, sleep } from "./harness.ts";

scenario(
  "lru-cache 11.5.3: ttl 1000 with ttlAutopurge expires each entry 1001 ms after it was set",
  async (c) => {
    const cache = new LRUCache<string, string>({
      max: 100,
      ttl: c.ms(1000),
      ttlAutopurge: true,
      dispose: (_v, k, reason) => c.mark(`${k} ${reason}`),
    });
    cache.set("a", "A");
    await sleep(c.ms(400));
    cache.set("b", "B");
    await sleep(c.ms(100));
    const at500 = cache.get("a");
    if (c.virtual) assert.equal(cache.getRemainingTTL("a"), 500);
    await sleep(c.ms(700)); // "a" purged at 1001: stale means older than the TTL (now − start > ttl)
    const at1200 = [cache.get("a"), cache.get("b")];
    await sleep(c.ms(500)); // "b" purged at 1401
    return [at500, at1200, cache.get("b"), cache.size];
  },
  {
    result: ["A", [undefined, "B"], undefined, 0],
    elapsed: 1700,
    marks: [
      ["a expire", 1001],
      ["b expire", 1401],
    ],
  },
  { scale: 5 },
);

scenario(
  "@isaacs/ttlcache 2.1.5: an entry with a shorter TTL re-arms the purge timer; the root waits on unref'd timers",
  async (c) => {
    let disposed!: () => void;
    const bothGone = new Promise<void>((r) => (disposed = r));
    const cache = new TTLCache<string, string>({
      ttl: c.ms(1000),
      dispose: (_v, k, reason) => {
        c.mark(`${k} ${reason}`);
        if (k === "a") disposed();
      },
    });
    cache.set("a", "A");
    await sleep(c.ms(300));
    cache.set("b", "B", { ttl: c.ms(500) }); // due at 800, before "a" at 1000: the timer is re-armed
    const at300 = [cache.get("a"), cache.get("b")];
    await bothGone; // resolved by the cache's own (unref'd) purge timers
    return [at300, cache.has("a"), cache.has("b"), cache.size];
  },
  {
    result: [["A", "B"], false, false, 0],
    elapsed: 1000,
    marks: [
      ["b stale", 800],
      ["a stale", 1000],
    ],
  },
);

scenario(
  "node-cache 5.1.2: stdTTL 2 s, checkperiod 1 s: the check at 2 s keeps the key (not yet past), the one at 3 s expires it",
  async (c) => {
    const cache = new NodeCache({ stdTTL: c.ms(2000) / 1000, checkperiod: c.ms(1000) / 1000 });
    const expired = new Promise<string>((r) => cache.on("expired", (k: string) => r(k)));
    cache.set("session", { user: "ann" });
    await sleep(c.ms(1500));
    const at1500 = cache.get<{ user: string }>("session")?.user;
    const key = await expired; // the unref'd check timer finds it stale (Date.now() > t) at 3 s
    c.mark(`expired ${key}`);
    const after = cache.get("session");
    cache.close();
    return [at1500, after, cache.keys()];
  },
  {
    result: ["ann", undefined, []],
    elapsed: 3000,
    marks: [["expired session", 3000]],
  },
);
