// HTTP clients' retries and timeouts, unchanged, in a bubble (fourth batch; see harness.ts), against a
// local HTTP server the scenario starts: real I/O holds the bubble's time while a request is in flight;
// the client's sleeps between attempts and its timeout timers are virtual. The server stamps each request
// with the scenario's clock (marks), so the gaps between attempts are the client's sleeps.
import type { ServerResponse } from "node:http";
import axios from "axios";
import axiosRetry from "axios-retry";
import { ofetch } from "ofetch";
import Stripe from "stripe";
import { scenario } from "./harness.ts";
import { pinnedRandom, serve } from "./servers.ts";

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

scenario(
  "ofetch 1.5.1: retry 2, retryDelay 500: two 503s are retried 500 ms apart, the third answer is the JSON",
  async (c) => {
    const server = await serve(c, (n, _req, res) =>
      n < 3 ? json(res, 503, { error: "busy" }) : json(res, 200, { ok: n }),
    );
    try {
      const r = await ofetch<{ ok: number }>(`${server.url}/thing`, { retry: 2, retryDelay: c.ms(500) });
      c.mark("answered");
      return r;
    } finally {
      await server.close();
    }
  },
  {
    result: { ok: 3 },
    elapsed: 1000,
    marks: [
      ["request 1", 0],
      ["request 2", 500],
      ["request 3", 1000],
      ["answered", 1000],
    ],
  },
);

scenario(
  "ofetch 1.5.1: timeout 1000 aborts a request the server holds for 5 s (TimeoutError); its retry, 200 ms later, reuses the aborted signal and fails at once without a request",
  async (c) => {
    const server = await serve(c, (n, _req, res) => {
      const t = setTimeout(() => json(res, 200, { ok: n }), c.ms(5000));
      res.on("close", () => clearTimeout(t));
    });
    try {
      const r = await ofetch(`${server.url}/slow`, {
        timeout: c.ms(1000),
        retry: 1,
        retryDelay: c.ms(200),
        onRequest: () => c.mark("attempt"),
      }).then(
        () => "resolved",
        (err: Error & { cause?: Error }) => `${err.name}: ${err.cause?.name}`,
      );
      c.mark("failed");
      return r;
    } finally {
      await server.close();
    }
  },
  {
    result: "FetchError: TimeoutError",
    elapsed: 1200,
    marks: [
      ["attempt", 0],
      ["request 1", 0],
      ["attempt", 1200],
      ["failed", 1200],
    ],
  },
);

scenario(
  "axios 1.21.1 + axios-retry 4.5.0: retries 3 with exponentialDelay (2^n × 100 ms + 20 % × random): 500s at 0, 220 and 660 ms, then the answer",
  (c) =>
    pinnedRandom(async () => {
      const server = await serve(c, (n, _req, res) =>
        n < 4 ? json(res, 500, { error: n }) : json(res, 200, { ok: n }),
      );
      try {
        const client = axios.create({ baseURL: server.url });
        axiosRetry(client, {
          retries: 3,
          retryDelay: (n, e) => c.ms(axiosRetry.exponentialDelay(n, e)),
          onRetry: (n) => c.mark(`retry ${n}`),
        });
        const r = await client.get("/thing");
        c.mark("answered");
        return r.data;
      } finally {
        await server.close();
      }
    }),
  {
    // exponentialDelay(n) with random 0.5: 2^n × 100 × 1.1 = 220, 440, 880 ms.
    result: { ok: 4 },
    elapsed: 1540,
    marks: [
      ["request 1", 0],
      ["retry 1", 0],
      ["request 2", 220],
      ["retry 2", 220],
      ["request 3", 660],
      ["retry 3", 660],
      ["request 4", 1540],
      ["answered", 1540],
    ],
  },
);

scenario(
  "axios 1.21.1 + axios-retry 4.5.0: timeout 1000 with shouldResetTimeout: a held request times out (ECONNABORTED), is retried after 300 ms, and the retry gets its own 1000 ms",
  async (c) => {
    const server = await serve(c, (n, _req, res) => {
      const t = setTimeout(() => json(res, 200, { ok: n }), c.ms(n === 1 ? 5000 : 800));
      res.on("close", () => clearTimeout(t));
    });
    try {
      const client = axios.create({ baseURL: server.url, timeout: c.ms(1000) });
      axiosRetry(client, {
        retries: 1,
        shouldResetTimeout: true,
        retryDelay: () => c.ms(300),
        retryCondition: (e) => e.code === "ECONNABORTED",
        onRetry: (_n, e) => c.mark(`retry after ${e.code}`),
      });
      const r = await client.get("/slow");
      c.mark("answered");
      return r.data;
    } finally {
      await server.close();
    }
  },
  {
    result: { ok: 2 },
    elapsed: 2100,
    marks: [
      ["request 1", 0],
      ["retry after ECONNABORTED", 1000],
      ["request 2", 1300],
      ["answered", 2100],
    ],
  },
);

scenario(
  "stripe 23.2.0: maxNetworkRetries 3: three 500s are retried after 500, 500 and 750 ms (0.5 s × 2^(n−1) × jitter 0.75, at least 0.5 s), then the customer",
  (c) =>
    pinnedRandom(async () => {
      const server = await serve(c, (n, _req, res) =>
        n < 4
          ? json(res, 500, { error: { type: "api_error", message: `down ${n}` } })
          : json(res, 200, { id: "cus_1", object: "customer", email: `try${n}@example.com` }),
      );
      try {
        const stripe = new Stripe("sk_test_gort", {
          host: "127.0.0.1",
          port: server.port,
          protocol: "http",
          maxNetworkRetries: 3,
          telemetry: false,
        });
        const customer = await stripe.customers.retrieve("cus_1");
        c.mark("answered");
        return (customer as Stripe.Customer).email;
      } finally {
        await server.close();
      }
    }),
  {
    result: "try4@example.com",
    // The SDK's own backoff, not scaled on real time (there it takes 1750 real ms).
    elapsed: 1750,
    marks: [
      ["request 1", 0],
      ["request 2", 500],
      ["request 3", 1000],
      ["request 4", 1750],
      ["answered", 1750],
    ],
  },
);

scenario(
  "stripe 23.2.0: timeout 1000 on a request the server holds for 5 s: StripeConnectionError, retried after 500 ms, answered in 50",
  (c) =>
    pinnedRandom(async () => {
      const server = await serve(c, (n, _req, res) => {
        const t = setTimeout(
          () => json(res, 200, { id: "cus_1", object: "customer", email: `try${n}@example.com` }),
          c.ms(n === 1 ? 5000 : 50),
        );
        res.on("close", () => clearTimeout(t));
      });
      try {
        const stripe = new Stripe("sk_test_gort", {
          host: "127.0.0.1",
          port: server.port,
          protocol: "http",
          maxNetworkRetries: 1,
          timeout: c.ms(1000),
          telemetry: false,
        });
        const customer = await stripe.customers.retrieve("cus_1");
        c.mark("answered");
        const e = await stripe.customers
          .retrieve("cus_1", {}, { maxNetworkRetries: 0, timeout: c.ms(10) })
          .then(
            () => "resolved",
            (err: Error) => err.constructor.name,
          );
        c.mark("failed");
        return [(customer as Stripe.Customer).email, e];
      } finally {
        await server.close();
      }
    }),
  {
    result: ["try2@example.com", "StripeConnectionError"],
    elapsed: 1560,
    marks: [
      ["request 1", 0],
      ["request 2", 1500],
      ["answered", 1550],
      ["request 3", 1550],
      ["failed", 1560],
    ],
  },
);
