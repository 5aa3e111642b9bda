// Walking a zone's periods with ZoneBounds: from an instant, follow each period's end to the next period
// (and each start minus one second to the previous one), printing offsets, abbreviations and IsDST, in
// (offsets only: zone abbreviations are time_zones_world's subject) zones with yearly DST, with DST abolished (Mexico City 2022), and across Apia's skipped day.
package main

import (
	"fmt"
	"time"
)

func walk(name string, from time.Time, n int) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		fmt.Println(name, err)
		return
	}
	fmt.Println(name)
	t := from.In(loc)
	for i := 0; i < n; i++ {
		start, end := t.ZoneBounds()
		fmt.Printf("  %v dst=%v [%v, %v) %v\n", t.Format("2006-01-02 15:04:05 -0700"), t.IsDST(),
			start.Format(time.RFC3339), end.Format(time.RFC3339), end.Sub(start))
		if end.IsZero() {
			break
		}
		t = end
	}
	t = from.In(loc)
	for i := 0; i < n; i++ {
		start, _ := t.ZoneBounds()
		if start.IsZero() {
			fmt.Println("  back: zero start")
			break
		}
		t = start.Add(-time.Second)
		fmt.Printf("  back %v dst=%v\n", t.Format("2006-01-02 15:04:05 -0700"), t.IsDST())
	}
}

func main() {
	walk("America/New_York", time.Date(2023, time.June, 1, 0, 0, 0, 0, time.UTC), 5)
	walk("Europe/Berlin", time.Date(2023, time.June, 1, 0, 0, 0, 0, time.UTC), 5)
	walk("Australia/Melbourne", time.Date(2023, time.June, 1, 0, 0, 0, 0, time.UTC), 5)
	walk("America/Mexico_City", time.Date(2021, time.June, 1, 0, 0, 0, 0, time.UTC), 6)
	walk("Pacific/Apia", time.Date(2011, time.June, 1, 0, 0, 0, 0, time.UTC), 4)
	walk("Asia/Tokyo", time.Date(2024, time.June, 1, 0, 0, 0, 0, time.UTC), 3)
}
