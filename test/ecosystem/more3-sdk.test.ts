// API SDKs' built-in retries and request timeouts, unchanged, in a bubble (third batch; see harness.ts),
// against a local HTTP server the scenario starts: real I/O holds the bubble's time while a request is in
// flight; the SDK's sleeps between attempts and its timeout timer are virtual. The server stamps each
// request with the scenario's clock (marks), so the gaps between attempts are the SDK's sleeps.
//
// The SDKs jitter their default backoff with Math.random: each scenario pins Math.random to 0.5 while it
// runs, so the documented formula gives one exact delay (Node truncates a fractional delay to whole ms,
// and so does a bubble).
import type { ServerResponse } from "node:http";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { scenario } from "./harness.ts";
import { pinnedRandom, serve } from "./servers.ts";

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

const completion = (text: string) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 946684800,
  model: "gpt-test",
  choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
});

const overloaded = { error: { message: "overloaded", type: "server_error" } };

scenario(
  "openai 7.60.0: a 429 with retry-after-ms 2000 is retried after 2000 ms, then a 500 after the default backoff of a second retry (1 s × jitter: 875 ms), then the completion",
  (c) =>
    pinnedRandom(async () => {
      const server = await serve(c, (n, _req, res) => {
        if (n === 1) json(res, 429, overloaded, { "retry-after-ms": String(c.ms(2000)) });
        else if (n === 2) json(res, 500, overloaded);
        else json(res, 200, completion(`answer ${n}`));
      });
      try {
        const client = new OpenAI({ apiKey: "sk-test", baseURL: `${server.url}/v1` });
        const r = await client.chat.completions.create({
          model: "gpt-test",
          messages: [{ role: "user", content: "hi" }],
        });
        c.mark("completed");
        return r.choices[0].message.content;
      } finally {
        await server.close();
      }
    }),
  {
    result: "answer 3",
    // The default backoff, 0.5 s × 2^(retries so far) × jitter, is the SDK's own, not scaled on real time
    // (there it takes 875 real ms).
    elapsed: 2875,
    marks: [
      ["request 1", 0],
      ["request 2", 2000],
      ["request 3", 2875],
      ["completed", 2875],
    ],
  },
);

scenario(
  "openai 7.60.0: retry-after 1 (seconds) is honoured; with maxRetries 1 a second 503 is the APIError the call rejects with",
  (c) =>
    pinnedRandom(async () => {
      const server = await serve(c, (_n, _req, res) => json(res, 503, overloaded, { "retry-after": "1" }));
      try {
        const client = new OpenAI({ apiKey: "sk-test", baseURL: `${server.url}/v1`, maxRetries: 1 });
        const e = await client.chat.completions
          .create({ model: "gpt-test", messages: [{ role: "user", content: "hi" }] })
          .then(
            () => "resolved",
            (err: InstanceType<typeof OpenAI.APIError>) => `${err.constructor.name} ${err.status}`,
          );
        c.mark("failed");
        return e;
      } finally {
        await server.close();
      }
    }),
  {
    result: "InternalServerError 503",
    elapsed: 1000, // unscaled on real time: the header says 1 s
    marks: [
      ["request 1", 0],
      ["request 2", 1000],
      ["failed", 1000],
    ],
  },
);

scenario(
  "openai 7.60.0: timeout 1000 aborts a request the server holds for 5 s (APIConnectionTimeoutError), retried after 438 ms and answered in 50",
  (c) =>
    pinnedRandom(async () => {
      const server = await serve(c, (n, _req, res) => {
        setTimeout(() => json(res, 200, completion(`answer ${n}`)), c.ms(n === 1 ? 5000 : 50));
      });
      try {
        const client = new OpenAI({
          apiKey: "sk-test",
          baseURL: `${server.url}/v1`,
          timeout: c.ms(1000),
          maxRetries: 1,
        });
        const r = await client.chat.completions.create({
          model: "gpt-test",
          messages: [{ role: "user", content: "hi" }],
        });
        c.mark("completed");
        const noRetry = await client.chat.completions
          .create({ model: "gpt-test", messages: [{ role: "user", content: "hi" }] }, { maxRetries: 0 })
          .then(
            () => "resolved",
            (err: Error) => err.constructor.name,
          );
        return [r.choices[0].message.content, noRetry];
      } finally {
        await server.close();
      }
    }),
  {
    result: ["answer 2", "resolved"],
    elapsed: 1488 + 50,
    marks: [
      ["request 1", 0],
      ["request 2", 1438],
      ["completed", 1488],
      ["request 3", 1488],
    ],
  },
);

const message = (text: string) => ({
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "claude-test",
  content: [{ type: "text", text }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
});

scenario(
  "@anthropic-ai/sdk 1.16.0: a 529 (overloaded) is retried after the default 0.5 s × jitter (437.5 ms, which Node's whole-ms timers fire at 438); a 500 with x-should-retry: false is not retried",
  (c) =>
    pinnedRandom(async () => {
      const server = await serve(c, (n, _req, res) => {
        if (n === 1) json(res, 529, { type: "error", error: { type: "overloaded_error", message: "busy" } });
        else
          json(
            res,
            500,
            { type: "error", error: { type: "api_error", message: "boom" } },
            { "x-should-retry": "false" },
          );
      });
      try {
        const client = new Anthropic({ apiKey: "sk-ant-test", baseURL: server.url });
        const e = await client.messages
          .create({ model: "claude-test", max_tokens: 16, messages: [{ role: "user", content: "hi" }] })
          .then(
            () => "resolved",
            (err: InstanceType<typeof Anthropic.APIError>) => `${err.constructor.name} ${err.status}`,
          );
        c.mark("failed");
        return e;
      } finally {
        await server.close();
      }
    }),
  {
    result: "InternalServerError 500",
    elapsed: 438, // the SDK's own backoff, unscaled on real time
    marks: [
      ["request 1", 0],
      ["request 2", 438],
      ["failed", 438],
    ],
  },
);

scenario(
  "@anthropic-ai/sdk 1.16.0: a per-request timeout of 800 aborts a held request; retried after 438 ms, the second answers in 100",
  (c) =>
    pinnedRandom(async () => {
      const server = await serve(c, (n, _req, res) => {
        setTimeout(() => json(res, 200, message(`answer ${n}`)), c.ms(n === 1 ? 3000 : 100));
      });
      try {
        const client = new Anthropic({ apiKey: "sk-ant-test", baseURL: server.url, maxRetries: 1 });
        const r = await client.messages.create(
          { model: "claude-test", max_tokens: 16, messages: [{ role: "user", content: "hi" }] },
          { timeout: c.ms(800) },
        );
        c.mark("answered");
        const block = r.content[0];
        return block.type === "text" ? block.text : block.type;
      } finally {
        await server.close();
      }
    }),
  {
    result: "answer 2",
    elapsed: 1338,
    marks: [
      ["request 1", 0],
      ["request 2", 1238],
      ["answered", 1338],
    ],
  },
);
