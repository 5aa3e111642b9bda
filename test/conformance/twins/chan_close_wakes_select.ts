// Twin of test/conformance/go/chan_close_wakes_select: close while goroutines block in selects and plain
// operations: receivers get zero values, senders panic; buffered values first.
import { chan, go, recv, select, send, time } from "../../../src/index.ts";
import { println, recovered, since } from "./harness.ts";

/** Runs f; resolves with what it threw (Go: recover() in a deferred call), or null. */
async function panicOf(f: () => Promise<unknown>): Promise<unknown> {
  try {
    await f();
    return null;
  } catch (e) {
    return e;
  }
}

export async function main(): Promise<void> {
  const start = time.now();
  const ms = time.Millisecond;
  const c = chan<number>();
  const d = chan<number>();
  const never = chan<number>();
  const results = chan<string>(10);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      const r = await select([recv(c), recv(never)] as const);
      if (r.index === 0)
        await results.send(`select receiver ${i} got ${r.value ?? 0} ${r.ok} at ${since(start)}`);
    });
  }
  go(async () => {
    const r = await c.recvOk();
    await results.send(`plain receiver got ${r.value ?? 0} ${r.ok} at ${since(start)}`);
  });
  for (let i = 0; i < 2; i++) {
    go(async () => {
      const p = await panicOf(async () => {
        const r = await select([send(d, i), send(null, i)] as const);
        if (r.index === 0) await results.send("sent?");
      });
      await results.send(`select sender ${i} recovered: ${recovered(p)} at ${since(start)}`);
    });
  }
  go(async () => {
    const p = await panicOf(() => d.send(9));
    await results.send(`plain sender recovered: ${recovered(p)} at ${since(start)}`);
  });
  await time.sleep(10 * ms);
  c.close();
  d.close();
  const rs: string[] = [];
  for (let i = 0; i < 6; i++) rs.push((await results.recv())!);
  rs.sort();
  for (const r of rs) println(r);

  const b = chan<number>(2);
  await b.send(1);
  await b.send(2);
  go(async () => {
    const p = await panicOf(() => b.send(3));
    await results.send(`blocked buffered sender recovered: ${recovered(p)}`);
  });
  await time.sleep(ms);
  b.close();
  println(await results.recv(), "at", since(start));
  for (let i = 0; i < 3; i++) {
    const r = await select([recv(b), recv(null)] as const);
    if (r.index === 0) println("buffered after close:", r.value ?? 0, r.ok, "len", b.len);
  }
}
