// Format then Parse with the same layout, for every layout constant and a few custom ones, in UTC and in
// fixed zones: what comes back, and whether it is the same instant.
package main

import (
	"fmt"
	"time"
)

func main() {
	layouts := []string{
		time.Layout, time.ANSIC, time.UnixDate, time.RubyDate, time.RFC822, time.RFC822Z, time.RFC850,
		time.RFC1123, time.RFC1123Z, time.RFC3339, time.RFC3339Nano, time.Kitchen, time.Stamp,
		time.StampMilli, time.StampMicro, time.StampNano, time.DateTime, time.DateOnly, time.TimeOnly,
		"2006-01-02T15:04:05.000000000Z07:00:00", "Monday 2 January 2006 3:04:05.999 pm -07",
		"002 2006 15:04:05,000000 MST", "06/1/2 15h04m05s Z0700",
	}
	times := []time.Time{
		time.Date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC),
		time.Date(2024, time.February, 29, 0, 0, 0, 500000000, time.FixedZone("", 9*3600)),
		time.Date(1970, time.January, 1, 12, 0, 0, 0, time.FixedZone("", -8*3600-30*60)),
		time.Date(2023, time.December, 31, 6, 7, 8, 9000, time.FixedZone("PST", -8*3600)),
	}
	for _, t := range times {
		fmt.Println("time", t)
		for _, l := range layouts {
			s := t.Format(l)
			p, err := time.Parse(l, s)
			if err != nil {
				fmt.Printf("  %q error: %v\n", s, err)
				continue
			}
			fmt.Printf("  %q -> %v equal=%v\n", s, p, p.Equal(t))
		}
	}
}
