// Locations: UTC, Local, FixedZone names and offsets, LoadLocation of "", "UTC", "Local", real zones and
// bad names (with Go's errors), Zone at several instants, In keeping the instant, Equal across zones.
package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(time.UTC, time.Local)
	for _, name := range []string{"", "UTC", "Local", "America/New_York", "Europe/Paris", "Asia/Kolkata", "Foo/Bar", "../etc/passwd", "/etc/localtime", "america/new_york", "Europe/Paris "} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			fmt.Printf("%q error: %v\n", name, err)
			continue
		}
		fmt.Printf("%q -> %v\n", name, loc)
		for _, t := range []time.Time{
			time.Date(2024, time.January, 15, 12, 0, 0, 0, time.UTC),
			time.Date(2024, time.July, 15, 12, 0, 0, 0, time.UTC),
		} {
			zn, off := t.In(loc).Zone()
			fmt.Println("  ", t.In(loc), zn, off, t.In(loc).Equal(t), t.In(loc).Location())
		}
	}
	for _, z := range []*time.Location{time.FixedZone("", 3600), time.FixedZone("ABC", -5400), time.FixedZone("", 0), time.FixedZone("", 37)} {
		t := time.Date(2009, time.November, 10, 23, 0, 0, 0, z)
		zn, off := t.Zone()
		fmt.Printf("fixed %q %v %q %d %v\n", z.String(), t, zn, off, t.UTC())
	}
	a := time.Date(2009, time.November, 10, 23, 0, 0, 0, time.UTC)
	b := a.In(time.FixedZone("", -7*3600))
	fmt.Println(a.Equal(b), a == b, a.Compare(b), a.Sub(b), b.Hour(), b.Day())
}
