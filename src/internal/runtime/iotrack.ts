// Host I/O a bubble started, tracked from start to completion (Go's synctest: a goroutine waiting for the
// network, a file or a process is not durably blocked, so time does not move while it waits).
//
// Node tells which host operations exist through async_hooks: every native resource (a file request, a
// socket, a child process, a DNS lookup, a crypto or zlib job) gets an `init` callback in the async context
// of the code that started it. That context names the goroutine (getg.ts: gStore), hence the bubble. An
// operation found in a bubble's context belongs to that bubble until it completes; what makes each kind
// hold time meanwhile (a request until its callback starts, a socket while what it wrote has had no
// answer, a child process while someone waits for it, …) is ioop.ts's. This module finds the operations:
// the hook, Node's HTTP diagnostics channels, the HTTP parsers' turns; and keeps each bubble's (IoWatch).
//
// Never tracked: host work gort starts for itself (host.ts: hostInternal). Not tracked, deliberately:
// listening servers and the connections they accept (they wait for clients, usually the bubble's own,
// which are tracked on their side; an accepted connection holds only from its client's end or reset to
// its own close, which Node makes by itself; an accepted socket's callbacks, which Node runs in no async context,
// are given the bubble's: bindAccepted; so are the HTTP/2 streams its sessions' peers open: bindH2Stream), fs watchers beyond one poll of the event loop (ioop.ts), signal handlers, TTYs, message ports nobody of the
// bubble posted on, a BroadcastChannel (one-to-many, refed even without a listener: nothing says a message
// on it will come back), file handles (their reads and writes are requests), the bubble's own (fake)
// timers, and promises. An await of a promise that none of the above will settle is durable: only the
// bubble can settle it.
//
// Cost: the hook is enabled only while a bubble is live, with init, before and destroy callbacks only:
// every process.nextTick and host timer runs each registered kind too (no `after`: a handle that stops
// holding is noticed by a 5 ms poll instead). Measured on Node 24 under load, 200,000 bubble setTimeouts:
// 9–12 µs of CPU per timer without the hook, 11–15 µs with init/before/after/destroy. On Node 24.9+ and 26 it is created with
// `trackPromises: false`, so promises cost nothing; Node 20 and 22 ignore that option and run the init
// hook for every promise created while a bubble is live (docs/deviations.md has the figure).
//
// Invariants:
//   i1. an operation (not an HTTP request, a runtime, nor a port: i5) is in `ops` iff its IoWatch is open and it has
//       not been destroyed; it is in exactly one IoWatch, the one of the bubble whose context started it
//       (a port's: the bubble whose code posted on it).
//   i2. watch.reqs counts exactly its requests that have neither started their callback nor been
//       destroyed (HTTP requests are looked at one by one: httpWaits).
//   i3. the hook is enabled iff some IoWatch is open.
//   i4. a parser is in parsingOps iff its `parsing` flag is set, and the immediate that ends parsing
//       (parsingEnd) is pending iff parsingOps is not empty.
//   i5. (the ports' invariant: iothreads.ts, which keeps portOps; IoWatch.verify checks each of its
//       port operations is there.)

import { AsyncResource, createHook, executionAsyncResource } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import { VERIFY } from "../debug.ts";
import {
  hostClearImmediate,
  hostClearTimeout,
  hostInternal,
  hostNextTick,
  hostPerfNow,
  hostSetImmediate,
  hostSetTimeout,
} from "../host.ts";
import { bindToRuntime, schedulingRuntime, storeG } from "./getg.ts";
import {
  childOpen,
  H2,
  HTTP,
  handleHolds,
  IoOp,
  JOB,
  kindOf,
  ops,
  ownerOf,
  PARSER,
  PORT,
  REQ,
  RUNTIME,
  SERVER,
  SOCKET,
  UDP,
  WORKER,
  WRITE,
  written,
} from "./ioop.ts";
import { dropPort, installThreads, portCalled, portOps, verifyPorts, watchWorkers } from "./iothreads.ts";
import type { Sched } from "./proc.ts";

// ===== the process-wide hook =====

