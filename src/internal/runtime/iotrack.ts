// Host I/O a bubble started, tracked from start to completion (Go's synctest: a goroutine waiting for the
// network, a file or a process is not durably blocked, so time does not move while it waits).
//
// Node tells which host operations exist through async_hooks: every native resource (a file request, a
// socket, a child process, a DNS lookup, a crypto or zlib job) gets an `init` callback in the async context
// of the code that started it. That context names the goroutine (getg.ts: gStore), hence the bubble. An
// operation found in a bubble's context belongs to that bubble until it completes:
//
//   - a request (fs, dns, connect, write, shutdown, crypto jobs, …) from `init` until its callback starts
//     (`before`), or its `destroy` if that comes first;
//   - a child process while it runs (and is refed: what keeps a Node process alive) and someone waits for
//     it to end ('exit'/'close' listeners, as execFile has), until its stdio closed too;
//   - a worker, while refed, only while it starts up, answers a message posted to it, or terminates
//     (iothreads.ts: workerBusy, like the next);
//   - a MessagePort bubble code posted on (a port transferred to a worker: piscina's and many pools' way
//     of handing out jobs), wherever the port was made, while refed, from the post until the port next
//     calls JavaScript back: a message (or messageerror) came back, or it closed — by port.close(), or
//     because the other end closed or its worker exited (portBusy);
//   - a TCP or pipe socket while it is open and refed and has written something that no answer has come
//     back to yet (no callback ran on it since) — or, while it has read less than it wrote, until no more
//     data came for 50 real ms (the rest of a chunked answer): a request sent, its response awaited. An idle
//     connection (a keep-alive socket, a database pool's, a connection nobody is talking on) does not
//     hold time: in Go too a goroutine sleeping beside an open connection is durably blocked. Sockets on
//     stdio (fds 0–2) never count;
//   - a zlib stream while it has input queued or in the thread pool, or its input ended and its output
//     has not all come out;
//   - an HTTP request (diagnostics_channel): fetch (undici) from `undici:request:create` to its trailers
//     or error, node:http from `http.client.request.start` to the request's `close`. These also cover a
//     pooled socket that was opened outside the bubble, which async_hooks cannot attribute to it;
//   - Node's native HTTP parser of a bubble's server connection or node:http client request, from its
//     first call into JavaScript in a turn of the event loop to that turn's check phase: what its socket
//     read is still being handed to JavaScript piece by piece (startParsing);
//   - a real timer (setTimeout or setImmediate as the host gives them, e.g. a reference a library took
//     before the bubble faked the globals) while it is pending and refed: the outside world's clock.
//
// Never tracked: host work gort starts for itself (host.ts: hostInternal). Not tracked, deliberately:
// listening servers and the connections they accept (they wait for clients, usually the bubble's own,
// which are tracked on their side; an accepted connection holds only from its client's end or reset to
// its own close, which Node makes by itself; an accepted socket's callbacks, which Node runs in no async context,
// are given the bubble's: bindAccepted), fs watchers, signal handlers, TTYs, message ports nobody of the
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
//   i1. an operation (not an HTTP request, nor a port: i5) is in `ops` iff its IoWatch is open and it has
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
  hostClearTimeout,
  hostInternal,
  hostNextTick,
  hostPerfNow,
  hostSetImmediate,
  hostSetTimeout,
} from "../host.ts";
import { bindToRuntime, schedulingRuntime, storeG } from "./getg.ts";
import {
  dropPort,
  installThreads,
  portBusy,
  portCalled,
  portOps,
  verifyPorts,
  watchWorkers,
  workerBusy,
} from "./iothreads.ts";
import type { Sched } from "./proc.ts";

const REQ = 0;
const HANDLE = 1;
const ZLIB = 2;
const HTTP = 3;
const SERVER = 4;
/** A crypto job: a request when run asynchronously (it has an `ondone`), nothing when run synchronously. */
const JOB = 5;
/** A TCP or pipe socket: holds while what it last wrote has had no answer yet. */
const SOCKET = 6;
/** A worker thread: holds while starting up or while a message posted to it is unanswered (workerBusy). */
const WORKER = 7;
/** Node's native HTTP parser of a server connection or client request: holds while it parses (parsing). */
const PARSER = 8;
/** A MessagePort the bubble posted on: holds while a post has had no message back (portBusy). */
const PORT = 9;
type Kind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

