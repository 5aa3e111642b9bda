// Twin of test/conformance/go/signal_notify_ignore: notify, stop, ignore, ignored and reset; a full
// channel drops a signal, notify again adds signals, ignore undoes registrations (notifyContext's too),
// notify undoes ignore, reset undoes both, notify without signals relays every signal.
import { chan, context, signal } from "../../../src/index.ts";
import { println, recovered } from "./harness.ts";

/** Go's %v of an os.Signal: strsignal's text. */
const text: Partial<Record<NodeJS.Signals, string>> = {
  SIGUSR2: "user defined signal 2",
  SIGHUP: "hangup",
  SIGWINCH: "window changed",
};
const str = (s: NodeJS.Signals | undefined) => (s === undefined ? "<nil>" : (text[s] ?? s));

function kill(sig: NodeJS.Signals): void {
  process.kill(process.pid, sig);
}

export async function main(): Promise<void> {
  const c = chan<NodeJS.Signals>(1);
  signal.notify(c, "SIGUSR2");
  kill("SIGUSR2");
  println("got:", str(await c.recv()));

  const sync = chan<NodeJS.Signals>(10);
  signal.notify(sync, "SIGUSR2", "SIGHUP");
  kill("SIGUSR2");
  await sync.recv();
  kill("SIGUSR2");
  await sync.recv();
  println("two signals into a channel of one slot: len", c.len, "got:", str(await c.recv()));

  signal.notify(c, "SIGHUP");
  kill("SIGHUP");
  await sync.recv();
  println("Notify again adds a signal:", str(await c.recv()));

  signal.stop(c);
  kill("SIGUSR2");
  await sync.recv();
  println("after Stop: len", c.len);
  signal.stop(c);

  println("Ignored before Ignore:", signal.ignored("SIGUSR2"));
  signal.ignore("SIGUSR2");
  println("Ignored after Ignore:", signal.ignored("SIGUSR2"), "SIGHUP:", signal.ignored("SIGHUP"));
  kill("SIGUSR2");
  kill("SIGHUP");
  println("ignored SIGUSR2 not relayed, next:", str(await sync.recv()), "len", sync.len);

  signal.notify(sync, "SIGUSR2");
  println("Ignored after Notify:", signal.ignored("SIGUSR2"));
  kill("SIGUSR2");
  println("relayed again:", str(await sync.recv()));

  const [ctx, stop] = signal.notifyContext(context.background(), "SIGUSR2");
  signal.ignore("SIGUSR2");
  kill("SIGUSR2");
  kill("SIGHUP");
  await sync.recv();
  println("NotifyContext after Ignore:", ctx.err());
  stop();

  signal.reset("SIGUSR2");
  println("Ignored after Reset:", signal.ignored("SIGUSR2"));
  signal.ignore();
  println(
    "Ignore(): SIGINT",
    signal.ignored("SIGINT"),
    "SIGTERM",
    signal.ignored("SIGTERM"),
    "SIGHUP",
    signal.ignored("SIGHUP"),
  );
  signal.reset();
  println("Reset(): SIGINT", signal.ignored("SIGINT"), "SIGHUP", signal.ignored("SIGHUP"));

  const every = chan<NodeJS.Signals>(4);
  signal.notify(every);
  kill("SIGWINCH");
  println("Notify with no signals:", str(await every.recv()));
  kill("SIGUSR2");
  println("Notify with no signals:", str(await every.recv()));
  signal.stop(every);

  let r: unknown = null;
  try {
    signal.notify(null, "SIGUSR2");
  } catch (e) {
    r = e;
  } finally {
    println("recovered:", recovered(r));
  }
}
