// Weekday, YearDay, ISOWeek, Date and Clock of dates around year and century boundaries, leap years and
// year 0; Month and Weekday String, also out of range.
package main

import (
	"fmt"
	"time"
)

func main() {
	days := []time.Time{
		time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Date(0, time.December, 31, 0, 0, 0, 0, time.UTC),
		time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2000, time.February, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.UTC),
		time.Date(2020, time.December, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2021, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2021, time.January, 4, 0, 0, 0, 0, time.UTC),
		time.Date(2024, time.December, 30, 0, 0, 0, 0, time.UTC),
		time.Date(2026, time.December, 31, 18, 0, 0, 0, time.FixedZone("", 7*3600)),
		time.Date(2400, time.December, 31, 0, 0, 0, 0, time.UTC),
		time.Date(-400, time.March, 1, 0, 0, 0, 0, time.UTC),
	}
	for _, t := range days {
		y, m, d := t.Date()
		h, mi, s := t.Clock()
		iy, iw := t.ISOWeek()
		fmt.Println(t.Format("2006-01-02"), t.Weekday(), "yday", t.YearDay(), "iso", iy, iw, "date", y, m, d, "clock", h, mi, s)
		fmt.Println("  fields", t.Year(), int(t.Month()), t.Day(), int(t.Weekday()), t.Hour(), t.Minute(), t.Second(), t.Nanosecond())
	}
	for m := time.Month(0); m <= 13; m++ {
		fmt.Println("month", int(m), m)
	}
	for d := time.Weekday(-1); d <= 7; d++ {
		fmt.Println("weekday", int(d), d)
	}
}