const requestTypes = new Set([
  "FSREQCALLBACK",
  "FSREQPROMISE",
  "FILEHANDLECLOSEREQ",
  "GETADDRINFOREQWRAP",
  "GETNAMEINFOREQWRAP",
  "QUERYWRAP",
  "TCPCONNECTWRAP",
  "PIPECONNECTWRAP",
  "WRITEWRAP",
  "SHUTDOWNWRAP",
  "UDPSENDWRAP",
]);
const handleTypes = new Set(["PROCESSWRAP", "Timeout"]);
const socketTypes = new Set(["TCPWRAP", "PIPEWRAP"]);
const serverTypes = new Set(["TCPSERVERWRAP", "PIPESERVERWRAP"]);
/**
 * The async resources that hand what a socket read to JavaScript piece by piece (i4): Node's HTTP parsers
 * (a server connection's, a node:http client request's) and TLS sockets (TLSWRAP: the plaintext a read
 * decrypted, which an HTTPS client's parser is then fed from JavaScript, out of sight of its resource).
 */
const parserTypes = new Set(["HTTPINCOMINGMESSAGE", "HTTPCLIENTREQUEST", "TLSWRAP"]);

/** How an async_hooks resource type is tracked, or -1 if it is not. */
function kindOf(type: string): Kind | -1 {
  if (requestTypes.has(type) || type === "Immediate") return REQ;
  if (handleTypes.has(type)) return HANDLE;
  if (type === "WORKER") return WORKER;
  if (socketTypes.has(type)) return SOCKET;
  if (type === "ZLIB") return ZLIB;
  if (serverTypes.has(type)) return SERVER;
  if (parserTypes.has(type)) return PARSER;
  // Crypto's thread-pool jobs: PBKDF2REQUEST, RANDOMBYTESREQUEST, SCRYPTREQUEST, KEYGENREQUEST, …
  if (type.endsWith("REQUEST") && type !== "HTTPCLIENTREQUEST") return JOB;
  return -1;
}

/** One host operation of a bubble. */
export class IoOp {
  readonly id: number;
  readonly type: string;
  readonly kind: Kind;
  readonly watch: IoWatch;
  /** The native resource (handles, zlib) or request object (http), for state checks and reports. */
  res: object | null;
  /** Where it was started (formatted only for reports). */
  readonly site: Error | null;
  /** For requests: the callback started (or it was destroyed). */
  done = false;
  /** For HTTP requests: what it is ("fetch GET http://…"). */
  label = "";
  /** For sockets: bytes written when its last callback (data, end) ran, and when that was (real ms). */
  mark = 0;
  lastData = 0;
  /** For sockets: accepted by a server of the same bubble (it holds nothing itself: see peerOf). */
  accepted = false;
  /** For a client socket: the socket a server of the same bubble accepted for it, once found. */
  peer: IoOp | null = null;
  /** For a worker: its Worker object, once seen (workerOf). */
  worker: object | null = null;
  /** For a worker: messages posted to it since its last message (or its start); for a port: on it (i5). */
  asked = 0;
  /** For a worker: it has sent a message, or its event loop has waited for events: it has started. */
  started = false;
  /** For a worker: terminate() was called; it holds until it has exited (its handle is destroyed). */
  terminating = false;
  /** For a parser: it called JavaScript back during this turn of the event loop (parsing). */
  parsing = false;
  /** For an HTTP request: the socket it was sent on, once known (undici tells it on sendHeaders). */
  sock: object | null = null;
  /**
   * The JavaScript object Node attached to the resource (a net.Socket, a ChildProcess, a zlib stream),
   * found once: Node attaches it after `init`, and a child process's is still needed after its handle
   * is destroyed.
   */
  private ownerFound: object | null = null;
  constructor(id: number, type: string, kind: Kind, watch: IoWatch, res: object | null, site: Error | null) {
    this.id = id;
    this.type = type;
    this.kind = kind;
    this.watch = watch;
    this.res = res;
    this.site = site;
  }

  owner(): object | null {
    if (this.ownerFound === null && this.res !== null) this.ownerFound = ownerOf(this.res);
    return this.ownerFound;
  }

