// Worker threads and message ports in a bubble (iotrack.ts tracks the rest of a bubble's host I/O): a
// worker holds its bubble's time while it starts up, answers a message posted to it, or terminates; a
// MessagePort bubble code posted on holds it until something comes back on the port (a message, a
// messageerror, its close). Both are counted exactly, as the posts and answers pass through Worker and
// MessagePort objects (their prototypes' postMessage and emit, wrapped once at the first bubble), and as
// the port calls JavaScript back (iotrack.ts's hook: portCalled).
//
// iotrack.ts owns the operations (IoOp, ioop.ts) and the bubbles' watches (IoWatch); it imports this module and
// gives it what it needs of them once, at load (installThreads), so the two have no import cycle.
//
// Invariant (verifyPorts; IoWatch.verify checks the other direction):
//   i5. a port operation is in portOps, under its port, iff it is in its IoWatch (which is then open);
//       a port has at most one per IoWatch; its `asked` counts the posts on the port from code of that
//       bubble since the port last called JavaScript back (a message, a messageerror, its close).

import { BroadcastChannel, MessagePort, Worker } from "node:worker_threads";
import { VERIFY } from "../debug.ts";
import { hostInternal } from "../host.ts";
import type { IoOp } from "./ioop.ts";
import type { IoWatch } from "./iotrack.ts";

type Callback = (...a: unknown[]) => unknown;

/** What this module needs of iotrack.ts (installThreads). */
export interface ThreadsHost {
  /** Whether some bubble's watch is open (the wrappers do nothing otherwise). */
  open(): boolean;
  /** The tracked worker operation with this async id, if any. */
  workerOp(asyncId: number): IoOp | undefined;
  /** The watch of the bubble the current code belongs to, or null. */
  watchOfContext(): IoWatch | null;
  /** A new port operation of w for port (not yet added to w). */
  portOp(w: IoWatch, port: object): IoOp;
  /** Whether a handle is refed (and not stdio): what keeps a Node process alive. */
  refed(res: object | null): boolean;
}

let host: ThreadsHost;

/** Called once by iotrack.ts at load. */
export function installThreads(h: ThreadsHost): void {
  host = h;
}

/**
 * Whether a worker of the bubble is busy with something the bubble waits for: it is starting up (it has
 * neither sent a message nor waited for events yet: its script's top level is still running), a
 * message posted to it (worker.postMessage) has had no message back yet, or it is terminating (from
 * terminate() until it has exited). Both are exact: Node's
 * event-loop utilization of the worker reports idle time 0 until its loop first waits, and the posts and
 * messages are counted as they pass through the Worker object (watchWorkers). A worker idling between
 * requests holds nothing, as a goroutine sleeping beside an idle connection is durably blocked. Work
 * handed over on a transferred MessagePort is the port's (portBusy). Not seen: work handed over through a
 * BroadcastChannel or Atomics on shared memory, and a message the worker never answers, which holds time
 * until its next message.
 */
export function workerBusy(op: IoOp): boolean {
  if (op.asked > 0 || op.terminating) return true;
  if (op.started) return false;
  const elu = (
    op.worker as { performance?: { eventLoopUtilization?: () => { idle?: unknown } } } | null
  )?.performance?.eventLoopUtilization?.();
  if (typeof elu?.idle === "number" && elu.idle > 0) op.started = true;
  return !op.started;
}

/** The Worker's symbol-keyed native handle property (node:worker_threads' kHandle), once found. */
let kHandle: symbol | null = null;

/** The tracked operation of a Worker object (by its native handle's async id), or undefined. */
function workerOf(w: object): IoOp | undefined {
  if (kHandle === null) {
    kHandle = Object.getOwnPropertySymbols(w).find((s) => s.description === "kHandle") ?? null;
    if (kHandle === null) return undefined;
  }
  const h = (w as Record<symbol, { getAsyncId?: () => number } | null | undefined>)[kHandle];
  const id = h?.getAsyncId?.();
  const op = id === undefined ? undefined : host.workerOp(id);
  if (op === undefined) return undefined;
  op.worker ??= w;
  return op;
}

let workersWatched = false;

/**
 * Counts what passes through Worker objects (once, at the first bubble; a pass-through for workers no
 * bubble tracks): postMessage asks, 'message' and 'messageerror' answer (and end the start-up),
 * terminate starts the end. Also counts the posts on MessagePorts (watchPorts).
 */
export function watchWorkers(): void {
  if (workersWatched) return;
  workersWatched = true;
  watchPorts();
  const proto = Worker.prototype as unknown as { postMessage: Callback; emit: Callback; terminate: Callback };
  const post = proto.postMessage;
  const emit = proto.emit;
  const terminate = proto.terminate;
  proto.terminate = function (this: object, ...args: unknown[]): unknown {
    const op = host.open() ? workerOf(this) : undefined;
    if (op !== undefined) op.terminating = true;
    return Reflect.apply(terminate, this, args);
  };
  proto.postMessage = function (this: object, ...args: unknown[]): unknown {
    const op = host.open() ? workerOf(this) : undefined;
    if (op !== undefined) op.asked++;
    return notPortPost(post, this, args);
  };
  proto.emit = function (this: object, ...args: unknown[]): unknown {
    const ev = args[0];
    if (host.open() && (ev === "message" || ev === "messageerror" || ev === "online")) {
      const op = workerOf(this);
      if (op !== undefined && ev !== "online") {
        op.asked = 0;
        op.started = true;
        op.watch.completions++;
        op.watch.poke();
      }
    }
    return Reflect.apply(emit, this, args);
  };
}

