// Go's layouts (format.go): the reference time "Mon Jan 2 15:04:05 MST 2006" written the way a time
// should look, the layout constants, and the split of a layout into literal text and std chunks that
// formatting (format.ts) and parsing (parse.ts) both walk.
//
// nextStdChunk applies Go's rules for ambiguous text: "Jan" is a month unless a lower-case letter follows;
// "_2006" is "_" then the year; ".000" and ",999" are fractional seconds only when no digit follows. A
// layout's chunks are computed once and cached (the last 256 layouts).
//
// Invariants (checked by verifyChunks):
//   l1. The chunks of a layout spell it: the prefixes and texts of its chunks, in order, are the layout.
//   l2. Only the last chunk has std null, and its text and suffix are ""; every other chunk's suffix is
//       the layout after its text, and a fraction chunk's digits are its text's length less the separator.
//   l3. The cache holds at most 256 layouts.

import { badTimer } from "../debug.ts";

export const Layout = "01/02 03:04:05PM '06 -0700";
export const ANSIC = "Mon Jan _2 15:04:05 2006";
export const UnixDate = "Mon Jan _2 15:04:05 MST 2006";
export const RubyDate = "Mon Jan 02 15:04:05 -0700 2006";
export const RFC822 = "02 Jan 06 15:04 MST";
export const RFC822Z = "02 Jan 06 15:04 -0700";
export const RFC850 = "Monday, 02-Jan-06 15:04:05 MST";
export const RFC1123 = "Mon, 02 Jan 2006 15:04:05 MST";
export const RFC1123Z = "Mon, 02 Jan 2006 15:04:05 -0700";
export const RFC3339 = "2006-01-02T15:04:05Z07:00";
export const RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00";
export const Kitchen = "3:04PM";
export const Stamp = "Jan _2 15:04:05";
export const StampMilli = "Jan _2 15:04:05.000";
export const StampMicro = "Jan _2 15:04:05.000000";
export const StampNano = "Jan _2 15:04:05.000000000";
export const DateTime = "2006-01-02 15:04:05";
export const DateOnly = "2006-01-02";
export const TimeOnly = "15:04:05";

export type Std =
  | "Jan"
  | "January"
  | "1"
  | "01"
  | "Mon"
  | "Monday"
  | "2"
  | "_2"
  | "02"
  | "__2"
  | "002"
  | "15"
  | "3"
  | "03"
  | "4"
  | "04"
  | "5"
  | "05"
  | "06"
  | "2006"
  | "PM"
  | "pm"
  | "MST"
  | "Z0700"
  | "Z070000"
  | "Z07"
  | "Z07:00"
  | "Z07:00:00"
  | "-0700"
  | "-070000"
  | "-07"
  | "-07:00"
  | "-07:00:00"
  | "frac0"
  | "frac9";

export interface Chunk {
  prefix: string;
  /** null: no more chunks (prefix is the rest of the layout). */
  std: Std | null;
  /** The layout text of the chunk, e.g. "2006" or ".000". */
  text: string;
  suffix: string;
  /** Fraction chunks: the number of digits and the separator ('.' or ','). */
  digits: number;
  sep: string;
}

const zeroX: Std[] = ["01", "02", "03", "04", "05", "06"];
const tzStds: Std[] = [
  "-070000",
  "-07:00:00",
  "-0700",
  "-07:00",
  "-07",
  "Z070000",
  "Z07:00:00",
  "Z0700",
  "Z07:00",
  "Z07",
];

export function isDigitAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function startsWithLower(s: string): boolean {
  if (s.length === 0) return false;
  const c = s.charCodeAt(0);
  return c >= 97 && c <= 122;
}

/** The characters a std chunk can start with. */
const chunkStarts = "JM012_345Pp-Z.,";

/** Parsed layouts: a layout's chunks, the last one with std null (the layout's trailing text). */
const layoutCache = new Map<string, readonly Chunk[]>();

/** The chunks of layout, in order, ending with a chunk whose std is null (cached for 256 layouts). */
export function chunksOf(layout: string): readonly Chunk[] {
  let chunks = layoutCache.get(layout);
  if (chunks !== undefined) return chunks;
  const list: Chunk[] = [];
  for (let rest = layout; ; ) {
    const c = nextStdChunk(rest);
    list.push(c);
    if (c.std === null) break;
    rest = c.suffix;
  }
  chunks = list;
  if (layoutCache.size >= 256) layoutCache.clear();
  layoutCache.set(layout, chunks);
  return chunks;
}

