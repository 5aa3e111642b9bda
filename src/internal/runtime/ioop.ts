// One host operation a bubble started (IoOp), and when it holds the bubble's time: the rule for each kind
// of async_hooks resource. iotrack.ts finds the operations (its process-wide hook and HTTP channels) and
// keeps them in the bubbles' watches; this module only answers, for one operation, "in flight now?".
//
// An operation found in a bubble's context belongs to that bubble until it completes, and holds:
//
//   - a request (fs, dns, connect, write, shutdown, crypto jobs, …) from `init` until its callback starts
//     (`before`), or its `destroy` if that comes first — a socket's write or shutdown, not while it waits
//     for the other end of a connection of the bubble to read again (below: writeRefused);
//   - a child process while it runs (and is refed: what keeps a Node process alive) and someone waits for
//     it: to end ('exit'/'close' listeners, as execFile has), for its output (listeners on its stdout or
//     stderr) or its IPC messages; until its stdio closed too;
//   - a UDP socket, refed, for settleMs after the bubble's code last sent a datagram (no acknowledgement
//     exists: an answer, if any, comes within that; a fire-and-forget sender does not stall the bubble);
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
//     between two sockets of the same bubble, while bytes or an end are on their way to an end that
//     reads (refed or not: they arrive by themselves): bytes towards an end Node stopped reading (paused, its buffer full: backpressure) wait for
//     bubble code to read them, as a goroutine blocked on a full channel, and so does a write or a
//     shutdown request queued behind them (writeRefused);
//   - an HTTP/2 session (node:http2) while nghttp2 has frames queued in it, and until the event loop has
//     had a turn since the bubble last made progress (IoWatch.unpolled): Node writes what it queued from a
//     native immediate, in no callback (h2Busy);
//   - a zlib stream while it has input queued or in the thread pool, or its input ended and its output
//     has not all come out;
//   - an HTTP request (diagnostics_channel): fetch (undici) from `undici:request:create` to its trailers
//     or error, node:http from `http.client.request.start` to the request's `close`, while it has no
//     socket yet or its socket's handle has a real connection (a mock's never does: httpWaits). These also
//     cover a pooled socket that was opened outside the bubble, which async_hooks cannot attribute to it;
//   - Node's native HTTP parser of a bubble's server connection or node:http client request, from its
//     first call into JavaScript in a turn of the event loop to that turn's check phase: what its socket
//     read is still being handed to JavaScript piece by piece (startParsing);
//   - a real timer (setTimeout or setImmediate as the host gives them, e.g. a reference a library took
//     before the bubble faked the globals) while it is pending and refed: the outside world's clock;
//   - an fs.watch watcher (fs.promises.watch too), open and refed, until the event loop has polled for
//     I/O once since the bubble last made progress (IoWatch.unpolled): the events of a change the bubble
//     just made (a write, a rename) are already queued in the kernel, and Node reads them in that poll,
//     so they come at the virtual instant of the change, as on the host they come within a moment of it,
//     instead of after the clock jumped to the bubble's next timer.
//
// Invariants: none of its own. `ops` is the table iotrack.ts keeps (its i1: an operation is in it iff its
// watch is open and it has not been destroyed); the rules here only read it.

import { hostPerfNow } from "../host.ts";
import { portBusy, workerBusy } from "./iothreads.ts";
import type { IoWatch } from "./iotrack.ts";

export const REQ = 0;
export const HANDLE = 1;
export const ZLIB = 2;
export const HTTP = 3;
export const SERVER = 4;
/** A crypto job: a request when run asynchronously (it has an `ondone`), nothing when run synchronously. */
export const JOB = 5;
/** A TCP or pipe socket: holds while what it last wrote has had no answer yet. */
export const SOCKET = 6;
/** A worker thread: holds while starting up or while a message posted to it is unanswered (workerBusy). */
export const WORKER = 7;
/** Node's native HTTP parser of a server connection or client request: holds while it parses (parsing). */
export const PARSER = 8;
/** A MessagePort the bubble posted on: holds while a post has had no message back (portBusy). */
export const PORT = 9;
/** A gort Runtime that bubble code started (new Runtime().run): holds while it runs (IoWatch.nested). */
export const RUNTIME = 10;
/** A UDP socket: holds for settleMs after the bubble last sent a datagram (an answer may be coming). */
export const UDP = 11;
/**
 * A write or shutdown request on a socket: a request (REQ), except on a connection between two sockets of
 * the bubble whose reader stopped reading (writeRefused).
 */
