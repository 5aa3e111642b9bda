// Time.GoString (Go syntax for a Time: months by name, locations UTC, Local or by name) and the text
// encoding: MarshalText (RFC 3339 with nanoseconds, its errors for years outside 0..9999 and offsets of a
// day or more) and UnmarshalText (RFC 3339, what it accepts and its errors).
package main

import (
	"fmt"
	"time"
)

func main() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	times := []time.Time{
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.UTC),
		time.Date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC),
		time.Date(2024, time.March, 10, 3, 30, 0, 0, ny),
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.Local),
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.FixedZone("", 5*3600+30*60)),
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.FixedZone("X \"q\"\\é", -3600)),
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.FixedZone("UTC", 0)),
		time.Date(-1, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Date(12345, time.December, 31, 23, 59, 59, 1, time.UTC),
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.FixedZone("Y", 25*3600)),
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.FixedZone("Z", -(4*3600 + 56*60 + 2))),
		{},
	}
	for _, t := range times {
		fmt.Println(t.GoString())
		fmt.Printf("%#v\n", t)
		b, err := t.MarshalText()
		fmt.Printf("MarshalText %q %v\n", b, err)
	}
	fmt.Println(time.Now().GoString())
	fmt.Println(time.Now().Add(90 * time.Minute).GoString())
	for _, s := range []string{
		"2009-11-10T23:00:00Z",
		"2009-11-10T23:00:00.123456789Z",
		"2009-11-10T23:00:00.1234567891Z",
		"2009-11-10T23:00:00+05:30",
		"2009-11-10T23:00:00-00:00",
		"2009-11-10T23:00:00+00:00",
		"2009-11-10T23:00:00z",
		"2009-11-10t23:00:00Z",
		"2009-11-10 23:00:00Z",
		"2009-11-10T23:00:00,5Z",
		"2009-11-10T23:00:00.Z",
		"2009-11-10T3:00:00Z",
		"2009-11-10T23:00:00+5:30",
		"2009-11-10T23:00:00+24:00",
		"2009-11-10T23:00:00+23:60",
		"2009-11-10T24:00:00Z",
		"2009-02-29T00:00:00Z",
		"2009-11-10T23:00:00",
		"2009-11-10",
		"10000-01-01T00:00:00Z",
		"-001-01-01T00:00:00Z",
		"2009-11-10T23:00:00Zjunk",
		"",
	} {
		var t time.Time
		err := t.UnmarshalText([]byte(s))
		if err != nil {
			fmt.Printf("UnmarshalText %q error %v zero=%v\n", s, err, t.IsZero())
			continue
		}
		fmt.Printf("UnmarshalText %q %v %s\n", s, t, t.GoString())
	}
}