/**
 * Gives a socket a bubble's server accepted the bubble's async context (getg.ts: bindToRuntime). Node
 * creates it, and runs its callbacks ('data', 'end', 'close', and the code after an await in them), in no
 * async context, so they would lose the bubble that the server's own 'connection' callback had; a Go
 * server's per-connection goroutines are the bubble's. Node calls a stream handle back through its
 * `onread` (reads, their end and errors) and the callback of its `close`, and nothing else: `close` is
 * bound at `init`; `onread` is set by the net.Socket that the server's 'connection' code makes right after
 * `init`, so it is bound from a tick queued at `init`, which runs once that code returns and before any
 * read can come (libuv calls back from a later turn of the loop).
 */
function bindAccepted(res: object, rt: Sched): void {
  const h = res as { close?: unknown };
  const close = h.close;
  if (typeof close !== "function") return;
  h.close = function (this: unknown, cb?: unknown): unknown {
    return Reflect.apply(close, this, typeof cb === "function" ? [bindToRuntime(rt, cb as Callback)] : [cb]);
  };
  hostNextTick(bindOnread as Callback, res, rt);
}

function bindOnread(res: object, rt: Sched): void {
  if (rt.stopped) return;
  bindHandleReads(res, rt);
  bindServerEmit(ownerOf(res), rt);
}

/** A handle's reads (its native onread callback) run in bubble rt. */
function bindHandleReads(res: object, rt: Sched): void {
  const h = res as { onread?: unknown };
  if (typeof h.onread === "function") h.onread = bindToRuntime(rt, h.onread as Callback);
}

/**
 * The bubble of each accepted socket whose server may emit 'upgrade' or 'connect' with it (bindServerEmit).
 */
const acceptedBy = new WeakMap<object, Sched>();
/** Servers whose emit bindServerEmit wrapped. */
const boundServers = new WeakSet<object>();

/**
 * An HTTP server emits 'upgrade' (a WebSocket's handshake) and 'connect' from its parser's execute
 * callback, after it gave the parser back to its pool. On Node 20 the async resource of that moment is the
 * bare parser, which carries no context (async_hooks-based AsyncLocalStorage reads the resource's), so the
 * handler ran outside the bubble: host Date and timers, a ws server's heartbeat never ticked. The server's
 * emit is wrapped, once, to run those two events in the bubble of the socket they hand over (on Node 24
 * they already are; the wrapper then changes nothing).
 */
function bindServerEmit(sock: object | null, rt: Sched): void {
  const server = (sock as { server?: unknown } | null)?.server as { emit?: unknown } | undefined;
  if (sock === null || typeof server !== "object" || server === null || typeof server.emit !== "function")
    return;
  acceptedBy.set(sock, rt);
  if (boundServers.has(server)) return;
  boundServers.add(server);
  const emit = server.emit as Callback;
  server.emit = function (this: unknown, event: unknown, ...args: unknown[]): unknown {
    if (event === "upgrade" || event === "connect") {
      const owner = typeof args[1] === "object" && args[1] !== null ? acceptedBy.get(args[1]) : undefined;
      if (owner !== undefined && !owner.stopped)
        return Reflect.apply(bindToRuntime(owner, emit), this, [event, ...args]);
    }
    return Reflect.apply(emit, this, [event, ...args]);
  };
}

type Callback = (...a: unknown[]) => unknown;

/**
 * Gives an HTTP/2 stream that Node created natively (one the peer opened: a request to a bubble's
 * server, or a pushed stream) the bubble of its session. Node creates it while the session parses what
 * its socket read, in no async context, and calls it back with its own (its reads, its close): the
 * handler of a gRPC server, which a request's 'data' and 'end' run, ran outside the bubble — on the host's
 * clock and timers. Node's session hands the stream to JavaScript (its onread set, its owner attached) in
 * the first callback after this `init`, whose ticks run this: the stream's reads and its events are bound
 * to the bubble whose tracked session (H2) it belongs to.
 */
