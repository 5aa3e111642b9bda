// Twin of test/conformance/go/deadlock_dump_reused_g: goroutines started after others exited take their
// place in the deadlock report's order (Go reuses exited goroutines' structures).
import { chan, GOMAXPROCS, go, select, time } from "../../../src/index.ts";
import { chanrecv, chansend } from "../../../src/internal/runtime/chan.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  GOMAXPROCS(1);
  const block = chan<number>();
  const quit = chan<boolean>();
  go(() => quit.recv()); // 6: exits at 1ms
  go(() => block.recv()); // 7: blocks for good
  go(() => quit.recv()); // 8: exits at 1ms
  await time.sleep(time.Millisecond);
  quit.close();
  await time.sleep(time.Millisecond);
  go(() => select([])); // 9
  go(() => chansend(null, 1)); // 10: Go's nilc <- 1
  go(() => block.send(1)); // 11: hands 1 to 7, which exits
  go(() => chanrecv(null)); // 12: Go's <-nilc
  await time.sleep(time.Millisecond);
  go(() => block.recv()); // 13
  println("main blocks");
  await block.recv();
}
