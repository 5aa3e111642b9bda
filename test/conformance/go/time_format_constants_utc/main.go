// Every layout constant of package time formats fixed times in UTC: a time with nanoseconds, a leap day at
// midnight, noon, a time with a single-digit day, and the zero Time.
package main

import (
	"fmt"
	"time"
)

var layouts = []struct{ name, layout string }{
	{"Layout", time.Layout}, {"ANSIC", time.ANSIC}, {"UnixDate", time.UnixDate}, {"RubyDate", time.RubyDate},
	{"RFC822", time.RFC822}, {"RFC822Z", time.RFC822Z}, {"RFC850", time.RFC850}, {"RFC1123", time.RFC1123},
	{"RFC1123Z", time.RFC1123Z}, {"RFC3339", time.RFC3339}, {"RFC3339Nano", time.RFC3339Nano},
	{"Kitchen", time.Kitchen}, {"Stamp", time.Stamp}, {"StampMilli", time.StampMilli},
	{"StampMicro", time.StampMicro}, {"StampNano", time.StampNano}, {"DateTime", time.DateTime},
	{"DateOnly", time.DateOnly}, {"TimeOnly", time.TimeOnly},
}

func show(t time.Time) {
	fmt.Println("time", t)
	for _, l := range layouts {
		fmt.Printf("  %s: %s\n", l.name, t.Format(l.layout))
	}
}

func main() {
	show(time.Date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC))
	show(time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC))
	show(time.Date(2001, time.January, 2, 12, 0, 7, 50000000, time.UTC))
	show(time.Date(1969, time.December, 31, 23, 59, 59, 999999999, time.UTC))
	show(time.Time{})
}
