// Twin of test/conformance/go/errgroup_try_go: tryGo starts a goroutine only within the limit.
import { errgroup, time } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const g = new errgroup.Group();
  println(
    "no limit:",
    g.tryGo(() => null),
  );
  println("wait:", await g.wait());

  g.setLimit(1);
  println(
    "first:",
    g.tryGo(async () => {
      await time.sleep(10 * time.Millisecond);
      return new Error("slow failed");
    }),
  );
  println(
    "second:",
    g.tryGo(() => new Error("never runs")),
  );
  await time.sleep(10 * time.Millisecond);
  println(
    "after the first finished:",
    g.tryGo(() => null),
  );
  println("wait:", await g.wait(), "at", since(start));

  const z = new errgroup.Group();
  z.setLimit(0);
  println(
    "limit 0:",
    z.tryGo(() => null),
  );
  println("wait:", await z.wait());
}
