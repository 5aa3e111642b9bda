// Twin of test/conformance/go/select_send_recv_same_channel: send and receive cases on one channel,
// duplicate cases, a blocked select with two sends on one channel.
import { chan, go, recv, select, send, time, trySelect } from "../../../src/index.ts";
import { println, since } from "./harness.ts";

export async function main(): Promise<void> {
  const start = time.now();
  const c = chan<number>();
  {
    const r = trySelect([send(c, 1), recv(c)] as const);
    if (r === null) println("a select cannot pair with itself: default");
    else if (r.index === 0) println("sent to itself?");
    else println("received from itself?", r.value);
  }
  const results = chan<string>(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      const r = await select([send(c, 10 + i), recv(c)] as const);
      if (r.index === 0) await results.send("sent");
      else await results.send(`received ${r.value! >= 10}`);
    });
  }
  const rs = [(await results.recv())!, (await results.recv())!].sort();
  println("two selects paired:", rs, "at", since(start));

  const b = chan<number>(1);
  for (let i = 0; i < 4; i++) {
    const r = await select([send(b, i), recv(b)] as const);
    if (r.index === 0) println("buffer had room: sent", i, "len", b.len);
    else println("buffer full: received", r.value, "len", b.len);
  }
  await b.send(5);
  {
    const r = await select([recv(b), recv(b)] as const);
    println("duplicate receive cases: got", r.value);
  }
  {
    const r = trySelect([recv(b), recv(b)] as const);
    if (r === null) println("duplicate cases on an empty channel: default");
    else println("unexpected");
  }

  const u = chan<number>();
  const sent = chan<string>();
  go(async () => {
    const r = await select([send(u, 7), send(u, 7)] as const);
    await sent.send(r.index === 0 ? "first send case" : "second send case");
  });
  await time.sleep(5 * time.Millisecond);
  println("received", await u.recv(), "at", since(start));
  const s = await sent.recv();
  println("one send case ran:", s === "first send case" || s === "second send case");
  {
    const r = u.tryRecv();
    if (r !== null) println("second value?", r.value);
    else println("only one send happened");
  }
}
