// Format with hand-written layouts: every std chunk (padded and unpadded fields, year days, 12-hour clock,
// am/pm, all zone forms, fractions with '.' and ',' of fixed and trimmed width) and the layout text that
// only looks like one ("Janx", "Month", "_2006", ".0x"), for ordinary, negative and five-digit years.
package main

import (
	"fmt"
	"time"
)

func main() {
	layouts := []string{
		"2006 06 01 1 Jan January 02 2 _2 002 __2 Mon Monday",
		"15 3 03 4 04 5 05 PM pm",
		"MST Z0700 Z070000 Z07 Z07:00 Z07:00:00 -0700 -070000 -07 -07:00 -07:00:00",
		"05.0 05.000 05.000000 05.000000000 05.9 05.999 05.999999 05.999999999",
		"05,000 05,999 15:04:05,999999999",
		"Janx Month Mondays _2006 .0x 1.0 2.9x",
		"Jan _2 __2 002",
	}
	zones := []*time.Location{time.UTC, time.FixedZone("", -(3*3600 + 30*60 + 15)), time.FixedZone("CUT", 12*3600+45*60)}
	times := []time.Time{
		time.Date(2009, time.November, 10, 23, 4, 5, 120000000, time.UTC),
		time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2023, time.April, 9, 12, 30, 9, 5, time.UTC),
		time.Date(-1, time.March, 4, 13, 5, 6, 7, time.UTC),
		time.Date(12345, time.June, 7, 8, 9, 10, 0, time.UTC),
	}
	for _, z := range zones {
		for _, t := range times {
			t = t.In(z)
			fmt.Println("time", t)
			for _, l := range layouts {
				fmt.Printf("  %q\n", t.Format(l))
			}
		}
	}
}
