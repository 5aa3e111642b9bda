// Twin of test/conformance/go/timer_stop_after_fire_unread: Stop/Reset after an unread fire return true and
// leave no stale value.
import { type ReceiveChan, recv, time, trySelect } from "../../../src/index.ts";
import { println, since, sub } from "./harness.ts";

function poll(name: string, c: ReceiveChan<time.Time>): void {
  const r = trySelect([recv(c)] as const);
  if (r !== null) println(name, "got a value");
  else println(name, "no value ready");
}

export async function main(): Promise<void> {
  const start = time.now();
  const t = time.newTimer(10 * time.Millisecond);
  await time.sleep(20 * time.Millisecond);
  println("len after deadline:", t.c.len);
  println("stop after unread fire:", t.stop());
  poll("after stop:", t.c);

  const r = time.newTimer(10 * time.Millisecond);
  await time.sleep(20 * time.Millisecond);
  println("reset after unread fire:", r.reset(10 * time.Millisecond), "at", since(start));
  poll("after reset:", r.c);
  const v = await r.c.recv();
  println("value after reset", sub(v, start), "at", since(start));

  const u = time.newTimer(10 * time.Millisecond);
  await time.sleep(20 * time.Millisecond);
  poll("unstopped:", u.c);
  println("stop after receive:", u.stop());
}