  /**
   * Whether it holds its bubble's time right now. With `ending` (the bubble's goroutines have returned),
   * only what completes by itself: an open socket is the program's to close, and an HTTP client's idle
   * socket may be waiting for a bubble timer to unref it, which will not fire any more.
   */
  holds(ending = false): boolean {
    switch (this.kind) {
      case REQ:
        return !this.done;
      case HTTP:
        return !this.done && httpWaits(this);
      case JOB:
        // A synchronous job (randomBytes without a callback) is never given `ondone`, and its destroy
        // waits for a garbage collection.
        return !this.done && (this.res as { ondone?: unknown } | null)?.ondone !== undefined;
      case HANDLE:
        if (ending && this.type === "Timeout") return false;
        if (this.type === "PROCESSWRAP") {
          const child = this.owner();
          return childAwaited(child) && (handleHolds(this.res) || childOpen(child));
        }
        return handleHolds(this.res);
      case SOCKET:
        if (ending) return false;
        if (this.accepted) {
          // A connection the bubble's server accepted waits for its client and holds nothing, until the
          // client ends or resets it: then Node ends and closes this side by itself, a turn or two of the
          // loop away, and its 'end'/'close' handlers must run before the clock moves on.
          const o = this.owner() as {
            destroyed?: unknown;
            allowHalfOpen?: unknown;
            _readableState?: { ended?: unknown };
          } | null;
          return (
            o !== null &&
            (o.destroyed === true || (o._readableState?.ended === true && o.allowHalfOpen !== true))
          );
        }
        // Destroyed, its handle not closed yet: its 'close' event is still to come (a loop turn away).
        if ((this.owner() as { destroyed?: unknown } | null)?.destroyed === true) return true;
        return handleHolds(this.res) && socketWaits(this);
      case ZLIB:
        return zlibBusy(this.owner());
      case WORKER:
        return handleHolds(this.res) && workerBusy(this);
      case PARSER:
        return this.parsing;
      case PORT:
        return portBusy(this);
      default:
        return false;
    }
  }

  /** "PROCESSWRAP (child process node -e …)", for reports. */
  describe(): string {
    if (this.label !== "") return this.label;
    const owner = this.owner();
    let what = "";
    if (this.kind === PARSER)
      what =
        this.type === "TLSWRAP"
          ? "TLS: handing what its socket read to JavaScript"
          : "HTTP parser: parsing what its socket read";
    else if (this.kind === PORT)
      what = `message port: ${this.asked} message${this.asked === 1 ? "" : "s"} posted on it unanswered`;
    else if (this.kind === WORKER)
      what = this.terminating
        ? "worker: terminating"
        : this.asked > 0
          ? `worker: ${this.asked} message${this.asked === 1 ? "" : "s"} posted to it unanswered`
          : "worker: starting up";
    else if (owner !== null) {
      const o = owner as {
        spawnfile?: string;
        spawnargs?: string[];
        remoteAddress?: string;
        remotePort?: number;
        path?: string;
      };
      if (this.type === "PROCESSWRAP" && o.spawnargs !== undefined)
        what = `child process ${o.spawnargs.join(" ")}`;
      else if (o.remoteAddress !== undefined) what = `socket to ${o.remoteAddress}:${o.remotePort}`;
    }
    return what === "" ? this.type : `${this.type} (${what})`;
  }
}

interface HandleLike {
  hasRef?: () => unknown;
  fd?: number;
}

/**
 * Whether someone waits for a ChildProcess to end ('exit' or 'close' listeners: execFile, exec, `await
 * once(child, "exit")`). A child nobody waits for (a server the test started) does not hold time, as in
 * Go a running process holds nothing until someone calls Wait.
 */
function childAwaited(child: object | null): boolean {
  const c = child as { listenerCount?: (e: string) => number } | null;
  if (c === null || typeof c.listenerCount !== "function") return true;
  return c.listenerCount("exit") + c.listenerCount("close") > 0;
}

/**
 * Whether a ChildProcess still has stdio open after its exit: its output is still coming (execFile's
 * callback waits for it), which the process handle, closed at exit, no longer shows.
 */
function childOpen(child: object | null): boolean {
  const c = child as { _closesGot?: number; _closesNeeded?: number } | null;
  return c !== null && typeof c._closesGot === "number" && c._closesGot < (c._closesNeeded ?? 0);
}

/**
 * Real ms a socket that has read less than it wrote keeps holding after data came in: the rest of an
 * answer that comes in several chunks arrives within it; then the connection counts as idle.
 */
const settleMs = 50;

/** net.Socket's byte counters and connect state, as socketWaits reads them. */
interface SocketLike {
  bytesWritten?: unknown;
  bytesRead?: unknown;
  connecting?: unknown;
  writableEnded?: unknown;
  _readableState?: { ended?: unknown };
}

