// Twin of test/conformance/go/time_sub_add_saturation: Sub saturation, Since/Until of the zero Time, Add
// across the extremes, Unix constructors with out-of-range parts, comparisons, and the monotonic reading
// kept or dropped by Add.
import { time } from "../../../src/index.ts";
import { println } from "./harness.ts";

const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);

export async function main(): Promise<void> {
  const ds = time.durationString;
  const zero = new time.Time();
  const now = time.now();
  println("now - zero:", ds(now.sub(zero)), "zero - now:", ds(zero.sub(now)));
  println("Since(zero):", ds(time.since(zero)), "Until(zero):", ds(time.until(zero)));
  const far = time.unix(2 ** 40, 0);
  const past = time.unix(-(2 ** 40), 0);
  println("far - past:", ds(far.sub(past)), "past - far:", ds(past.sub(far)));
  println("far - now:", ds(far.sub(now)));
  const u = time.unix(0, 0).utc();
  println("epoch + max:", String(u.add(maxInt64)), "epoch + min:", String(u.add(minInt64)));
  println(
    "(epoch + max) - epoch:",
    ds(u.add(maxInt64).sub(u)),
    "(epoch + min) - epoch:",
    ds(u.add(minInt64).sub(u)),
  );
  println(
    "zero + min:",
    String(zero.add(minInt64)),
    "zero - 1ns:",
    String(zero.add(-1)),
    "IsZero:",
    zero.add(-1).isZero(),
  );
  println("Unix(0, -1):", String(time.unix(0, -1).utc()), "Unix(1, 2e9):", String(time.unix(1, 2e9).utc()));
  println(
    "Unix(-1, -2e9):",
    String(time.unix(-1, -2e9).utc()),
    "Unix(0, 1e18):",
    String(time.unix(0, 10n ** 18n).utc()),
  );
  println(
    "UnixMilli(-1):",
    String(time.unixMilli(-1).utc()),
    "UnixMicro(-1001):",
    String(time.unixMicro(-1001).utc()),
  );
  const t1 = time.unix(-1, 999999999);
  println("Unix(-1, 999999999).Unix():", t1.unix(), "UnixMilli:", t1.unixMilli(), "UnixNano:", t1.unixNano());
  const a = now;
  const b = now.add(time.Nanosecond);
  println(
    "Compare:",
    a.compare(b),
    b.compare(a),
    a.compare(a),
    "Before:",
    a.before(b),
    "After:",
    a.after(b),
    "Equal:",
    a.equal(a.round(0)),
    a.equal(a.utc()),
  );
  println("add -1ns then Sub:", ds(now.add(-1).sub(now)));
  const day = 24 * time.Hour;
  for (const d of [1n, 200n, 365n, 100n * 365n, 150n * 365n, -100n * 365n, -130n * 365n]) {
    const dd = d * BigInt(day);
    const t = now.add(dd);
    println("now +", ds(dd), "=", String(t), "back:", ds(t.sub(now)));
  }
}
