// fmt's %q of strings (strconv.Quote), the form the time twins print layouts and errors in: printable
// runes as themselves (non-ASCII too), C escapes for \a \b \f \n \r \t \v, \" and \\, \xHH for other
// runes below U+0020 and U+007F, \uHHHH / \UHHHHHHHH for other non-printable runes (format characters,
// spaces other than U+0020, unassigned code points), and \xHH per byte of invalid UTF-8 (the bytes of a
// UTF-16 surrogate, which a JavaScript string can hold alone).
package main

import "fmt"

func main() {
	for _, s := range []string{
		"\x00", "\x7f", "\u00ad", "\a\b\f\n\r\t\v", "\"\\'`", "é日本", "\u00a0", "\u2028", "\U0001F600",
		"\U000E0001", "\u200b", "\ufeff", "\x1b[0m", "\u0085", "\U0010FFFF", "\u0378", " ~", "\u3000",
		"a\x01b\x1fc", "\uFFFD", "e\u0301", "\u00ff\u0100", "\xed\xa0\x80", "",
	} {
		fmt.Printf("%q\n", s)
	}
}
