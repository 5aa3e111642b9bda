// Every layout constant formats times in America/New_York (LoadLocation), across the 2024 DST changes:
// before and after the spring-forward jump, in the repeated hour of the fall-back, and in winter.
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
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("location", ny)
	spring := time.Date(2024, time.March, 10, 6, 59, 59, 0, time.UTC)
	show(spring.In(ny))
	show(spring.Add(time.Second).In(ny))
	fall := time.Date(2024, time.November, 3, 5, 30, 0, 0, time.UTC)
	show(fall.In(ny))
	show(fall.Add(time.Hour).In(ny))
	show(time.Date(2009, time.November, 10, 23, 0, 0, 0, time.UTC).In(ny))
}
