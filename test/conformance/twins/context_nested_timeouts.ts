// Twin of test/conformance/go/context_nested_timeouts: nested timeouts, shorter child and shorter parent.
import { context, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const [parent, cancelP] = context.withTimeout(context.background(), 50 * time.Millisecond);
  try {
    const [child, cancelC] = context.withTimeout(parent, 20 * time.Millisecond);
    try {
      await child.done()!.recv();
      println("child (20ms) done at", since(start), "err:", child.err(), "parent err:", parent.err());
      await parent.done()!.recv();
      println("parent (50ms) done at", since(start), "err:", parent.err());

      const mark = time.now();
      const [p2, cancelP2] = context.withTimeout(context.background(), 10 * time.Millisecond);
      try {
        const [c2, cancelC2] = context.withTimeout(p2, 30 * time.Millisecond);
        try {
          const { deadline: d } = c2.deadline();
          println("child (30ms) reports deadline", sub(d, mark));
          await c2.done()!.recv();
          println("child done after", since(mark), "err:", c2.err(), "parent err:", p2.err());
        } finally {
          cancelC2();
        }
      } finally {
        cancelP2();
      }
    } finally {
      cancelC();
    }
  } finally {
    cancelP();
  }
}