/** Bytes a socket's TCP handle has written (the wire's count, TLS records included), else its socket's. */
function wireWritten(op: IoOp): number {
  const n = (op.res as { bytesWritten?: unknown } | null)?.bytesWritten;
  return typeof n === "number" ? n : written(op);
}

/** Bytes a socket's TCP handle has read from the wire, else its socket's count. */
function wireRead(op: IoOp): number {
  const n = (op.res as { bytesRead?: unknown } | null)?.bytesRead;
  return typeof n === "number" ? n : bytesRead(op.owner() as SocketLike | null);
}

/** Bytes written to the socket so far, queued ones included (net.Socket.bytesWritten). */
function written(op: IoOp): number {
  const n = (op.owner() as SocketLike | null)?.bytesWritten;
  return typeof n === "number" ? n : 0;
}

/**
 * Whether a socket waits for an answer: it is connecting, it wrote something since data last came in, or it has read less
 * than it wrote in all and data came in less than settleMs ago (the rest of the answer may be coming).
 */
function socketWaits(op: IoOp): boolean {
  // Connecting: net.Socket starts its connect request from a process.nextTick, which may come after a
  // check that the microtask queue drained.
  const sock = op.owner() as SocketLike | null;
  if (sock?.connecting === true) return true;
  const peer = peerOf(op);
  if (peer !== null) {
    // Both ends are the bubble's: what each end does with what it read is bubble code (its timers are
    // virtual, its own I/O tracked), so the connection holds exactly while bytes are on their way. The
    // bytes are counted on the TCP handles: a TLS socket's own counts are its plaintext, while the
    // handshake and the records' framing also cross the connection.
    const ps = peer.owner() as SocketLike | null;
    return (
      wireWritten(op) > wireRead(peer) ||
      wireWritten(peer) > wireRead(op) ||
      eofUnread(sock, ps) ||
      eofUnread(ps, sock)
    );
  }
  const w = written(op);
  if (w > op.mark) return true;
  const r = sock?.bytesRead;
  return typeof r === "number" && r < w && hostPerfNow() - op.lastData < settleMs;
}

/**
 * Whether an HTTP request in flight holds time: always, unless it was sent on a connection between two
 * sockets of the bubble (a server the bubble started): then only while bytes are on their way, as for
 * that connection (socketWaits). The server's handler is bubble code: a response it sends after a
 * bubble timer needs that timer to fire.
 */
function httpWaits(op: IoOp): boolean {
  const sock = op.sock ?? (op.res as { socket?: object | null } | null)?.socket ?? null;
  type Handle = { getAsyncId?: () => number; _parent?: Handle | null };
  const handle = (sock as { _handle?: Handle | null } | null)?._handle;
  // A TLS socket's handle is Node's TLSWrap; the TCP handle (the tracked socket) is its _parent.
  const id = (handle?._parent ?? handle)?.getAsyncId?.();
  const sop = id === undefined ? undefined : ops.get(id);
  if (sop === undefined || sop.kind !== SOCKET || sop.watch !== op.watch || peerOf(sop) === null) return true;
  return socketWaits(sop);
}

/** Whether `from` has ended its side (end(): a FIN) and `to` has not read that end yet. */
function eofUnread(from: SocketLike | null, to: SocketLike | null): boolean {
  return from?.writableEnded === true && to?._readableState?.ended !== true;
}

function bytesRead(sock: SocketLike | null): number {
  const n = sock?.bytesRead;
  return typeof n === "number" ? n : 0;
}

/** A TCP socket's addresses, as net.Socket gives them. */
interface Endpoints {
  localAddress?: string;
  localPort?: number;
  remoteAddress?: string;
  remotePort?: number;
}

/**
 * Whether two socket addresses name the same host address. A dual-stack server (`listen(port)`, `::`)
 * sees an IPv4 client as the IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) where the client sees plain
 * `127.0.0.1`.
 */
function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && unmapped(a) === unmapped(b));
}

function unmapped(a: string): string {
  return a.length > 7 && a.slice(0, 7).toLowerCase() === "::ffff:" && a.includes(".") ? a.slice(7) : a;
}

/**
 * The other end of a bubble's client socket when a server of the same bubble accepted it (matched on
 * ports and addresses), or null: the server is elsewhere, or its end is closed (then the client's own
 * rule applies: its end of the close, an EOF, is still on its way).
 */
