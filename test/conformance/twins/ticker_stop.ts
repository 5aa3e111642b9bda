// Twin of test/conformance/go/ticker_stop: no ticks after Stop; Stop twice; Reset after Stop restarts it.
import { recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const k = time.newTicker(10 * time.Millisecond);
  let v = await k.c.recv();
  println("tick value", sub(v, start));
  await time.sleep(15 * time.Millisecond);
  k.stop();
  println("stopped at", since(start), "with an unread tick due at 20ms");
  k.stop();
  const r = await select([recv(k.c), recv(time.after(100 * time.Millisecond))] as const);
  if (r.index === 0) println("unexpected tick", sub(r.value, start));
  else println("no tick until", since(start));
  k.reset(10 * time.Millisecond);
  v = await k.c.recv();
  println("reset after stop restarts it: value", sub(v, start));
  k.stop();
}
