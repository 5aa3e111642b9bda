// Duration.Round and Truncate: halfway values round away from zero, m <= 0 returns d, multiples of odd
// units, and rounding that would overflow int64 saturates.
package main

import (
	"fmt"
	"math"
	"time"
)

func main() {
	ds := []time.Duration{
		0, 1, -1, 5, -5, 15, -15, 1500 * time.Millisecond, -1500 * time.Millisecond, 2500 * time.Millisecond,
		1499999999, 1234567891, -1234567891, 59*time.Minute + 30*time.Second, 90 * time.Minute,
		math.MaxInt64, math.MinInt64, math.MaxInt64 - 5, math.MinInt64 + 5,
	}
	ms := []time.Duration{0, -1, 1, 2, 10, 3 * time.Millisecond, time.Second, 7 * time.Second, time.Hour, math.MaxInt64}
	for _, d := range ds {
		for _, m := range ms {
			fmt.Println(d, "m", m, "round", d.Round(m), "truncate", d.Truncate(m))
		}
	}
}