function bindH2Stream(res: object): void {
  const stream = ownerOf(res) as { session?: unknown; emit?: unknown } | null;
  const session = stream?.session;
  if (stream === null || typeof session !== "object" || session === null) return;
  let rt: Sched | null = null;
  for (const op of ops.values())
    if (op.kind === H2 && op.owner() === session) {
      rt = op.watch.rt;
      break;
    }
  if (rt === null || rt.stopped) return;
  bindHandleReads(res, rt);
  if (typeof stream.emit === "function") stream.emit = bindToRuntime(rt, stream.emit as Callback);
}

/** Whether an operation is in `ops` by its async id (i1): not an HTTP request, a port or a runtime. */
function byId(op: IoOp): boolean {
  return op.kind !== HTTP && op.kind !== PORT && op.kind !== RUNTIME;
}

/** The handle a ReusedHandle resource stands for (see init), else res itself. */
function reusedHandle(res: object): object {
  if (res.constructor?.name !== "ReusedHandle") return res;
  const h = (res as { handle?: unknown }).handle;
  return typeof h === "object" && h !== null ? h : res;
}
let openWatches = 0;
let hookOn = false;

/**
 * The IoWatch of the bubble the current code belongs to (getg.ts: contextRuntime), also after its
 * goroutines returned: I/O chained from I/O it left in flight (a write after an open) is still its own.
 */
function watchOfContext(): IoWatch | null {
  const rt = schedulingRuntime() ?? storeG()?.rt ?? null;
  return rt === null ? null : rt.io;
}

installThreads({
  open: () => openWatches > 0,
  workerOp(asyncId: number): IoOp | undefined {
    const op = ops.get(asyncId);
    return op?.kind === WORKER ? op : undefined;
  },
  watchOfContext,
  portOp: (w: IoWatch, port: object): IoOp => new IoOp(0, "MESSAGEPORT", PORT, w, port, w.site()),
  refed: handleHolds,
});

const hook = createHook({
  trackPromises: false,
  init(id: number, type: string, trigger: number, res: object) {
    const kind = kindOf(type);
    if (type === "HTTP2STREAM" && hostInternal === 0 && watchOfContext() === null) {
      hostNextTick(bindH2Stream as Callback, res);
      return;
    }
    if (kind === -1 || hostInternal > 0) return;
    if (type === "TCPCONNECTWRAP" || type === "PIPECONNECTWRAP") {
      // net.Socket starts its connect with its own handle as the trigger.
      const sock = ops.get(trigger);
      if (sock !== undefined && sock.kind === SOCKET) sock.connected = true;
    }
    // Accepted by a bubble's server (Node creates it before the server's callback, in no async context:
    // the server is its trigger): it holds nothing (its clients wait for the outside world, or are the
    // bubble's own, tracked on their side), but a client of the same bubble reads its byte counts.
    const server = kind === SOCKET ? ops.get(trigger) : undefined;
    const accepted = server?.kind === SERVER;
    const w = accepted ? server.watch : watchOfContext();
    if (w === null) return;
    if (res instanceof AsyncResource) return; // a JavaScript resource: no host work behind it
    // node:http's Agent gives a keep-alive socket's handle a new async id each time it goes back to the
    // pool (handle.asyncReset with a ReusedHandle { type, handle } as the resource): the handle is the
    // socket, with its owner and byte counts.
    if (kind === SOCKET) res = reusedHandle(res);
    const op = new IoOp(
      id,
      type,
      kind,
      w,
      kind === REQ || kind === SERVER || kind === PARSER ? null : res,
      kind === SERVER || kind === PARSER || accepted ? null : w.site(),
    );
    op.accepted = accepted;
    w.add(op);
    if (accepted) bindAccepted(res, w.rt);
  },
  before(id: number) {
    const op = ops.get(id);
    if (op === undefined) {
      // A MessagePort calling back is the execution resource of its callback (i5).
      if (portOps.size > 0) portCalled(executionAsyncResource());
      return;
    }
    if (op.kind === REQ || op.kind === JOB || op.kind === WRITE) op.watch.finish(op);
    else if (op.kind === PARSER) startParsing(op);
    else if (op.kind === UDP) {
      op.watch.completions++; // a datagram came in: progress
      op.watch.poke();
    } else if (op.kind === SOCKET) {
      // Data (or its end) came in: what was written so far has had its answer — once no more has come
      // for settleMs (an answer may come in several chunks).
      op.mark = written(op);
      op.lastData = hostPerfNow();
      op.watch.completions++;
      op.watch.poke();
    }
  },
  destroy(id: number) {
    const op = ops.get(id);
    if (op === undefined) return;
    if (op.type === "PROCESSWRAP") {
      if (childOpen(op.owner())) {
        // Exited, stdio still open: it holds on through childOpen (the 5 ms look-again sees it close).
        op.res = null;
        op.watch.poke();
        return;
      }
    }
    ops.delete(id);
    op.watch.remove(op);
  },
} as Parameters<typeof createHook>[0]);

