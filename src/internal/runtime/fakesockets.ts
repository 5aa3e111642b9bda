// The bubble's fakes for sockets: a socket's inactivity timeout set by bubble code runs on the bubble's
// clock, and a UDP send from bubble code tells the bubble's I/O watch (ioop.ts: UDP) that an answer may
// come. Both are patches of the sockets' prototypes, installed and restored with the other fakes.

import { Socket as UdpSocket } from "node:dgram";
import { Socket } from "node:net";
import { hostClearTimeout, type hostSetTimeout } from "../host.ts";
import { nt, patch, userFrames } from "./fakepatch.ts";
import { FakeTimeout } from "./faketimeout.ts";
import { currentBubble } from "./nodetimers.ts";

/** What the socket-timeout wrapper uses of a net.Socket (and its subclasses: tls.TLSSocket). */
interface TimedSocket {
  destroyed: boolean;
  _onTimeout(): void;
  [k: symbol]: unknown;
}

/** Node's private key of a socket's inactivity timer (internal/timers kTimeout, "timeout"), once seen. */
let kTimeout: symbol | undefined;

function timeoutKey(sock: object): symbol | undefined {
  kTimeout ??= Object.getOwnPropertySymbols(sock).find((k) => k.description === "timeout");
  return kTimeout;
}

/**
 * A UDP send from bubble code holds the bubble's time for a moment (ioop.ts: UDP): Node makes no async
 * resource for a send without a callback (a datagram goes out at once), so the send itself is the signal.
 */
export function installUdpSends(): void {
  const proto = UdpSocket.prototype as unknown as Record<string, unknown>;
  const outer = proto.send as (...a: unknown[]) => unknown;
  patch(proto, "send", function (this: unknown, ...args: unknown[]) {
    currentBubble()?.io?.udpSent();
    return Reflect.apply(outer, this, args);
  });
}

/**
 * A socket's inactivity timeout (socket.setTimeout, and what calls it: an HTTP request's `timeout`, a
 * server's keepAliveTimeout and `timeout`, an agent's free-socket timeout), set by bubble code, runs on
 * the bubble's clock. Node keeps it in a Timeout of its own list, made by its internal setUnrefTimeout
 * (the globals are never asked), and refreshes it on every read and write (_unrefTimer). The wrapper lets
 * Node's setTimeout do its checks and its listener bookkeeping, then swaps the host Timeout for an unref'd
 * one of the bubble's with the same delay, which the same refresh calls re-arm. A socket timeout fires
 * only when the bubble's time moves, so while the socket's own I/O holds the clock it cannot fire: an
 * outside server that never answers is reported as a stall, not timed out.
 */
export function installSocketTimeouts(): void {
  const proto = Socket.prototype as unknown as Record<string, unknown>;
  const outer = proto.setTimeout as (this: TimedSocket, ms: unknown, cb?: unknown) => unknown;
  patch(proto, "setTimeout", function (this: TimedSocket, msecs: unknown, callback?: unknown) {
    const k = timeoutKey(this);
    const prev = k === undefined ? undefined : this[k];
    const rt = currentBubble();
    if (prev instanceof FakeTimeout) {
      prev.close(); // Node's clearTimeout cannot clear it
      if (k !== undefined) this[k] = null;
    }
    const r = outer.call(this, msecs, callback);
    const host = k === undefined ? undefined : (this[k] as { _idleTimeout?: number } | null | undefined);
    if (rt === null || k === undefined || host === null || host === undefined || host === prev) return r;
    const ms = host._idleTimeout;
    if (typeof ms !== "number" || ms <= 0) return r;
    hostClearTimeout(host as ReturnType<typeof hostSetTimeout>);
    const fake = nt(rt).add(
      () => {
        if (this[k] === fake && !this.destroyed) this._onTimeout();
      },
      ms,
      [],
      false,
      "setTimeout",
      userFrames,
    );
    fake.unref();
    this[k] = fake;
    return r;
  });
}
