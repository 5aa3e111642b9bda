// Public: Go's select statement.

import type { ReceiveChan, SendChan } from "./chan.ts";
import { type Hchan, isHchan } from "./internal/runtime/chan.ts";
import { type Scase, selectgo, selectPoll } from "./internal/runtime/select.ts";
import { describe } from "./internal/timeargs.ts";

/** A receive case (Go: `case v, ok := <-c`). A null channel is never ready. */
export interface RecvCase<T> extends Scase {
  readonly send: false;
  /** @internal type carrier */
  readonly __t?: T;
}

/** A send case (Go: `case c <- v`). A null channel is never ready. */
export interface SendCase<T> extends Scase {
  readonly send: true;
  /** @internal type carrier */
  readonly __t?: T;
}

export type Case = RecvCase<any> | SendCase<any>;

/** What a case yields when chosen: its index, and for a receive the value and ok. */
export type CaseResult<C, I extends number> =
  C extends RecvCase<infer T>
    ?
        | { readonly index: I; readonly value: T; readonly ok: true }
        | { readonly index: I; readonly value: undefined; readonly ok: false }
    : { readonly index: I; readonly value: undefined; readonly ok: true };

type Indices<Cs extends readonly unknown[]> = {
  [K in keyof Cs]: K extends `${infer N extends number}` ? N : never;
};

/** The result of a select over Cs: a union discriminated by `index`. */
export type SelectResultOf<Cs extends readonly Case[]> = {
  [K in keyof Cs]: CaseResult<Cs[K], Indices<Cs>[K] & number>;
}[number];

/**
 * A receive case on c, for {@link select} and {@link trySelect} (Go: `case v, ok := <-c`).
 *
 * @example
 * const c = chan<number>(1);
 * await c.send(7);
 * const r = await select([recv(c), recv(null)] as const); // a null channel is never ready
 * r.index; // 0
 * r.value; // 7
 * r.ok; // true
 */
export function recv<T>(c: ReceiveChan<T> | null): RecvCase<T> {
  return { c: hchanOf(c, "recv"), send: false };
}

/**
 * A send case of v on c, for {@link select} and {@link trySelect} (Go: `case c <- v`).
 *
 * @example
 * const out = chan<string>(1);
 * const quit = chan<void>();
 * const r = await select([send(out, "hello"), recv(quit)] as const);
 * r.index; // 0: the buffer had room
 * await out.recv(); // "hello"
 */
export function send<T>(c: SendChan<T> | null, v: T): SendCase<T> {
  return { c: hchanOf(c, "send"), send: true, elem: v };
}

/**
 * Go's select: waits until one of the cases can proceed and runs it. When several are ready, one is chosen
 * uniformly at random (from the runtime's seeded source). Resolves with the chosen case's index (and, for a
 * receive, value and ok); rejects with GoPanic if a send case's channel is closed, or with signal.reason.
 * With no case, blocks forever.
 *
 * @example
 * const jobs = chan<string>();
 * go(async () => {
 *   await time.sleep(2 * time.Second);
 *   await jobs.send("build");
 * });
 * const r = await select([recv(jobs), recv(time.after(time.Second))] as const);
 * if (r.index === 0) console.log("job", r.value);
 * else console.log("timeout"); // timeout
 */
export function select<const Cs extends readonly Case[]>(
  cases: Cs,
  signal?: AbortSignal,
): Promise<SelectResultOf<Cs>> {
  return selectgo(cases, signal) as Promise<SelectResultOf<Cs>>;
}

/**
 * Go's select with a default case: runs a ready case, or returns null (the default) without blocking.
 * Throws GoPanic if a send case's channel is closed.
 *
 * @example
 * const c = chan<number>();
 * trySelect([recv(c)] as const); // null: nothing is ready, so the default case
 * const b = chan<number>(1);
 * trySelect([send(b, 1)] as const)?.index; // 0
 * b.len; // 1
 */
export function trySelect<const Cs extends readonly Case[]>(cases: Cs): SelectResultOf<Cs> | null {
  return selectPoll(cases, "trySelect") as SelectResultOf<Cs> | null;
}

/** c's channel, or null for a nil channel; a TypeError for anything else. */
function hchanOf(c: ReceiveChan<unknown> | SendChan<unknown> | null, who: string): Hchan | null {
  if (c === null) return null;
  const h: unknown = typeof c === "object" ? (c as { hchan?: unknown }).hchan : undefined;
  if (h === null) return null; // a nil channel as a Chan (time.tick(d <= 0))
  if (!isHchan(h)) throw new TypeError(`${who}: c must be a channel or null, got ${describe(c)}`);
  return h;
}