// ----- Node's HTTP parsers -----

/** Parsers that called JavaScript back during this turn of the event loop (i4). */
const parsingOps = new Set<IoOp>();
/** The host immediate that ends their parsing, pending iff parsingOps is not empty (i4). */
let parsingEnd: ReturnType<typeof hostSetImmediate> | null = null;

/**
 * A parser of the bubble calls JavaScript back (async_hooks `before`): it holds time until the event loop
 * reaches its check phase. Node's HTTP server hands what its socket read to its native parser, which
 * calls JavaScript once per piece — the headers, each body chunk, the message's end — each call its own
 * callback scope, after which Node drains the nextTick and microtask queues. Between two such calls every
 * byte has been read (socketWaits sees nothing in transit) and no JavaScript runs: the clock would jump,
 * to a bubble timer or through undici's timeout ticks, before the request's end reached the handler,
 * which on the host comes in the same read. The parse is synchronous, so it is over by the check phase of
 * the turn it started in, where the immediate ends the hold; a host timer could not fire before that
 * either. TLS sockets (TLSWRAP) are held the same way: what a read decrypts reaches JavaScript as a
 * 'data' event, and an HTTPS client's parser (or undici's) is fed from there, so the parser's own
 * resource never calls back; after the last record every byte on the wire has been read, and the
 * response's end (a nextTick later) would come after the clock jumped.
 */
function startParsing(op: IoOp): void {
  if (op.parsing) return;
  op.parsing = true;
  parsingOps.add(op);
  parsingEnd ??= hostSetImmediate(endParsing);
  if (VERIFY) verifyParsing();
}

function endParsing(): void {
  parsingEnd = null;
  const done = [...parsingOps];
  parsingOps.clear();
  for (const op of done) {
    op.parsing = false;
    op.watch.completions++;
    op.watch.poke();
  }
  if (VERIFY) verifyParsing();
}

/** Checks i4 for the parsers in parsingOps (IoWatch.verify checks the others of its watch). */
function verifyParsing(): void {
  for (const op of parsingOps)
    if (!op.parsing) throw new Error("iotrack: i4 parser in parsingOps not parsing");
  if (parsingOps.size > 0 !== (parsingEnd !== null))
    throw new Error(`iotrack: i4 ${parsingOps.size} parsing, end pending ${parsingEnd !== null}`);
}

// ----- HTTP clients (diagnostics_channel) -----

const httpOps = new WeakMap<object, IoOp>();

function httpStart(req: object, label: string): void {
  const w = watchOfContext();
  if (w === null) return;
  const op = new IoOp(0, "HTTP", HTTP, w, req, w.site());
  op.label = label;
  httpOps.set(req, op);
  w.add(op);
}

function httpEnd(req: unknown): void {
  if (typeof req !== "object" || req === null) return;
  const op = httpOps.get(req);
  if (op === undefined) return;
  httpOps.delete(req);
  op.watch.remove(op);
}

