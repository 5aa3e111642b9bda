// Twin of test/conformance/go/timer_stop_before_fire: Stop before the deadline; no value ever arrives.
import { recv, select, time } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const t = time.newTimer(20 * time.Millisecond);
  await time.sleep(5 * time.Millisecond);
  println("first stop:", t.stop(), "at", since(start));
  println("second stop:", t.stop());
  const r = await select([recv(t.c), recv(time.after(50 * time.Millisecond))] as const);
  if (r.index === 0) println("unexpected value", sub(r.value, start));
  else println("no value by", since(start));
  println("stop after the old deadline:", t.stop());
}
