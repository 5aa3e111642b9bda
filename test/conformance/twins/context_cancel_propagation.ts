// Twin of test/conformance/go/context_cancel_propagation: a parent's cancel reaches children and grandchildren.
import { chan, context, go, time } from "../../../src/index.ts";
import { fmtV, println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const [parent, cancelParent] = context.withCancel(context.background());
  const [child1, cancel1] = context.withCancel(parent);
  try {
    const [child2, cancel2] = context.withTimeout(parent, time.Hour);
    try {
      const [grandchild, cancel3] = context.withCancel(child1);
      try {
        const [sibling, cancelSibling] = context.withCancel(parent);
        cancelSibling();
        println("sibling err:", sibling.err(), "parent err:", parent.err());
        const names = ["child1", "child2 (1h timeout)", "grandchild"];
        const results: string[] = new Array(names.length).fill("");
        const done = chan<boolean>();
        for (const [i, c] of [child1, child2, grandchild].entries()) {
          go(async () => {
            await c.done()!.recv();
            results[i] = `${names[i]} done at ${since(start)}: ${fmtV(c.err())}`;
            await done.send(true);
          });
        }
        await time.sleep(10 * time.Millisecond);
        cancelParent();
        for (const _ of names) {
          await done.recv();
        }
        for (const s of results) {
          println(s);
        }
        println("parent err:", parent.err(), "cause:", context.cause(parent));
      } finally {
        cancel3();
      }
    } finally {
      cancel2();
    }
  } finally {
    cancel1();
  }
}
