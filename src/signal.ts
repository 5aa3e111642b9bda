// Public: Go's os/signal.NotifyContext — a context cancelled when the process receives one of the given
// signals (SIGINT on Ctrl-C, SIGTERM from a supervisor), on Node's process signal events.
//
// As in Go, two goroutines do the work. A runtime's signal loop (Go's os/signal.loop) waits for signals
// as a goroutine in a system call (gort's io(): it is not durably blocked, so while it runs no deadlock
// is reported, and under the fake clock time stands still, as under Go's faketime) and relays each one,
// without blocking, to the channels registered for it; a watcher goroutine per context waits for its
// channel or for the context to be done, and cancels the context on a signal (err and cause
// context.Canceled, as in Go 1.23). While a registration exists the signal's default action (exit) is
// off; stop() cancels the context and removes the registration, restoring it.
//
// Difference from Go: the loop goroutine ends when the last registration of its runtime is stopped (Go's
// lives on), so runtime.NumGoroutine counts one fewer afterwards, and a fake clock moves again. Without
// signals, Go relays every signal; Node cannot listen to all, so gort listens to SIGINT and SIGTERM.
//
// Invariants:
//   n1. a process listener exists for a signal exactly while some registration that is not stopped lists
//       it; a runtime that stops drops its registrations within stopPollMs.
//   n2. a runtime has a loop (in `loops`, with its poll timer armed) while it has registrations; each
//       registration is in the registrations of the loop of the runtime that made it.

import { type Chan, chan } from "./chan.ts";
import { type CancelFunc, type Context, withCancel } from "./context.ts";
import { go, io } from "./go.ts";
import { hostClearTimeout, hostSetTimeout } from "./internal/host.ts";
import { currentRuntime, type Sched } from "./internal/runtime/proc.ts";
import { recv, select } from "./select.ts";

interface Registration {
  readonly ch: Chan<NodeJS.Signals>;
  readonly signals: ReadonlySet<NodeJS.Signals>;
  /** Set by stop(), or when its runtime stopped first: its listeners are gone. */
  stopped: boolean;
}

/** A runtime's signal loop: its registrations, the signals not yet relayed, and how to wake it. */
interface Loop {
  readonly regs: Set<Registration>;
  readonly queue: NodeJS.Signals[];
  wake: (() => void) | null;
  /** The host timer that checks the runtime still runs (and keeps Node alive), null once it ended. */
  poll: ReturnType<typeof hostSetTimeout> | null;
}

/**
 * How often (real ms) a loop checks that its runtime still runs; a runtime that stopped without stop()
 * being called loses its registrations then. The host timer is also what keeps Node alive for the signal:
 * Node does not stay alive for signal listeners alone, and Go's program waits for its signal.
 */
const stopPollMs = 100;

const loops = new Map<Sched, Loop>();
/** The process listener of each signal, and how many registrations list it. */
const listeners = new Map<NodeJS.Signals, { readonly fn: (sig: NodeJS.Signals) => void; count: number }>();

function onSignal(sig: NodeJS.Signals): void {
  for (const loop of loops.values()) {
    let wanted = false;
    for (const r of loop.regs) wanted ||= r.signals.has(sig);
    if (!wanted) continue;
    loop.queue.push(sig);
    loop.wake?.();
  }
}

function listen(sig: NodeJS.Signals): void {
  const l = listeners.get(sig);
  if (l !== undefined) {
    l.count++;
    return;
  }
  listeners.set(sig, { fn: onSignal, count: 1 });
  process.on(sig, onSignal);
}

function unlisten(sig: NodeJS.Signals): void {
  const l = listeners.get(sig);
  if (l === undefined || --l.count > 0) return;
  listeners.delete(sig);
  process.off(sig, l.fn);
}

/** The loop goroutine of the current runtime, started if it has none. */
function loopOf(rt: Sched): Loop {
  const loop = loops.get(rt);
  if (loop !== undefined) return loop;
  const l: Loop = { regs: new Set(), queue: [], wake: null, poll: null };
  loops.set(rt, l);
  const poll = () => {
    if (loops.get(rt) !== l) return;
    if (!rt.stopped) {
      l.poll = hostSetTimeout(poll, stopPollMs);
      return;
    }
    for (const r of l.regs) unregister(r);
    l.regs.clear();
    endLoop(rt, l);
  };
  l.poll = hostSetTimeout(poll, stopPollMs);
  go(async () => {
    for (;;) {
      for (let sig = l.queue.shift(); sig !== undefined; sig = l.queue.shift())
        for (const r of l.regs) if (r.signals.has(sig)) r.ch.trySend(sig);
      if (l.regs.size === 0) break;
      await io(
        new Promise<void>((resolve) => {
          l.wake = resolve;
        }),
      );
      l.wake = null;
    }
    endLoop(rt, l);
  });
  return l;
}