type UndiciReq = { method?: string; origin?: string; path?: string };
subscribe("undici:request:create", (m) => {
  if (openWatches === 0) return;
  const r = (m as { request: UndiciReq }).request;
  httpStart(r, `fetch ${r.method ?? ""} ${r.origin ?? ""}${r.path ?? ""}`);
});
subscribe("undici:client:sendHeaders", (m) => {
  const { request, socket } = m as { request: object; socket: object };
  const op = httpOps.get(request);
  if (op !== undefined) op.sock = socket;
});
subscribe("undici:request:trailers", (m) => httpEnd((m as { request: unknown }).request));
subscribe("undici:request:error", (m) => httpEnd((m as { request: unknown }).request));
type NodeReq = { method?: string; host?: string; path?: string; once?: (e: string, f: () => void) => void };
subscribe("http.client.request.start", (m) => {
  if (openWatches === 0) return;
  const r = (m as { request: NodeReq }).request;
  if (typeof r?.once !== "function") return;
  httpStart(r, `http request ${r.method ?? ""} ${r.host ?? ""}${r.path ?? ""}`);
  if (httpOps.has(r)) r.once("close", () => httpEnd(r));
});

// ===== a bubble's I/O =====

/** A bubble's host I/O in flight. */
export class IoWatch {
  readonly rt: Sched;
  /** Requests in flight (i2). */
  reqs = 0;
  /** Operations completed so far (progress, for the stall watchdog). */
  completions = 0;
  /** When the bubble last sent a UDP datagram (real ms; ioop.ts: a UDP socket holds for a moment after). */
  lastUdpSend = Number.NEGATIVE_INFINITY;
  /** The bubble's progress (progressMark) when the event loop last polled after it (unpolled). */
  private polledAt = -1;
  /** The host immediates of the poll unpolled waits for, while pending. */
  private pollTurn: ReturnType<typeof hostSetImmediate> | null = null;
  private readonly live = new Set<IoOp>();
  private open = true;
  private pollHandle: ReturnType<typeof hostSetTimeout> | null = null;

  constructor(rt: Sched) {
    this.rt = rt;
    if (openWatches++ === 0) {
      watchWorkers();
      hook.enable();
      hookOn = true;
    }
  }

  /** The bubble's sockets (for peerOf). */
  sockets(): Iterable<IoOp> {
    return this.live;
  }

  /** Where an operation started, when the bubble records sites. */
  site(): Error | null {
    if (!this.rt.spawnSites) return null;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 32; // fetch reaches the user's frame some 25 frames down
    const e = { name: "io", message: "" } as Error;
    Error.captureStackTrace(e, IoWatch.prototype.site);
    Error.stackTraceLimit = limit;
    return e;
  }

  add(op: IoOp): void {
    if (!this.open) return;
    if (op.kind === PORT) {
      const list = portOps.get(op.res as object);
      if (list === undefined) portOps.set(op.res as object, [op]);
      else list.push(op);
    } else if (byId(op)) ops.set(op.id, op);
    if (op.kind === REQ) this.reqs++;
    this.live.add(op);
    if (VERIFY) this.verify();
  }

  /**
   * A Runtime that the bubble's code runs (`new Runtime().run()` in a bubble) holds the bubble's time
   * while it runs, as I/O in flight does: its goroutines wait on its own clock or on the outside world,
   * which the bubble cannot see (its file reads are not the bubble's, its real-clock sleeps take real
   * time). Returns the release, for when its run settles. A runtime that waits for the bubble in turn
   * (a promise a bubble timer settles) stalls both: the stall watchdog names it.
   */
  nested(rt: Sched): () => void {
    const op = new IoOp(0, "RUNTIME", RUNTIME, this, rt, this.site());
    this.add(op);
    return () => this.remove(op);
  }

  /** Bubble code sent a UDP datagram (fakesockets.ts): its UDP sockets hold for a moment (ioop.ts: UDP). */
  udpSent(): void {
    this.lastUdpSend = hostPerfNow();
  }

  /**
   * Whether the bubble made progress (a goroutine ran, a timer fired, the clock moved) since the event
   * loop last polled for I/O after it; if so, that poll is arranged: an immediate that arms another, so a
   * whole turn of the loop, poll phase included, comes between (ioop.ts: an fs watcher holds meanwhile).
   */
  unpolled(): boolean {
    const mark = this.progressMark();
    if (this.polledAt === mark) return false;
    if (this.pollTurn === null) {
      this.pollTurn = hostSetImmediate(() => {
        this.pollTurn = hostSetImmediate(() => {
          this.pollTurn = null;
          this.polledAt = mark;
          this.poke();
        });
      });
    }
    return true;
  }

