// Twin of test/conformance/go/timer_huge_duration: MaxInt64 timers never fire and lose to short ones.
import { go, recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

const maxInt64 = (1n << 63n) - 1n;

export async function main(): Promise<void> {
  const start = time.now();
  const huge = time.newTimer(maxInt64);
  go(async () => {
    await time.sleep(maxInt64);
    println("Sleep(MaxInt64) returned");
  });
  {
    const r = await select([
      recv(huge.c),
      recv(time.after(maxInt64)),
      recv(time.after(25 * time.Millisecond)),
    ] as const);
    switch (r.index) {
      case 0:
        println("huge timer fired");
        break;
      case 1:
        println("After(MaxInt64) fired");
        break;
      case 2:
        println("25ms timer won, value", sub(r.value, start));
        break;
    }
  }
  println("reset huge to MaxInt64-1:", huge.reset(maxInt64 - 1n));
  const short = time.newTimer(5 * time.Millisecond);
  {
    const r = await select([recv(huge.c), recv(short.c)] as const);
    if (r.index === 0) println("huge timer fired");
    else println("5ms timer won at", since(start));
  }
  println("stop huge:", huge.stop());
}
