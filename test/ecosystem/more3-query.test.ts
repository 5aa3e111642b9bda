// @tanstack/query-core, unchanged, in a bubble (third batch; see harness.ts): a failing queryFn retried
// with the default exponential backoff, staleTime and gcTime expiry, and a QueryObserver's
// refetchInterval. query-core treats Node as a server (no `window`: no retries by default, no refetch
// interval, gcTime Infinity); a test of client code (React Query under jsdom, say) runs it as a client,
// so each scenario does too (`environmentManager.setIsServer(() => false)`, put back after).
import { environmentManager, QueryClient, QueryObserver } from "@tanstack/query-core";
import { scenario, sleep } from "./harness.ts";

/** Runs f with query-core in client mode (retries, refetch intervals, a 5 min default gcTime). */
async function asClient<T>(f: () => Promise<T>): Promise<T> {
  environmentManager.setIsServer(() => false);
  try {
    return await f();
  } finally {
    environmentManager.setIsServer(() => !("window" in globalThis));
  }
}

/** query-core's documented default retryDelay: 1 s doubled at each failure, at most 30 s. */
const defaultRetryDelay = (failures: number) => Math.min(1000 * 2 ** failures, 30_000);

scenario(
  "@tanstack/query-core 5.108.4: a queryFn failing 3 times is retried after the default 1000, 2000 and 4000 ms",
  (c) =>
    asClient(async () => {
      const client = new QueryClient();
      let attempt = 0;
      const data = await client.fetchQuery({
        queryKey: ["user", 1],
        queryFn: async () => {
          c.mark(`attempt ${++attempt}`);
          if (attempt <= 3) throw new Error(`503 on attempt ${attempt}`);
          return { id: 1, name: "Ada" };
        },
        retry: 3,
        // The bubble runs the default delays; real time runs the same formula, scaled.
        retryDelay: c.virtual ? undefined : (n: number) => c.ms(defaultRetryDelay(n)),
      });
      const failureCount = client.getQueryState(["user", 1])?.fetchFailureCount;
      client.clear();
      return { data, failureCount };
    }),
  {
    result: { data: { id: 1, name: "Ada" }, failureCount: 0 },
    elapsed: 7000,
    marks: [
      ["attempt 1", 0],
      ["attempt 2", 1000],
      ["attempt 3", 3000],
      ["attempt 4", 7000],
    ],
  },
);

scenario(
  "@tanstack/query-core 5.108.4: retries give up after the default 3 (1 + 2 + 4 s) and the error is the last one",
  (c) =>
    asClient(async () => {
      const client = new QueryClient({
        defaultOptions: {
          queries: { retryDelay: c.virtual ? undefined : (n) => c.ms(defaultRetryDelay(n)) },
        },
      });
      let attempt = 0;
      const error = await client
        .fetchQuery({
          queryKey: ["down"],
          queryFn: async () => {
            c.mark(`attempt ${++attempt}`);
            await sleep(c.ms(100)); // the request takes 100 ms to fail
            throw new Error(`503 on attempt ${attempt}`);
          },
          retry: 3,
        })
        .catch((e: Error) => e.message);
      c.mark("gave up");
      client.clear();
      return error;
    }),
  {
    result: "503 on attempt 4",
    elapsed: 7400,
    marks: [
      ["attempt 1", 0],
      ["attempt 2", 1100],
      ["attempt 3", 3200],
      ["attempt 4", 7300],
      ["gave up", 7400],
    ],
  },
);

scenario(
  "@tanstack/query-core 5.108.4: staleTime 1000 serves the cache at 500 and refetches at 1500; gcTime 2000 removes the unused query",
  (c) =>
    asClient(async () => {
      const client = new QueryClient();
      const removed: string[] = [];
      const unsubscribe = client.getQueryCache().subscribe((e) => {
        if (e.type === "removed") {
          removed.push(e.query.queryHash);
          c.mark(`removed ${e.query.queryHash}`);
        }
      });
      let calls = 0;
      const options = {
        queryKey: ["todos"],
        queryFn: async () => {
          await sleep(c.ms(50));
          c.mark(`fetched ${++calls}`);
          return `todos v${calls}`;
        },
        staleTime: c.ms(1000),
        gcTime: c.ms(2000),
      };
      const got: string[] = [await client.fetchQuery(options)]; // fetched at 50
      await sleep(c.ms(450)); // 500: fresh
      got.push(await client.fetchQuery(options));
      await sleep(c.ms(1000)); // 1500: stale since 1050
      got.push(await client.fetchQuery(options)); // fetched at 1550
      const stillThere = client.getQueryData(["todos"]);
      await sleep(c.ms(2500)); // gc 2000 ms after the last fetch settled: 3550
      const after = client.getQueryData(["todos"]) ?? "gone";
      unsubscribe();
      client.clear();
      return { got, stillThere, after, removed };
    }),
  {
    result: {
      got: ["todos v1", "todos v1", "todos v2"],
      stillThere: "todos v2",
      after: "gone",
      removed: ['["todos"]'],
    },
    elapsed: 4050,
    marks: [
      ["fetched 1", 50],
      ["fetched 2", 1550],
      ['removed ["todos"]', 3550],
    ],
  },
);

scenario(
  "@tanstack/query-core 5.108.4: a QueryObserver with refetchInterval 1000 refetches 1 s after each fetch settles until unsubscribed; staleTime 300 flips isStale",
  (c) =>
    asClient(async () => {
      const client = new QueryClient();
      let calls = 0;
      const observer = new QueryObserver(client, {
        queryKey: ["prices"],
        queryFn: async () => {
          c.mark(`fetch ${++calls}`);
          await sleep(c.ms(100));
          return calls;
        },
        refetchInterval: c.ms(1000),
        staleTime: c.ms(300),
      });
      const seen: string[] = [];
      const unsubscribe = observer.subscribe((r) => {
        const s = `${r.data ?? "-"}${r.isFetching ? " fetching" : ""}${r.isStale ? " stale" : ""}`;
        if (seen.at(-1) !== s) {
          seen.push(s);
          c.mark(s);
        }
      });
      await sleep(c.ms(3500));
      unsubscribe();
      await sleep(c.ms(2000)); // no more fetches once unsubscribed
      client.clear();
      return { calls, seen };
    }),
  {
    result: {
      calls: 4,
      seen: [
        "- fetching stale",
        "1",
        "1 stale",
        "1 fetching stale",
        "2",
        "2 stale",
        "2 fetching stale",
        "3",
        "3 stale",
        "3 fetching stale",
        "4",
      ],
    },
    elapsed: 5500,
    // The interval is armed again whenever a fetch settles (the observer updates its timers), so the
    // fetches start 1000 ms after the previous one ended; isStale flips 300 + 1 ms after the data came.
    marks: [
      ["- fetching stale", 0],
      ["fetch 1", 0],
      ["1", 100],
      ["1 stale", 401],
      ["1 fetching stale", 1100],
      ["fetch 2", 1100],
      ["2", 1200],
      ["2 stale", 1501],
      ["2 fetching stale", 2200],
      ["fetch 3", 2200],
      ["3", 2300],
      ["3 stale", 2601],
      ["3 fetching stale", 3300],
      ["fetch 4", 3300],
      ["4", 3400],
    ],
  },
);