function peerOf(op: IoOp): IoOp | null {
  if (op.peer !== null) return op.peer.res !== null ? op.peer : null;
  const me = op.owner() as Endpoints | null;
  if (me === null || typeof me.localPort !== "number") return null;
  for (const other of op.watch.sockets()) {
    if (!other.accepted || other.res === null) continue;
    const it = other.owner() as Endpoints | null;
    if (
      it !== null &&
      it.remotePort === me.localPort &&
      it.localPort === me.remotePort &&
      sameAddress(it.remoteAddress, me.localAddress) &&
      sameAddress(it.localAddress, me.remoteAddress)
    ) {
      op.peer = other;
      return other;
    }
  }
  return null;
}

function handleHolds(res: object | null): boolean {
  const h = res as HandleLike | null;
  if (h === null || typeof h.hasRef !== "function") return false;
  const fd = h.fd;
  if (typeof fd === "number" && fd >= 0 && fd <= 2) return false; // stdio
  if ((h as { _destroyed?: boolean })._destroyed === true) return false; // a timeout that fired
  return h.hasRef() === true;
}

/** The JavaScript object Node attaches to a native resource (a net.Socket, a ChildProcess, a zlib stream). */
function ownerOf(res: object | null): object | null {
  if (res === null) return null;
  for (const s of Object.getOwnPropertySymbols(res)) {
    if (s.description === "owner_symbol") {
      const o = (res as Record<symbol, unknown>)[s];
      return typeof o === "object" && o !== null ? o : null;
    }
  }
  return null;
}

function zlibBusy(stream: object | null): boolean {
  const s = stream as {
    destroyed?: boolean;
    writableLength?: number;
    writableEnded?: boolean;
    readableEnded?: boolean;
    readableLength?: number;
    readableHighWaterMark?: number;
    readableFlowing?: boolean | null;
    _writableState?: { writing?: boolean };
  } | null;
  if (s === null || s.destroyed === true) return false;
  // Backpressure: its output buffer is full and nobody is reading, so Node's zlib waits for a read
  // before it compresses more — nothing is in flight (as a goroutine blocked on a full channel).
  if (
    s.readableFlowing !== true &&
    (s.readableLength ?? 0) >= (s.readableHighWaterMark ?? Number.POSITIVE_INFINITY)
  )
    return false;
  // Input queued or being compressed, or input ended and the last output (the flush) not out yet.
  return (
    (s.writableLength ?? 0) > 0 ||
    s._writableState?.writing === true ||
    (s.writableEnded === true && s.readableEnded !== true)
  );
}

// ===== the process-wide hook =====

/** Every tracked operation and server of an open IoWatch, by async id (i1). */
const ops = new Map<number, IoOp>();

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
  const h = res as { onread?: unknown };
  const onread = h.onread;
  if (typeof onread === "function" && !rt.stopped) h.onread = bindToRuntime(rt, onread as Callback);
}
type Callback = (...a: unknown[]) => unknown;

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
    if (kind === -1 || hostInternal > 0) return;
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
    if (op.kind === REQ || op.kind === JOB) op.watch.finish(op);
    else if (op.kind === PARSER) startParsing(op);
    else if (op.kind === SOCKET) {
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
    } else if (op.kind !== HTTP) ops.set(op.id, op);
    if (op.kind === REQ) this.reqs++;
    this.live.add(op);
    if (VERIFY) this.verify();
  }

  /** Whether the operation is the bubble's, in flight or not (i5). */
  has(op: IoOp): boolean {
    return this.live.has(op);
  }

  /** A request's (or crypto job's) callback starts: it no longer holds time (i2). */
  finish(op: IoOp): void {
    if (op.done || !this.live.has(op)) return;
    op.done = true;
    if (op.kind !== JOB) this.reqs--;
    this.completions++;
    if (VERIFY) this.verify();
    this.poke(); // checkdead runs once the callback and its microtasks are done (armed for the drain)
  }

  remove(op: IoOp): void {
    if (!this.live.delete(op)) return;
    if (op.kind === PORT) dropPort(op);
    if ((op.kind === REQ || op.kind === HTTP) && !op.done) {
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
      else if (op.kind !== HTTP) ops.delete(op.id);
    }
    this.live.clear();
    this.reqs = 0;
    if (this.pollHandle !== null) hostClearTimeout(this.pollHandle);
    this.pollHandle = null;
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
      } else if (op.kind !== HTTP && ops.get(op.id) !== op)
        throw new Error("iotrack: i1 op missing from ops");
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
