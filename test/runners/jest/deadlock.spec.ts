// Deliberately failing (a deadlock): runners.test.ts checks that Jest prints the DeadlockError report.
import { chan, go } from "gort";
import { test } from "gort/testing/jest";

test("a forgotten receiver deadlocks", async () => {
  const replies = chan<string>(0, "replies");
  go(async () => {
    await replies.send("pong");
  });
  // the root returns without receiving
});