function endLoop(rt: Sched, l: Loop): void {
  if (loops.get(rt) === l) loops.delete(rt);
  if (l.poll !== null) hostClearTimeout(l.poll);
  l.poll = null;
}

function unregister(r: Registration): void {
  if (r.stopped) return;
  r.stopped = true;
  for (const sig of r.signals) unlisten(sig);
}

/** Go's syscall.Signal.String on Linux (strsignal's text), by Node's signal name. */
const signalStrings: Partial<Record<NodeJS.Signals, string>> = {
  SIGHUP: "hangup",
  SIGINT: "interrupt",
  SIGQUIT: "quit",
  SIGILL: "illegal instruction",
  SIGTRAP: "trace/breakpoint trap",
  SIGABRT: "aborted",
  SIGIOT: "aborted",
  SIGBUS: "bus error",
  SIGFPE: "floating point exception",
  SIGKILL: "killed",
  SIGUSR1: "user defined signal 1",
  SIGSEGV: "segmentation fault",
  SIGUSR2: "user defined signal 2",
  SIGPIPE: "broken pipe",
  SIGALRM: "alarm clock",
  SIGTERM: "terminated",
  SIGSTKFLT: "stack fault",
  SIGCHLD: "child exited",
  SIGCONT: "continued",
  SIGSTOP: "stopped (signal)",
  SIGTSTP: "stopped",
  SIGTTIN: "stopped (tty input)",
  SIGTTOU: "stopped (tty output)",
  SIGURG: "urgent I/O condition",
  SIGXCPU: "CPU time limit exceeded",
  SIGXFSZ: "file size limit exceeded",
  SIGVTALRM: "virtual timer expired",
  SIGPROF: "profiling timer expired",
  SIGWINCH: "window changed",
  SIGIO: "I/O possible",
  SIGPOLL: "I/O possible",
  SIGPWR: "power failure",
  SIGSYS: "bad system call",
};

function signalString(sig: NodeJS.Signals): string {
  return signalStrings[sig] ?? sig;
}

/**
 * Go: signal.NotifyContext. A copy of parent that is cancelled (err context.Canceled) when the process
 * receives one of `signals` (default SIGINT and SIGTERM), when stop is called, or when parent is done.
 * Until stop is called those signals no longer end the process: call stop as soon as the context is no
 * longer needed. `String(ctx)` is Go's: `signal.NotifyContext(context.Background, [interrupt terminated])`
 * (the signals as passed; none listed when none were passed).
 *
 * @example
 * import { signal } from "gort";
 * const [ctx, stop] = signal.notifyContext(context.background(), "SIGINT", "SIGTERM");
 * process.kill(process.pid, "SIGTERM");
 * await ctx.done()!.recv(); // cancelled when the signal arrives
 * console.log(ctx.err()?.message); // context canceled
 * stop();
 */
export function notifyContext(parent: Context, ...signals: NodeJS.Signals[]): [Context, CancelFunc] {
  const [ctx, cancel] = withCancel(parent);
  const parentName = String(parent) === "[object Object]" ? "context" : String(parent);
  const name = `signal.NotifyContext(${parentName}${signals.length > 0 ? `, [${signals.map(signalString).join(" ")}]` : ""})`;
  Object.defineProperty(ctx, "toString", { value: () => name });
  const sigs = new Set<NodeJS.Signals>(signals.length > 0 ? signals : ["SIGINT", "SIGTERM"]);
  const reg: Registration = {
    ch: chan<NodeJS.Signals>(1, "signal.NotifyContext"),
    signals: sigs,
    stopped: false,
  };
  const rt = currentRuntime();
  const loop = loopOf(rt);
  loop.regs.add(reg);
  for (const sig of sigs) listen(sig);
  if (ctx.err() === null) {
    go(async () => {
      const r = await select([recv(reg.ch), recv(ctx.done())] as const);
      if (r.index === 0) cancel();
    });
  }
  const stop = () => {
    cancel();
    if (reg.stopped) return;
    unregister(reg);
    loop.regs.delete(reg);
    if (loop.regs.size === 0) loop.wake?.();
  };
  return [ctx, stop];
}
