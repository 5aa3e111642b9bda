// Every layout constant formats times in fixed zones: unnamed (+05:30, -07:00, +00:00), named ("XST"
// at -7h, "ABC" at +3h25m, "Z0" at 0) and one with an offset in seconds.
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
	zones := []*time.Location{
		time.FixedZone("", 5*3600+30*60),
		time.FixedZone("", -7*3600),
		time.FixedZone("", 0),
		time.FixedZone("XST", -7*3600),
		time.FixedZone("ABC", 3*3600+25*60),
		time.FixedZone("Z0", 0),
		time.FixedZone("", -(4*3600 + 56*60 + 2)),
	}
	for _, z := range zones {
		fmt.Println("zone", z)
		show(time.Date(2009, time.November, 10, 23, 4, 5, 123456789, z))
	}
	show(time.Date(2024, time.February, 29, 0, 30, 0, 0, time.UTC).In(time.FixedZone("", -3600)))
}
