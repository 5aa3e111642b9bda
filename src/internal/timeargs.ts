// Validation and int64 clamping of Duration arguments, shared by the public time modules (duration.ts,
// timevalue.ts, internal/time/time.ts, time.ts). See time.ts's file comment for the rules.
//
// Invariants:
//   v1. durationArg returns a whole number of ns (or ±Infinity) and throws TypeError for anything else.
//   v2. durationBig returns a bigint in Go's int64 range.

export const maxInt64 = (1n << 63n) - 1n;
export const minInt64 = -(1n << 63n);

export function describe(v: unknown): string {
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  if (typeof v === "number") return String(v);
  if (typeof v === "bigint") return `${v}n`;
  if (v === null) return "null";
  return typeof v;
}

/** Validates a Duration argument (see the file comment); returns whole ns as a number. */
export function durationArg(d: unknown, where: string): number {
  if (typeof d === "number") {
    if (Number.isNaN(d)) throw new TypeError(`time.${where}: invalid duration NaN`);
    return Math.trunc(d);
  }
  if (typeof d === "bigint") return Number(d > maxInt64 ? maxInt64 : d < minInt64 ? minInt64 : d);
  throw new TypeError(
    `time.${where}: duration must be a number or bigint of nanoseconds, got ${describe(d)}`,
  );
}

/** Validates a Duration argument and returns it as an int64 bigint (Infinity clamps to the int64 range). */
export function durationBig(d: unknown, where: string): bigint {
  if (typeof d === "bigint") return d > maxInt64 ? maxInt64 : d < minInt64 ? minInt64 : d;
  const n = durationArg(d, where);
  if (n >= 2 ** 63) return maxInt64;
  if (n <= -(2 ** 63)) return minInt64;
  return BigInt(n);
}
