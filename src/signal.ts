// Public: Go's os/signal — Notify, Stop, Ignore, Ignored, Reset, and NotifyContext (a context cancelled
// when the process receives one of the given signals: SIGINT on Ctrl-C, SIGTERM from a supervisor) — on
// Node's process signal events. A signal is Node's name for it ("SIGINT"), the value sent on channels.
//
// As in Go, a runtime's signal loop goroutine (Go's os/signal.loop) waits for signals as a goroutine in a
// system call (gort's io(): it is not durably blocked, so while it runs no deadlock is reported, and under
// the fake clock time stands still, as under Go's faketime) and relays each one, without blocking, to the
// channels registered for it: a full channel misses it. notifyContext registers a channel of its own and a
// watcher goroutine per context, which cancels the context on a signal (err and cause context.Canceled,
// as in Go 1.23). While a registration lists a signal, or ignore() ignores it, one process listener is
// installed for it, which turns its default action (exit, for most) off; when neither is left the listener
// is removed and Node's default is back. SIGPIPE and SIGXFSZ, which Node ignores, keep a listener that does
// nothing once they have had one: removing the last listener would give them the system's default (exit),
// not Node's.
//
// Differences from Go: the loop goroutine ends when the last registration of its runtime is gone (Go's
// lives on), so runtime.NumGoroutine counts one fewer afterwards, and a fake clock moves again. Without
// signals, Go's Notify and Ignore act on every signal; gort's on every signal Node can listen to, each
// once (SIGABRT, not its alias SIGIOT), except SIGKILL and SIGSTOP (no program can catch them), SIGUSR1
// (Node's debugger), SIGPROF (profilers), SIGBUS, SIGFPE, SIGILL and SIGSEGV (Node: unsafe to catch) and
// SIGPIPE and SIGXFSZ (ignored by Node); notifyContext without signals listens to SIGINT and SIGTERM. A
// signal Node cannot listen to on this platform (SIGKILL, SIGSTOP) is accepted and never delivered, as in
// Go. Go's defaults for unregistered signals (SIGUSR2, SIGHUP… are caught and dropped by Go's runtime) are
// not reproduced: reset gives back Node's, which ends the process for most.
//
// Invariants:
//   n1. a process listener exists for a signal exactly while some live registration lists it or it is
//       ignored; a runtime that stops drops its registrations within stopPollMs.
//   n2. a runtime has a loop (in `loops`, with its poll timer armed) while it has registrations; each
//       live registration lists at least one signal and is in the registrations of the loop of the runtime
//       that made it; `channels` maps a channel to its live notify() registration.

import { constants } from "node:os";
import { chan, type SendChan } from "./chan.ts";
import { type CancelFunc, type Context, withCancel } from "./context.ts";
import { GoPanic } from "./errors.ts";
import { go, io } from "./go.ts";
import { checkParent } from "./internal/context.ts";
import { hostClearTimeout, hostSetTimeout } from "./internal/host.ts";
import { currentRuntime, type Sched } from "./internal/runtime/proc.ts";
import { recv, select } from "./select.ts";