  private progressMark(): number {
    const st = this.rt.stats;
    return st.jumps + st.switches + st.timersRun + (this.rt.nodeTimers?.fired ?? 0);
  }

  /** Whether the operation is the bubble's, in flight or not (i5). */
  has(op: IoOp): boolean {
    return this.live.has(op);
  }

  /** A request's (or crypto job's) callback starts: it no longer holds time (i2). */
  finish(op: IoOp): void {
    if (op.done || !this.live.has(op)) return;
    op.done = true;
    if (op.kind === REQ) this.reqs--;
    this.completions++;
    if (VERIFY) this.verify();
    this.poke(); // checkdead runs once the callback and its microtasks are done (armed for the drain)
  }

  remove(op: IoOp): void {
    if (!this.live.delete(op)) return;
    if (op.kind === PORT) dropPort(op);
    if ((op.kind === REQ || op.kind === HTTP || op.kind === WRITE) && !op.done) {
      op.done = true;
      if (op.kind === REQ) this.reqs--;
    }
    op.res = null;
    op.worker = null;
    this.completions++;
    if (VERIFY) this.verify();
    this.poke();
  }

  /** An operation of the bubble made progress: an idle bubble checks whether time may move now. */
  poke(): void {
    const rt = this.rt;
    if (!this.open || rt.stopped || rt.mActive) return;
    rt.wakeNetPoller(rt.fakeNow);
  }

  /**
   * Whether some operation holds the bubble's time (checkdead: holdsTime); with `ending`, only those that
   * complete by themselves (IoOp.holds).
   */
  holds(ending = false): boolean {
    if (this.reqs > 0) return true;
    let held = false;
    for (const op of this.live) {
      if (op.holds(ending)) {
        held = true;
        break;
      }
    }
    // A handle can stop holding without any callback (an HTTP client unrefs its idle socket): look again
    // shortly, on real time.
    if (held && !ending && this.pollHandle === null) {
      this.pollHandle = hostSetTimeout(() => {
        this.pollHandle = null;
        this.poke();
      }, 5);
      this.pollHandle.unref?.();
    }
    return held;
  }

  /** The operations holding time right now, for reports (`ending`: see holds). */
  inFlight(ending = false): IoOp[] {
    return [...this.live].filter((op) => op.holds(ending));
  }

  /** The bubble ended: forget its operations; the last open watch disables the hook (i3). */
  close(): void {
    if (!this.open) return;
    this.open = false;
    for (const op of this.live) {
      op.done = true;
      if (op.kind === PORT) dropPort(op);
      else if (byId(op)) ops.delete(op.id);
    }
    this.live.clear();
    this.reqs = 0;
    if (this.pollHandle !== null) hostClearTimeout(this.pollHandle);
    this.pollHandle = null;
    if (this.pollTurn !== null) hostClearImmediate(this.pollTurn);
    this.pollTurn = null;
    if (--openWatches === 0) {
      hook.disable();
      hookOn = false;
    }
  }

  /** Checks i1, i2, i3, i4 and i5. */
  verify(): void {
    let reqs = 0;
    for (const op of this.live) {
      if (op.watch !== this) throw new Error("iotrack: i1 op in a foreign watch");
      if (op.kind === PORT) {
        if (!portOps.get(op.res as object)?.includes(op))
          throw new Error("iotrack: i5 port op missing from portOps");
      } else if (byId(op) && ops.get(op.id) !== op) throw new Error("iotrack: i1 op missing from ops");
      if (op.kind === REQ && !op.done) reqs++;
      if (op.kind === PARSER && op.parsing !== parsingOps.has(op))
        throw new Error(`iotrack: i4 parser parsing ${op.parsing}, in parsingOps ${parsingOps.has(op)}`);
    }
    if (reqs !== this.reqs) throw new Error(`iotrack: i2 reqs ${this.reqs}, counted ${reqs}`);
    if (openWatches > 0 !== hookOn) throw new Error("iotrack: i3");
    verifyParsing();
    verifyPorts();
  }
}

/** Whether the hook is on: some bubble is live (i3; for tests). */
export function ioTracking(): boolean {
  return hookOn;
}
