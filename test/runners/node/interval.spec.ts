// Deliberately failing (an interval left running): runners.test.ts checks that the runner shows the
// SynctestError naming the interval and the line that created it.
import { test } from "gort/testing/node";

test("a setInterval left running fails the test", async () => {
  setInterval(() => {}, 1000);
  await new Promise((r) => setTimeout(r, 2500));
});