interface Registration {
  readonly ch: SendChan<NodeJS.Signals>;
  readonly signals: Set<NodeJS.Signals>;
  readonly loop: Loop;
  /** Set once it has left its loop (stop, no signals left, or its runtime stopped first). */
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
/** notify()'s registration of each channel (Go: handlers.m). */
const channels = new Map<SendChan<NodeJS.Signals>, Registration>();
/** How many live registrations list each signal. */
const counts = new Map<NodeJS.Signals, number>();
/** Signals ignore() ignores now (a listener that relays nothing). */
const ignoring = new Set<NodeJS.Signals>();
/** Go's Ignored flag: set by ignore(), cleared by notify() (not by reset(), as in Go 1.23). */
const ignoredFlags = new Set<NodeJS.Signals>();
/** Signals whose process listener (onSignal) is installed. */
const installed = new Set<NodeJS.Signals>();
/** Signals Node ignores: once listened to, they keep a listener that does nothing (see the file comment). */
const nodeIgnored = new Set<string>(["SIGPIPE", "SIGXFSZ"]);
const keptIgnored = new Set<NodeJS.Signals>();
const noop = (): void => {};
/** Left out of notify() and ignore() without signals (see the file comment). */
const notEvery = new Set<string>([
  "SIGKILL",
  "SIGSTOP",
  "SIGUSR1",
  "SIGPROF",
  "SIGBUS",
  "SIGFPE",
  "SIGILL",
  "SIGSEGV",
  ...nodeIgnored,
]);

/** The signals notify() and ignore() without signals act on: one name per signal number. */
function everySignal(): NodeJS.Signals[] {
  const seen = new Set<number>();
  const out: NodeJS.Signals[] = [];
  for (const [name, num] of Object.entries(constants.signals)) {
    if (notEvery.has(name) || seen.has(num)) continue;
    seen.add(num);
    out.push(name as NodeJS.Signals);
  }
  return out;
}

/** The signals named, or every signal without names; throws TypeError for a name Node does not know. */
function signalsArg(signals: readonly unknown[], where: string): NodeJS.Signals[] {
  if (signals.length === 0) return everySignal();
  for (const s of signals) checkSignal(s, where);
  return signals as NodeJS.Signals[];
}

function checkSignal(s: unknown, where: string): void {
  if (typeof s !== "string" || !Object.hasOwn(constants.signals, s))
    throw new TypeError(`signal.${where}: not a signal name such as "SIGINT": ${String(s)}`);
}

function onSignal(sig: NodeJS.Signals): void {
  for (const loop of loops.values()) {
    let wanted = false;
    for (const r of loop.regs) wanted ||= r.signals.has(sig);
    if (!wanted) continue;
    loop.queue.push(sig);
    loop.wake?.();
  }
}

/** Installs or removes sig's process listener to match n1. */
function syncListener(sig: NodeJS.Signals): void {
  const want = (counts.get(sig) ?? 0) > 0 || ignoring.has(sig);
  if (want === installed.has(sig)) return;
  if (!want) {
    installed.delete(sig);
    process.off(sig, onSignal);
    return;
  }
  try {
    process.on(sig, onSignal);
  } catch {
    return; // uv_signal_start refused it (SIGKILL, SIGSTOP): it can never arrive, as in Go
  }
  installed.add(sig);
  if (nodeIgnored.has(sig) && !keptIgnored.has(sig)) {
    keptIgnored.add(sig);
    process.on(sig, noop);
  }
}

function addSignal(r: Registration, sig: NodeJS.Signals): void {
  if (r.signals.has(sig)) return;
  r.signals.add(sig);
  counts.set(sig, (counts.get(sig) ?? 0) + 1);
  syncListener(sig);
}

/** Removes sig from r; r leaves its loop when it lists no signal any more. */
function removeSignal(r: Registration, sig: NodeJS.Signals): void {
  if (!r.signals.delete(sig)) return;
  const n = (counts.get(sig) ?? 1) - 1;
  if (n > 0) counts.set(sig, n);
  else counts.delete(sig);
  syncListener(sig);
  if (r.signals.size === 0) detach(r);
}

/** r leaves its loop (whose goroutine ends with its last registration) and lists no signal. */
function detach(r: Registration): void {
  if (r.stopped) return;
  r.stopped = true;
  for (const sig of [...r.signals]) removeSignal(r, sig);
  if (channels.get(r.ch) === r) channels.delete(r.ch);
  r.loop.regs.delete(r);
  if (r.loop.regs.size === 0) r.loop.wake?.();
}

/** A new registration of ch in the current runtime's loop, listing signals. */
function register(ch: SendChan<NodeJS.Signals>, signals: Iterable<NodeJS.Signals>): Registration {
  const r: Registration = { ch, signals: new Set(), loop: loopOf(currentRuntime()), stopped: false };
  r.loop.regs.add(r);
  for (const sig of signals) addSignal(r, sig);
  return r;
}

/** Removes sigs from every registration (Go: cancel, for Ignore and Reset). */
function cancelSignals(sigs: readonly NodeJS.Signals[]): void {
  for (const loop of loops.values())
    for (const r of [...loop.regs]) for (const sig of sigs) removeSignal(r, sig);
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
    for (const r of [...l.regs]) detach(r);
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

/**
 * Go: signal.Notify. Relays the given signals (every signal Node can listen to, when none are given; see
 * the module comment) to c, as the signal's name ("SIGINT"), without ever blocking: a signal that finds c
 * full is dropped, so give c a buffer. Calling notify again for c adds signals. While registered, a
 * signal's default action (exit) is off. A signal listed by ignore() before is relayed again.
 *
 * Registering keeps Node alive (Go's program waits for its signal): call {@link stop} once c is no longer
 * needed. The runtime that calls notify relays (its loop goroutine counts in numGoroutine); when that
 * runtime stops, its registrations go.
 *
 * @throws GoPanic "os/signal: Notify using nil channel" for a null c; TypeError for an unknown signal.
 * @example
 * import { signal } from "gort";
 * const c = chan<NodeJS.Signals>(1);
 * signal.notify(c, "SIGUSR2");
 * process.kill(process.pid, "SIGUSR2");
 * await c.recv(); // "SIGUSR2"
 * signal.stop(c);
 */
export function notify(c: SendChan<NodeJS.Signals> | null, ...signals: NodeJS.Signals[]): void {
  if (c === null || c === undefined) throw new GoPanic("os/signal: Notify using nil channel");
  if (typeof (c as Partial<SendChan<NodeJS.Signals>>).trySend !== "function")
    throw new TypeError("signal.notify: c is not a channel");
  const sigs = signalsArg(signals, "notify");
  for (const sig of sigs) {
    ignoring.delete(sig);
    ignoredFlags.delete(sig);
  }
  const r = channels.get(c);
  if (r === undefined) channels.set(c, register(c, sigs));
  else for (const sig of sigs) addSignal(r, sig);
}

/**
 * Go: signal.Stop. c receives no more signals once stop returns (a signal already in c stays there).
 * Signals that no registration lists any more get their default action back. Stopping a channel that
 * is not registered does nothing.
 *
 * @example
 * import { signal } from "gort";
 * const c = chan<NodeJS.Signals>(1);
 * signal.notify(c, "SIGWINCH");
 * signal.stop(c);
 * process.kill(process.pid, "SIGWINCH");
 * c.tryRecv(); // null: nothing was relayed after stop
 */
export function stop(c: SendChan<NodeJS.Signals> | null): void {
  if (c === null || c === undefined) return;
  const r = channels.get(c);
  if (r !== undefined) detach(r);
}

/**
 * Go: signal.Ignore. The given signals (every signal, when none are given) are ignored: they neither end
 * the process nor reach any channel; registrations of notify and notifyContext for them are undone.
 *
 * @throws TypeError for an unknown signal.
 * @example
 * import { signal } from "gort";
 * signal.ignore("SIGWINCH");
 * signal.ignored("SIGWINCH"); // true
 * signal.reset("SIGWINCH");
 */
export function ignore(...signals: NodeJS.Signals[]): void {
  const sigs = signalsArg(signals, "ignore");
  cancelSignals(sigs);
  for (const sig of sigs) {
    ignoring.add(sig);
    ignoredFlags.add(sig);
    syncListener(sig);
  }
}

/**
 * Go: signal.Ignored. Whether ignore() ignored sig and no notify() for it came since. As in Go 1.23, reset
 * does not clear it; signals ignored when the process started are not known (Node resets every signal
 * but SIGPIPE and SIGXFSZ to its default at start).
 *
 * @throws TypeError for an unknown signal.
 * @example
 * import { signal } from "gort";
 * signal.ignored("SIGURG"); // false
 * signal.ignore("SIGURG");
 * signal.ignored("SIGURG"); // true
 * signal.reset("SIGURG");
 * signal.ignored("SIGURG"); // true: as in Go 1.23, until a notify for it
 * signal.notify(chan<NodeJS.Signals>(1), "SIGURG");
 * signal.ignored("SIGURG"); // false
 * signal.reset("SIGURG");
 */
export function ignored(sig: NodeJS.Signals): boolean {
  checkSignal(sig, "ignored");
  return ignoredFlags.has(sig);
}

/**
 * Go: signal.Reset. Undoes notify, notifyContext and ignore for the given signals (every signal, when none
 * are given): they get Node's default action back.
 *
 * @throws TypeError for an unknown signal.
 * @example
 * import { signal } from "gort";
 * const c = chan<NodeJS.Signals>(1);
 * signal.notify(c, "SIGWINCH");
 * process.listenerCount("SIGWINCH") > 0; // true
 * signal.reset("SIGWINCH"); // c no longer receives SIGWINCH: Node's default is back
 * process.listenerCount("SIGWINCH"); // 0
 */
export function reset(...signals: NodeJS.Signals[]): void {
  const sigs = signalsArg(signals, "reset");
  cancelSignals(sigs);
  for (const sig of sigs) {
    ignoring.delete(sig);
    syncListener(sig);
  }
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
  checkParent(parent, "signal.notifyContext");
  for (const s of signals) checkSignal(s, "notifyContext");
  const [ctx, cancel] = withCancel(parent);
  const parentName = String(parent) === "[object Object]" ? "context" : String(parent);
  const name = `signal.NotifyContext(${parentName}${signals.length > 0 ? `, [${signals.map(signalString).join(" ")}]` : ""})`;
  Object.defineProperty(ctx, "toString", { value: () => name });
  const sigs = signals.length > 0 ? signals : (["SIGINT", "SIGTERM"] as const);
  for (const sig of sigs) {
    ignoring.delete(sig);
    ignoredFlags.delete(sig);
  }
  const ch = chan<NodeJS.Signals>(1, "signal.NotifyContext");
  const reg = register(ch, sigs);
  if (ctx.err() === null) {
    go(async () => {
      const r = await select([recv(ch), recv(ctx.done())] as const);
      if (r.index === 0) cancel();
    });
  }
  const stop = () => {
    cancel();
    detach(reg);
  };
  return [ctx, stop];
}