export const WRITE = 12;
/** An fs.watch watcher: holds until the event loop has polled once since the bubble's last progress. */
export const FSWATCH = 13;
/** An HTTP/2 session (node:http2): holds while frames are queued in it, not yet written to its socket. */
export const H2 = 14;
export type Kind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14;

const requestTypes = new Set([
  "FSREQCALLBACK",
  "FSREQPROMISE",
  "FILEHANDLECLOSEREQ",
  "GETADDRINFOREQWRAP",
  "GETNAMEINFOREQWRAP",
  "QUERYWRAP",
  "TCPCONNECTWRAP",
  "PIPECONNECTWRAP",
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
export function kindOf(type: string): Kind | -1 {
  if (requestTypes.has(type) || type === "Immediate") return REQ;
  if (type === "WRITEWRAP" || type === "SHUTDOWNWRAP") return WRITE;
  if (handleTypes.has(type)) return HANDLE;
  if (type === "WORKER") return WORKER;
  if (socketTypes.has(type)) return SOCKET;
  if (type === "ZLIB") return ZLIB;
  if (type === "UDPWRAP") return UDP;
  if (type === "FSEVENTWRAP") return FSWATCH;
  if (type === "HTTP2SESSION") return H2;
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
  /**
   * For a client socket: the socket a server of the same bubble accepted for it, once found; for that
   * accepted socket, the client's (the back-link, set at the same time).
   */
  peer: IoOp | null = null;
  /** For a client socket: a connect was started on its handle (its TCPCONNECTWRAP or PIPECONNECTWRAP). */
  connected = false;
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
      case WRITE:
        return !this.done && !writeRefused(this);
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
          // loop away, and its 'end'/'close' handlers must run before the clock moves on. The client's end
          // (its FIN) is on its way from when the client ended or destroyed its side until this side has
          // read it: the client's own socket may be gone by then (a WebSocket's close handshake).
          const o = this.owner() as {
            destroyed?: unknown;
            allowHalfOpen?: unknown;
            _readableState?: { ended?: unknown };
          } | null;
          if (o === null) return false;
          if (o.destroyed === true) return true;
          if (o._readableState?.ended === true) return o.allowHalfOpen !== true;
          const c = this.peer?.owner() as { destroyed?: unknown; writableEnded?: unknown } | undefined;
          return c !== undefined && (c.writableEnded === true || c.destroyed === true);
        }
        // Destroyed: its 'close' event is still to come, a loop turn away, when its handle has closed — if
        // the handle ever connected: an HTTP mock's socket (nock 15), whose handle never connected, is
        // destroyed without closing it, and held the bubble's time forever.
        if ((this.owner() as { destroyed?: unknown } | null)?.destroyed === true) return this.connected;
        // Bytes on their way between two sockets of the bubble arrive by themselves, refed or not: an
        // HTTP/2 client (gRPC's) unrefs its session's socket and keeps the process alive with a timer of
        // its own while calls are pending.
        if (!stdio(this.res) && inTransitPeer(this)) return true;
        return handleHolds(this.res) && socketWaits(this);
      case ZLIB:
        return zlibBusy(this.owner());
      case WORKER:
        return handleHolds(this.res) && workerBusy(this);
      case PARSER:
        return this.parsing;
      case PORT:
        return portBusy(this);
      case RUNTIME:
        return (this.res as { stopped?: boolean } | null)?.stopped === false;
      case UDP:
        // UDP has no acknowledgement: a datagram sent (to the bubble's own server, say) is in transit for
        // a moment, then answered or lost. So an open, refed UDP socket holds for settleMs after the
        // bubble's last send, then lets time run (a fire-and-forget sender does not stall the bubble).
        return !ending && handleHolds(this.res) && hostPerfNow() - this.watch.lastUdpSend < settleMs;
      case FSWATCH:
        return !ending && handleHolds(this.res) && this.watch.unpolled();
      case H2:
        return !ending && h2Busy(this);
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
    else if (this.kind === RUNTIME) what = "a gort Runtime the bubble started, still running";
    else if (this.kind === FSWATCH) what = "fs watcher: waiting a turn of the event loop for its events";
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

type Listened = { listenerCount?: (e: string) => number } | null | undefined;

/**
 * Whether someone waits for a ChildProcess: for it to end ('exit' or 'close' listeners: execFile, exec,
 * `await once(child, "exit")`), for its output (listeners on its stdout or stderr: readline over it, a
 * `for await` of its lines — in Go a goroutine reading a pipe is not durably blocked), or for its IPC
 * messages (a fork's 'message' listeners). A child nobody waits for (a server the test started, its output
 * ignored) does not hold time, as in Go a running process holds nothing until someone calls Wait.
 */
function childAwaited(child: object | null): boolean {
  const c = child as (Listened & { stdout?: Listened; stderr?: Listened }) | null;
  if (c === null || typeof c.listenerCount !== "function") return true;
  if (c.listenerCount("exit") + c.listenerCount("close") + c.listenerCount("message") > 0) return true;
  return reading(c.stdout) || reading(c.stderr);
}

/** Whether a stream has consumers that wait for its data or its end. */
function reading(s: Listened): boolean {
  if (s === null || s === undefined || typeof s.listenerCount !== "function") return false;
  return s.listenerCount("data") + s.listenerCount("readable") + s.listenerCount("end") > 0;
}

/**
 * Whether a ChildProcess still has stdio open after its exit: its output is still coming (execFile's
 * callback waits for it), which the process handle, closed at exit, no longer shows.
 */
export function childOpen(child: object | null): boolean {
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
export function written(op: IoOp): number {
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
    return inTransit(op, peer) || inTransit(peer, op);
  }
  const w = written(op);
  if (w > op.mark) return true;
  const r = sock?.bytesRead;
  return typeof r === "number" && r < w && hostPerfNow() - op.lastData < settleMs;
}

/** Whether bytes are on their way either way between a bubble's client socket and its accepted peer. */
function inTransitPeer(op: IoOp): boolean {
  const peer = peerOf(op);
  return peer !== null && (inTransit(op, peer) || inTransit(peer, op));
}

/**
 * Whether an HTTP request in flight holds time. What is in flight for a request is its connection: until
 * it has a socket (node:http hands it one a tick after the request starts; fetch names it when it sends
 * the headers), always; on a socket whose handle has connected for real (connectedForReal), always —
 * unless the connection is between two sockets of the bubble (a server the bubble started): then only
 * while bytes are on their way, as for that connection (socketWaits), for the server's handler is bubble
 * code (a response it sends after a bubble timer needs that timer to fire). On a socket that has no
 * real connection (a mock's: nock's and @mswjs/interceptors' sockets never connect, and answer from
 * JavaScript, on timers the bubble's clock runs), never: a real socket still connecting holds by itself
 * (its own operation, and its DNS lookup and connect requests, are tracked: socketWaits, REQ).
 */
function httpWaits(op: IoOp): boolean {
  const sock = op.sock ?? (op.res as { socket?: object | null } | null)?.socket ?? null;
  if (sock === null) return true;
  type Handle = { _parent?: Handle | null };
  const handle = (sock as { _handle?: Handle | null } | null)?._handle ?? null;
  // A TLS socket's handle is Node's TLSWrap; the TCP handle (the tracked socket) is its _parent.
  const tcp = handle?._parent ?? handle;
  if (tcp === null || !connectedForReal(tcp)) return false;
  const sop = socketOpOf(handle, op.watch);
  if (sop === undefined || peerOf(sop) === null) return true;
  return socketWaits(sop);
}

/** TCP handles seen connected: a connection stays real until its request ends, whatever happens to it. */
const realConnections = new WeakSet<object>();

/**
 * Whether a socket's TCP handle has a real connection: its native getpeername (its prototype's: a mock
 * may give the handle its own) succeeds. A handle with no getpeername (a pipe's) counts as connected.
 */
function connectedForReal(tcp: object): boolean {
  if (realConnections.has(tcp)) return true;
  const native = (Object.getPrototypeOf(tcp) as { getpeername?: unknown } | null)?.getpeername;
  const real = typeof native !== "function" || (native as (out: object) => number).call(tcp, {}) === 0;
  if (real) realConnections.add(tcp);
  return real;
}

/**
 * Whether bytes or the end of the stream are on their way from one socket of a bubble's connection to
 * the other, which reads (takesIn): what an end that stopped reading has not taken waits for bubble code.
 */
function inTransit(from: IoOp, to: IoOp): boolean {
  const f = from.owner() as SocketLike | null;
  const t = to.owner() as SocketLike | null;
  return takesIn(t) && (wireWritten(from) > wireRead(to) || eofUnread(f, t));
}

/**
 * Whether Node reads a socket's handle: false once it stopped (net.Socket sets `reading` false and calls
 * readStop when its readable buffer is full, or on pause() in onread mode); only a read by JavaScript
 * (_read, as the stream's consumer pulls or resumes) starts it again.
 */
function takesIn(sock: SocketLike | null): boolean {
  return (sock as { _handle?: { reading?: unknown } | null } | null)?._handle?.reading !== false;
}

/**
 * Whether a write or shutdown request on a connection between two sockets of the bubble waits for its
 * reader: Node completes it once the kernel has taken the bytes queued before it, which it will not while
 * the other end has stopped reading (takesIn) with bytes from this end still unread. Nothing is in flight
 * then: bubble code must read first.
 */
function writeRefused(op: IoOp): boolean {
  const sop = socketOpOf((op.res as { handle?: object | null } | null)?.handle ?? null, op.watch);
  if (sop === undefined) return false;
  const peer = connectionPeer(sop);
  if (peer === null) return false;
  return !takesIn(peer.owner() as SocketLike | null) && wireWritten(sop) > wireRead(peer);
}

/**
 * The tracked socket of a bubble whose handle this is: a TLS socket's handle is Node's TLSWrap, and the
 * TCP handle (the tracked socket) is its _parent.
 */
function socketOpOf(handle: object | null, watch: IoWatch): IoOp | undefined {
  type Handle = { getAsyncId?: () => number; _parent?: Handle | null };
  const h = handle as Handle | null;
  const id = (h?._parent ?? h)?.getAsyncId?.();
  const sop = id === undefined ? undefined : ops.get(id);
  return sop !== undefined && sop.kind === SOCKET && sop.watch === watch && sop.res !== null
    ? sop
    : undefined;
}

/** The other end of a connection between two sockets of the bubble, from either end, or null. */
function connectionPeer(sop: IoOp): IoOp | null {
  if (!sop.accepted) return peerOf(sop);
  if (sop.peer !== null) return sop.peer.res !== null ? sop.peer : null;
  for (const other of sop.watch.sockets())
    if (!other.accepted && other.res !== null && peerOf(other) === sop) return other;
  return null;
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
      other.peer = op; // the accepted side's back-link: its client's end is on its way (holds)
      return other;
    }
  }
  return null;
}

