// gort/testing/node registers node:test tests whose bodies run in bubbles: both argument orders and the
// nameless forms; the TestContext (its signal included) reaches the body.
import assert from "node:assert/strict";
import { test } from "../../../src/testing/node.ts";

test(
  "the body first, options after",
  async (t) => {
    assert.equal(Date.now(), 946684800000);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(Date.now(), 946684801000);
    assert.ok(t.signal instanceof AbortSignal);
  },
  { stallTimeout: 1000 },
);

test("node:test's order: options before the body", { timeout: 60_000 }, async (t) => {
  assert.equal(t.name, "node:test's order: options before the body");
  await new Promise((r) => setTimeout(r, 60_000)); // a virtual minute, under a real 60 s timeout
  assert.equal(Date.now(), 946684860000);
});

// node:test's nameless forms: the test is named after the body function.
test(async function namedAfterItsBody(t) {
  assert.equal(t.name, "namedAfterItsBody");
  await new Promise((r) => setTimeout(r, 5000));
  assert.equal(Date.now(), 946684805000);
});

test({ timeout: 60_000 }, async function optionsThenBody(t) {
  assert.equal(t.name, "optionsThenBody");
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(Date.now(), 946684801000);
});

// node:test's forms without a body: a no-op test, and with .todo a todo; no bubble is made.
test("a test without a body passes");
test.todo("a todo without a body");
