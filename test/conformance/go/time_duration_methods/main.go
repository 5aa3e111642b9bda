// Duration's conversion methods: Nanoseconds, Microseconds, Milliseconds (truncated toward zero),
// Seconds, Minutes, Hours (float64), Abs, for small, negative, fractional and extreme durations.
package main

import (
	"fmt"
	"math"
	"time"
)

func main() {
	ds := []time.Duration{
		0, 1, -1, 999, 1500, -1500, 1999999, 1500 * time.Millisecond, -1500 * time.Millisecond,
		90 * time.Second, 90 * time.Minute, 36 * time.Hour, 1234567890123, -9876543210987, 1 << 53,
	}
	for _, d := range ds {
		fmt.Println(d, "ns", d.Nanoseconds(), "us", d.Microseconds(), "ms", d.Milliseconds())
		fmt.Println("  s", d.Seconds(), "m", d.Minutes(), "h", d.Hours(), "abs", d.Abs())
	}
	// Beyond 2^53 ns gort's Duration numbers are inexact: only the float64 methods and Abs, exact in Go.
	for _, d := range []time.Duration{math.MaxInt64, math.MinInt64, math.MinInt64 + 1, 1<<53 + 1} {
		fmt.Println(d, "s", d.Seconds(), "m", d.Minutes(), "h", d.Hours(), "abs", d.Abs())
	}
}
