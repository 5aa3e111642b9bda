// Shared by workers.test.ts and messageport.test.ts: an emitter's next message raced against a guard
// timer of the bubble (a virtual setTimeout when called in one).
import { once } from "node:events";
import { type MessagePort, Worker } from "node:worker_threads";

/** The emitter's next 'message' value, or "guard fired" if a `guardMs` setTimeout fires first. */
export async function replyOrGuard(from: Worker | MessagePort, guardMs: number): Promise<unknown> {
  let guard: ReturnType<typeof setTimeout> | undefined;
  try {
    // once() is typed per emitter kind (a Worker is an EventEmitter, a MessagePort an EventTarget).
    const next = from instanceof Worker ? once(from, "message") : once(from, "message");
    return await Promise.race([
      next.then(([m]) => m),
      new Promise((r) => {
        guard = setTimeout(() => r("guard fired"), guardMs);
      }),
    ]);
  } finally {
    clearTimeout(guard);
  }
}
