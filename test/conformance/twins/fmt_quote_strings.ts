// Twin of test/conformance/go/fmt_quote_strings: gofmt.ts's goQuote is Go's %q of a string. Go's
// "\xed\xa0\x80" (a surrogate's UTF-8 bytes) is the lone surrogate "\ud800" here.
import { goQuote } from "./gofmt.ts";
import { println } from "./harness.ts";

export async function main(): Promise<void> {
  for (const s of [
    "\x00",
    "\x7f",
    "\u00ad",
    "\x07\b\f\n\r\t\v",
    "\"\\'`",
    "é日本",
    "\u00a0",
    "\u2028",
    "\u{1F600}",
    "\u{E0001}",
    "\u200b",
    "\ufeff",
    "\x1b[0m",
    "\u0085",
    "\u{10FFFF}",
    "\u0378",
    " ~",
    "\u3000",
    "a\x01b\x1fc",
    "\uFFFD",
    "e\u0301",
    "\u00ff\u0100",
    "\ud800",
    "",
  ]) {
    println(goQuote(s));
  }
}
