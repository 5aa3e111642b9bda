// IsDST and ZoneBounds of LoadLocation zones around the world (northern and southern DST, abolished
// DST, negative DST, no DST since the 1940s, local mean time before a zone's first
// transition), at the exact seconds of 2024's changes, and in UTC, Local, FixedZone and the zero Time.
// Bounds print as RFC 3339 (offsets only): zone abbreviations are time_zones_world's subject.
package main

import (
	"fmt"
	"time"
)

func show(label string, t time.Time) {
	start, end := t.ZoneBounds()
	name, offset := t.Zone()
	fmt.Printf("%s: %v %s %d dst=%v\n", label, t, name, offset, t.IsDST())
	fmt.Printf("  start %s (zero %v)\n", start.Format(time.RFC3339), start.IsZero())
	fmt.Printf("  end   %s (zero %v)\n", end.Format(time.RFC3339), end.IsZero())
	if start.Location() != t.Location() || end.Location() != t.Location() {
		fmt.Println("  bounds in another location")
	}
}

func main() {
	zones := []string{
		"America/New_York", "America/Los_Angeles", "Europe/Paris", "Europe/London", "Australia/Sydney",
		"America/Mexico_City", "Asia/Kolkata", "Asia/Tokyo", "America/Phoenix", "Europe/Dublin",
		"Pacific/Auckland", "America/Santiago", "Africa/Casablanca",
	}
	instants := []time.Time{
		time.Date(2024, time.January, 15, 12, 0, 0, 0, time.UTC),
		time.Date(2024, time.July, 15, 12, 0, 0, 0, time.UTC),
		time.Date(2012, time.June, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1985, time.December, 1, 0, 0, 0, 0, time.UTC),
	}
	for _, name := range zones {
		loc, err := time.LoadLocation(name)
		if err != nil {
			fmt.Println(name, err)
			continue
		}
		fmt.Println(name)
		for _, t := range instants {
			show(" ", t.In(loc))
		}
	}
	ny, _ := time.LoadLocation("America/New_York")
	spring := time.Date(2024, time.March, 10, 7, 0, 0, 0, time.UTC)
	show("spring-1s", spring.Add(-time.Second).In(ny))
	show("spring", spring.In(ny))
	fall := time.Date(2024, time.November, 3, 6, 0, 0, 0, time.UTC)
	show("fall-1s", fall.Add(-time.Second).In(ny))
	show("fall", fall.In(ny))
	show("date in gap", time.Date(2024, time.March, 10, 2, 30, 0, 0, ny))
	show("date in overlap", time.Date(2024, time.November, 3, 1, 30, 0, 0, ny))
	show("lmt", time.Date(1850, time.January, 1, 0, 0, 0, 0, ny))
	paris, _ := time.LoadLocation("Europe/Paris")
	show("paris spring", time.Date(2024, time.March, 31, 1, 0, 0, 0, time.UTC).In(paris))
	show("paris fall-1s", time.Date(2024, time.October, 27, 0, 59, 59, 0, time.UTC).In(paris))
	show("utc", time.Date(2024, time.July, 15, 12, 0, 0, 0, time.UTC))
	show("local", time.Date(2024, time.July, 15, 12, 0, 0, 0, time.Local))
	show("fixed", time.Date(2024, time.July, 15, 12, 0, 0, 0, time.FixedZone("CEST", 2*3600)))
	show("fixed unnamed", time.Date(2024, time.July, 15, 12, 0, 0, 0, time.FixedZone("", -3*3600-1800)))
	show("zero", time.Time{})
	show("unix", time.Unix(1720000000, 0))
}
