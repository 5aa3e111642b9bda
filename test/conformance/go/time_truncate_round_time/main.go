// Time.Truncate and Time.Round: multiples since the zero time (not since the Unix epoch or midnight local),
// halfway values round up, d <= 0 strips only the monotonic reading, the location is kept.
package main

import (
	"fmt"
	"time"
)

func main() {
	ts := []time.Time{
		time.Date(2009, time.November, 10, 23, 4, 5, 500000000, time.UTC),
		time.Date(2009, time.November, 10, 23, 4, 5, 499999999, time.UTC),
		time.Date(1969, time.December, 31, 23, 59, 59, 500000000, time.UTC),
		time.Date(2009, time.November, 10, 23, 30, 0, 0, time.FixedZone("", 5*3600+30*60)),
		time.Date(2024, time.February, 29, 11, 59, 59, 0, time.FixedZone("EST", -5*3600)),
	}
	ds := []time.Duration{0, -1, time.Nanosecond, 3, time.Second, 7 * time.Second, time.Minute, time.Hour, 24 * time.Hour, 7 * 24 * time.Hour}
	for _, t := range ts {
		fmt.Println("time", t)
		for _, d := range ds {
			fmt.Println("  ", d, "truncate", t.Truncate(d), "round", t.Round(d))
		}
	}
	now := time.Now()
	fmt.Println("now", now, "round(0)", now.Round(0), "truncate(-1)", now.Truncate(-1), "truncate(1h)", now.Truncate(time.Hour))
}
