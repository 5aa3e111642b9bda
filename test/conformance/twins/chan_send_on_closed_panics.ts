// Twin of test/conformance/go/chan_send_on_closed_panics: send on a closed channel panics, also in a
// select and for a sender blocked when the channel closes.
import { chan, go, send, time, trySelect } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const ch = chan<number>(1);
  ch.close();
  {
    let r: unknown = null;
    try {
      await ch.send(1);
    } catch (e) {
      r = e;
    } finally {
      println("recovered:", recovered(r));
    }
  }
  {
    let r: unknown = null;
    try {
      trySelect([send(ch, 2)] as const);
    } catch (e) {
      r = e;
    } finally {
      println("select send recovered:", recovered(r));
    }
  }
  const u = chan<number>();
  const done = chan<boolean>();
  go(async () => {
    let r: unknown = null;
    try {
      await u.send(3);
    } catch (e) {
      r = e;
    } finally {
      println(`blocked sender recovered at ${since(start)}: ${recovered(r)}`);
      await done.send(true);
    }
  });
  await time.sleep(10 * time.Millisecond);
  u.close();
  await done.recv();
}
