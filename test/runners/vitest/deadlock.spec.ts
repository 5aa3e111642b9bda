// Deliberately failing (a deadlock): runners.test.ts checks that Vitest prints the DeadlockError report.
import { chan, go } from "gort";
import { test } from "gort/testing/vitest";

test("a forgotten receiver deadlocks", async () => {
  const replies = chan<string>(0, "replies");
  go(async () => {
    await replies.send("pong");
  });
  // the root returns without receiving
});
