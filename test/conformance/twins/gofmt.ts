// Go's fmt verbs the time twins need beyond harness.ts's %v: %v of a float64 (strconv's shortest 'g'
// form), %q of an ASCII string, and the layout-constant table several programs share.
import { time } from "../../../src/index.ts";

/** Go's %v of a float64: shortest digits, exponent form when the exponent is < -4 or >= 6 (strconv's shortest %g). */
export function goFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf";
  const [mant, e] = x.toExponential().split("e");
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? "-" : "+";
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(x);
}

/** Go's %q of an ASCII string. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Every layout constant of package time, with its Go name, in the programs' order. */
export const layoutConstants: readonly [string, string][] = [
  ["Layout", time.Layout],
  ["ANSIC", time.ANSIC],
  ["UnixDate", time.UnixDate],
  ["RubyDate", time.RubyDate],
  ["RFC822", time.RFC822],
  ["RFC822Z", time.RFC822Z],
  ["RFC850", time.RFC850],
  ["RFC1123", time.RFC1123],
  ["RFC1123Z", time.RFC1123Z],
  ["RFC3339", time.RFC3339],
  ["RFC3339Nano", time.RFC3339Nano],
  ["Kitchen", time.Kitchen],
  ["Stamp", time.Stamp],
  ["StampMilli", time.StampMilli],
  ["StampMicro", time.StampMicro],
  ["StampNano", time.StampNano],
  ["DateTime", time.DateTime],
  ["DateOnly", time.DateOnly],
  ["TimeOnly", time.TimeOnly],
];
