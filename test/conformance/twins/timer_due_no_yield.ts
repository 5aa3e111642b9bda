// Twin of test/conformance/go/timer_due_no_yield: receiving from a due timer's channel and Sleep(0) do not
// yield; Sleep(1ns), a pending timer and Gosched do (GOMAXPROCS(1)).
import { GOMAXPROCS, go, gosched, recv, select, time } from "../../../src/index.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const order: string[] = [];
  const step = async (name: string, wait: () => Promise<unknown>) => {
    go(() => {
      order.push(`goroutine of ${name}`);
    });
    await wait();
    order.push(`main after ${name}`);
  };
  await step("NewTimer(0) receive", () => time.newTimer(0).c.recv());
  await step("After(-1) receive", () => time.after(-1).recv());
  await step("Sleep(0)", () => time.sleep(0));
  const t = time.newTimer(time.Millisecond);
  await time.sleep(2 * time.Millisecond);
  await step("due timer receive", () => t.c.recv());
  await step("due timer select", () => {
    t.reset(0);
    return select([recv(t.c), recv(time.after(time.Hour))] as const);
  });
  await step("Sleep(1ns)", () => time.sleep(1));
  await step("After(1ns) receive", () => time.after(1).recv());
  await step("Gosched", gosched);
  for (const [i, s] of order.entries()) println(i, s);
}
