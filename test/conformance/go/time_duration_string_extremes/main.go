// Duration.String of tiny, fractional and huge durations, and whether ParseDuration of
// the printed text gives the duration back.
package main

import (
	"fmt"
	"math"
	"time"
)

func main() {
	ds := []time.Duration{
		0, 1, -1, 9, 999, 1000, 1001, 1010, 999999, 1000000, 1000001, 1100000, 999999999, time.Second,
		time.Second + 1, -time.Second - 1, time.Minute, time.Minute + time.Millisecond, time.Hour,
		25*time.Hour + 1, 100000 * time.Hour, math.MaxInt64, math.MinInt64, math.MinInt64 + 1, 1 << 53,
	}
	for _, d := range ds {
		s := d.String()
		p, err := time.ParseDuration(s)
		fmt.Println(int64(d), s, "round trip", p == d, err)
	}
}
