// Types that follow Go's idiom, checked by `npm run typecheck` (tsconfig.json includes test/): each
// `@ts-expect-error` line must be an error, or the type check fails. At run time it only checks that
// the values behave as typed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";
import { chan, context, errgroup, type RecvResult, Runtime, recv, select, time } from "../../src/index.ts";

test("RecvResult, CaseResult and timer channels narrow as Go's v, ok reads", async () => {
  await new Runtime({ clock: "fake", seed: 1 }).run(async () => {
    const c = chan<number>(1);
    await c.send(7);
    const r: RecvResult<number> = await c.recvOk();
    if (!r.ok) {
      const none: undefined = r.value;
      assert.fail(`closed: ${none}`);
    }
    const seven: number = r.value; // narrowed by ok: no `!`, no `as`
    assert.equal(seven, 7);
    c.close();
    const closed = await c.recvOk();
    // @ts-expect-error: without checking ok the value may be undefined
    const unchecked: number = closed.value;
    assert.equal(unchecked, undefined);

    const s = await select([recv(c)] as const);
    if (s.ok) {
      const v: number = s.value;
      assert.fail(`closed channel gave ${v}`);
    }

    const t = time.newTimer(time.Millisecond);
    const fired: time.Time = await t.c.recv(); // a timer channel is never closed: no `!`
    assert.ok(fired instanceof time.Time);
    const late: time.Time = await time.after(time.Millisecond).recv();
    assert.ok(late instanceof time.Time);
    const tk = time.newTicker(time.Millisecond);
    const ticked: time.Time = (await tk.c.recvOk()).value;
    tk.stop();
    assert.ok(ticked instanceof time.Time);
    // @ts-expect-error: a plain channel can be closed, so its recv may yield undefined
    const maybe: number = await c.recv();
    assert.equal(maybe, undefined);

    const g = new errgroup.Group();
    // @ts-expect-error: a subtask returns an error or nothing (Go: func() error), not a number
    await g.go(() => 42);
    await g.wait();
  });
});

test("Go errors print as Go prints them", () => {
  assert.equal(inspect(context.Canceled), "context canceled");
  assert.equal(inspect(context.DeadlineExceeded), "context deadline exceeded");
  assert.equal(String(context.Canceled), "context canceled");
  assert.equal(`${context.DeadlineExceeded}`, "context deadline exceeded");
});