// ----- message ports -----

/**
 * Whether a port of the bubble holds time: a message bubble code posted on it has had nothing back yet —
 * no message, messageerror or close (its own port.close(), the other end closing, the worker holding the
 * other end exiting) — and it is refed (a 'message' listener refs a port; port.unref() and piscina's idle
 * ports do not hold). Exact like the worker's rule: the posts are counted as they pass through
 * MessagePort.prototype.postMessage (watchPorts), the answers as the port calls JavaScript back (the
 * hook's `before`, whose execution resource is the port: portCalled). A port nobody of the bubble posted
 * on holds nothing, whoever made it. Not seen: a message the other end never answers, which holds time
 * until the port's next message (the stall report names the port); a reply taken synchronously with
 * receiveMessageOnPort.
 */
export function portBusy(op: IoOp): boolean {
  return op.asked > 0 && host.refed(op.res);
}

/** Each port a bubble posted on, with its operation in each such bubble (i5). */
export const portOps = new Map<object, IoOp[]>();

/** Ports whose posts count for nothing: a worker's internal port (its Worker object's rule covers it). */
const portsIgnored = new WeakSet<object>();

/** Inside Worker's and BroadcastChannel's postMessage, whose own MessagePort posts are not the port rule's. */
let innerPosts = 0;

function notPortPost(post: Callback, self: object, args: unknown[]): unknown {
  innerPosts++;
  try {
    return Reflect.apply(post, self, args);
  } finally {
    innerPosts--;
  }
}

/** Bubble code posted on a MessagePort: it holds the bubble's time until the port calls back (i5). */
function portPosted(port: object): void {
  const w = host.watchOfContext();
  if (w === null) return;
  const list = portOps.get(port);
  let op = list === undefined ? undefined : opOfWatch(list, w);
  if (op === undefined) {
    if (portsIgnored.has(port)) return;
    // Node's internal port of a Worker (the one it starts the worker with, stdio goes over) has a
    // waiting-streams count; the 'message' the Worker emits comes over its public port.
    if (Object.getOwnPropertySymbols(port).some((s) => s.description === "kWaitingStreams")) {
      portsIgnored.add(port);
      return;
    }
    op = host.portOp(w, port);
    w.add(op);
    if (!w.has(op)) return;
  }
  op.asked++;
  if (VERIFY) w.verify();
}

function opOfWatch(list: IoOp[], w: IoWatch): IoOp | undefined {
  for (const op of list) if (op.watch === w) return op;
  return undefined;
}

/** A port calls JavaScript back (a message, a messageerror, its close): what was posted is answered. */
export function portCalled(port: object): void {
  const list = portOps.get(port);
  if (list === undefined) return;
  for (const op of list) {
    op.asked = 0;
    op.watch.completions++;
    op.watch.poke();
  }
}

/**
 * Counts the posts on MessagePorts by bubble code (once, at the first bubble), after the post: one that
 * throws (a DataCloneError) sent nothing. A BroadcastChannel posts on a MessagePort of its own: not
 * counted (i5 is for ports; a broadcast is one-to-many and its channel is refed with no listener).
 */
function watchPorts(): void {
  const proto = MessagePort.prototype as unknown as { postMessage: Callback };
  const post = proto.postMessage;
  proto.postMessage = function (this: object, ...args: unknown[]): unknown {
    const r = Reflect.apply(post, this, args);
    if (host.open() && innerPosts === 0 && hostInternal === 0) portPosted(this);
    return r;
  };
  const bc = BroadcastChannel.prototype as unknown as { postMessage: Callback };
  const bcPost = bc.postMessage;
  bc.postMessage = function (this: object, ...args: unknown[]): unknown {
    return notPortPost(bcPost, this, args);
  };
}

/** Checks i5 across bubbles (IoWatch.verify checks each of its port operations is here). */
export function verifyPorts(): void {
  for (const [port, list] of portOps) {
    if (list.length === 0) throw new Error("iotrack: i5 empty port entry");
    for (const op of list) {
      if (op.type !== "MESSAGEPORT" || op.res !== port)
        throw new Error("iotrack: i5 foreign op under a port");
      if (!op.watch.has(op)) throw new Error("iotrack: i5 port op not in its watch");
      if (opOfWatch(list, op.watch) !== op) throw new Error("iotrack: i5 two ops of one watch on a port");
    }
  }
}

/** A closing bubble's port operation leaves portOps (i5). */
export function dropPort(op: IoOp): void {
  const port = op.res as object;
  const list = portOps.get(port);
  if (list === undefined) return;
  const rest = list.filter((o) => o !== op);
  if (rest.length === 0) portOps.delete(port);
  else portOps.set(port, rest);
}