/** Whether a handle is on stdio (fds 0–2), which never holds. */
function stdio(res: object | null): boolean {
  const fd = (res as HandleLike | null)?.fd;
  return typeof fd === "number" && fd >= 0 && fd <= 2;
}

export function handleHolds(res: object | null): boolean {
  const h = res as HandleLike | null;
  if (h === null || typeof h.hasRef !== "function") return false;
  if (stdio(res)) return false;
  if ((h as { _destroyed?: boolean })._destroyed === true) return false; // a timeout that fired
  return h.hasRef() === true;
}

/** The JavaScript object Node attaches to a native resource (a net.Socket, a ChildProcess, a zlib stream). */
export function ownerOf(res: object | null): object | null {
  if (res === null) return null;
  for (const s of Object.getOwnPropertySymbols(res)) {
    if (s.description === "owner_symbol") {
      const o = (res as Record<symbol, unknown>)[s];
      return typeof o === "object" && o !== null ? o : null;
    }
  }
  return null;
}

/**
 * Whether an HTTP/2 session may have frames it has not written to its socket yet. Node's session writes
 * what it queued (its SETTINGS and their acknowledgement, a request's HEADERS, its DATA and the END_STREAM
 * of its end(), a PING) from a native immediate of the event loop's check phase, in no JavaScript
 * callback: until then no byte of it is on the socket (socketWaits sees nothing written), and the clock
 * would jump past an exchange that on the host completes within a turn of the loop. So a session holds
 * while nghttp2's queue of frames is not empty (what a read queued: acknowledgements), and until a turn of
 * the loop has passed since the bubble last made progress (IoWatch.unpolled: what bubble code queued;
 * DATA is not in that queue); native immediates run before the host immediates that turn waits for.
 */
function h2Busy(op: IoOp): boolean {
  const s = op.owner() as { destroyed?: unknown; state?: { outboundQueueSize?: unknown } } | null;
  if (s === null || s.destroyed === true) return false;
  let n: unknown;
  try {
    n = s.state?.outboundQueueSize;
  } catch {
    return false; // a session whose handle is gone
  }
  return (typeof n === "number" && n > 0) || op.watch.unpolled();
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

/** Every tracked operation and server of an open IoWatch, by async id (i1). */
export const ops = new Map<number, IoOp>();
