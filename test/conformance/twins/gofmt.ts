// Go's fmt verbs the time twins need beyond harness.ts's %v: %v of a float64 (strconv's shortest 'g'
// form), %q of a string (strconv.Quote), and the layout-constant table several programs share.
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

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation and symbols, and the ASCII space. */
const goPrintable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** C escapes strconv.Quote uses for these control characters. */
const goEscapes: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  '"': '\\"',
  "\\": "\\\\",
};

/**
 * Go's %q of a string (strconv.Quote): printable runes as themselves; \a \b \f \n \r \t \v, \" and \\;
 * other runes below U+0020 and U+007F as \xHH, other non-printable runes as \uHHHH or \UHHHHHHHH (lower-case
 * hex). A lone surrogate, which UTF-8 cannot hold, is quoted as Go quotes the three bytes of its WTF-8
 * encoding (invalid UTF-8: \xHH each).
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = goEscapes[ch];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const r = ch.codePointAt(0)!;
    if (r >= 0xd800 && r <= 0xdfff) {
      for (const b of [0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f)])
        out += `\\x${b.toString(16).padStart(2, "0")}`;
    } else if (goPrintable.test(ch)) out += ch;
    else if (r < 0x20 || r === 0x7f) out += `\\x${r.toString(16).padStart(2, "0")}`;
    else if (r < 0x10000) out += `\\u${r.toString(16).padStart(4, "0")}`;
    else out += `\\U${r.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
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
