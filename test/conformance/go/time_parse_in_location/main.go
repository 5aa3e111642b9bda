// ParseInLocation in America/New_York: times without a zone take the location's offset (also in the
// spring-forward gap and the repeated fall-back hour), zone names the location knows (EST in July too),
// unknown names, numeric offsets that match the location or not; Parse of the same values for contrast.
package main

import (
	"fmt"
	"time"
)

func main() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	cases := [][2]string{
		{time.DateTime, "2024-01-15 12:00:00"},
		{time.DateTime, "2024-07-15 12:00:00"},
		{time.DateTime, "2024-03-10 02:30:00"},
		{time.DateTime, "2024-03-10 03:30:00"},
		{time.DateTime, "2024-11-03 01:30:00"},
		{time.DateTime, "2024-11-03 02:30:00"},
		{time.RFC1123, "Mon, 15 Jan 2024 12:00:00 EST"},
		{time.RFC1123, "Mon, 15 Jul 2024 12:00:00 EDT"},
		{time.RFC1123, "Mon, 15 Jul 2024 12:00:00 EST"},
		{time.RFC1123, "Mon, 15 Jul 2024 12:00:00 PDT"},
		{time.RFC1123, "Mon, 15 Jul 2024 12:00:00 UTC"},
		{time.RFC1123Z, "Mon, 15 Jul 2024 12:00:00 -0400"},
		{time.RFC1123Z, "Mon, 15 Jul 2024 12:00:00 -0500"},
		{time.RFC3339, "2024-07-15T12:00:00-04:00"},
		{time.RFC3339, "2024-07-15T12:00:00+02:00"},
		{time.RFC3339, "2024-07-15T12:00:00Z"},
	}
	for _, c := range cases {
		t, err := time.ParseInLocation(c[0], c[1], ny)
		if err != nil {
			fmt.Println("in NY error:", err)
		} else {
			fmt.Println("in NY:", c[1], "->", t, "| utc", t.UTC())
		}
		t, err = time.Parse(c[0], c[1])
		if err != nil {
			fmt.Println("  Parse error:", err)
		} else {
			fmt.Println("  Parse:", t)
		}
	}
}
