// time.ParseDuration on edge inputs: signs, "0", fractions without leading or trailing digits, both micro
// signs, many digits, int64 limits, and the errors Go reports (with its quoting of non-ASCII text).
package main

import (
	"fmt"
	"time"
)

func main() {
	for _, s := range []string{
		"0", "+0", "-0", "0s", "1", "", "+", "-", ".", ".s", "1.s", ".5s", "-.5h", "1.5h", "1h1m1s1ms1us1ns",
		"1µs", "1μs", "1us", "3h0m0.5s", "1.0000000000000000000001s", "0.000000001s", "0.0000000009s",
		"00001s", "1e3s", "1x", "1µ", "1 s", "1s ", " 1s", "1S", "1hh", "1h-1m", "--1s", "+-1s",
		"9223372036854775807ns", "9223372036854775808ns", "-9223372036854775808ns", "-9223372036854775809ns",
		"2562047h47m16.854775807s", "2562047h47m16.854775808s", "2562048h", "-2562047h47m16.854775808s",
		"0.1h", "0.333333333333h", "1.00000000000000000000000000001h", "18446744073709551616ns",
		"9223372036.854775807s", "1ms1ms", "1.5m30s", "1h\x00", "1\"s", "1é",
	} {
		d, err := time.ParseDuration(s)
		if err != nil {
			fmt.Printf("%q: error %v\n", s, err)
			continue
		}
		fmt.Printf("%q: %v (%d ns)\n", s, d, int64(d))
	}
}