/** The first std chunk of layout: the literal text before it, the chunk, and the rest (Go's nextStdChunk). */
function nextStdChunk(layout: string): Chunk {
  const at = (i: number, std: Std, len: number, pre = i): Chunk => ({
    prefix: layout.slice(0, pre),
    std,
    text: layout.slice(pre, i + len),
    suffix: layout.slice(i + len),
    digits: 0,
    sep: ".",
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    if (!chunkStarts.includes(c)) continue;
    const rest = layout.slice(i);
    switch (c) {
      case "J":
        if (rest.startsWith("Jan")) {
          if (rest.startsWith("January")) return at(i, "January", 7);
          if (!startsWithLower(rest.slice(3))) return at(i, "Jan", 3);
        }
        break;
      case "M":
        if (rest.startsWith("Mon")) {
          if (rest.startsWith("Monday")) return at(i, "Monday", 6);
          if (!startsWithLower(rest.slice(3))) return at(i, "Mon", 3);
        }
        if (rest.startsWith("MST")) return at(i, "MST", 3);
        break;
      case "0":
        if (rest.length >= 2 && rest[1] >= "1" && rest[1] <= "6") return at(i, zeroX[Number(rest[1]) - 1], 2);
        if (rest.startsWith("002")) return at(i, "002", 3);
        break;
      case "1":
        if (rest.startsWith("15")) return at(i, "15", 2);
        return at(i, "1", 1);
      case "2":
        if (rest.startsWith("2006")) return at(i, "2006", 4);
        return at(i, "2", 1);
      case "_":
        if (rest.startsWith("_2")) {
          // "_2006" is a literal "_" followed by the year.
          if (rest.startsWith("_2006")) return at(i + 1, "2006", 4, i + 1);
          return at(i, "_2", 2);
        }
        if (rest.startsWith("__2")) return at(i, "__2", 3);
        break;
      case "3":
        return at(i, "3", 1);
      case "4":
        return at(i, "4", 1);
      case "5":
        return at(i, "5", 1);
      case "P":
        if (rest.startsWith("PM")) return at(i, "PM", 2);
        break;
      case "p":
        if (rest.startsWith("pm")) return at(i, "pm", 2);
        break;
      case "-":
      case "Z":
        for (const tz of tzStds) if (tz[0] === c && rest.startsWith(tz)) return at(i, tz, tz.length);
        break;
      case ".":
      case ",":
        if (rest.length >= 2 && (rest[1] === "0" || rest[1] === "9")) {
          const ch = rest[1];
          let j = 1;
          while (j < rest.length && rest[j] === ch) j++;
          // Only a run of digits that ends here is a fraction.
          if (!isDigitAt(rest, j)) {
            const chunk = at(i, ch === "0" ? "frac0" : "frac9", j);
            chunk.digits = j - 1;
            chunk.sep = c;
            return chunk;
          }
        }
        break;
    }
  }
  return { prefix: layout, std: null, text: "", suffix: "", digits: 0, sep: "." };
}

/** Checks l1–l3 for layout's chunks; throws through badTimer. */
export function verifyChunks(layout: string): void {
  const chunks = chunksOf(layout);
  let spelled = "";
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    spelled += c.prefix + c.text;
    const last = i === chunks.length - 1;
    if ((c.std === null) !== last) badTimer("l2: std null on a chunk that is not the last");
    if (last && (c.text !== "" || c.suffix !== "")) badTimer("l2: the last chunk has text");
    if (!last && c.suffix !== layout.slice(spelled.length)) badTimer("l2: a chunk's suffix is not the rest");
    if ((c.std === "frac0" || c.std === "frac9") && c.digits !== c.text.length - 1)
      badTimer("l2: fraction digits differ from its text");
  }
  if (spelled !== layout) badTimer(`l1: chunks spell ${JSON.stringify(spelled)}, not the layout`);
  if (layoutCache.size > 256) badTimer("l3: layout cache over 256");
}
