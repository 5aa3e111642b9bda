// encoding/json of Time values (RFC 3339 with nanoseconds, the zone's offset) and its errors for years
// outside 0..9999; UnixMilli/UnixMicro constructors and methods, also before 1970.
package main

import (
	"encoding/json"
	"fmt"
	"time"
)

func main() {
	times := []time.Time{
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.UTC),
		time.Date(2009, time.November, 10, 23, 0, 0, 5, time.UTC),
		time.Date(2009, time.November, 10, 23, 0, 0, 120000000, time.FixedZone("", 5*3600+30*60)),
		time.Date(2009, time.November, 10, 23, 0, 0, 0, time.FixedZone("X", -(4*3600 + 56*60 + 2))),
		time.Date(0, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, time.December, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Time{},
	}
	for _, t := range times {
		b, err := json.Marshal(struct{ T time.Time }{t})
		fmt.Println(string(b), err)
	}
	for _, ms := range []int64{0, 1, -1, 1257894000123, -1257894000123, 999} {
		t := time.UnixMilli(ms).UTC()
		fmt.Println("UnixMilli", ms, t, t.UnixMilli(), t.UnixMicro(), t.Unix(), t.UnixNano())
	}
	for _, us := range []int64{0, 1, -1, 1257894000123456, -1257894000123456} {
		t := time.UnixMicro(us).UTC()
		fmt.Println("UnixMicro", us, t, t.UnixMilli(), t.UnixMicro(), t.Unix(), t.UnixNano())
	}
}
