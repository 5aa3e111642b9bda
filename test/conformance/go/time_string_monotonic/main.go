// Time.String with and without a monotonic reading: Now, after sleeps, timer and ticker values, Add (keeps
// it), Round(0), Truncate, In, UTC, Local, AddDate (drop it), Sub with and without it.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	fmt.Println("now", start)
	time.Sleep(1500 * time.Millisecond)
	t := time.Now()
	fmt.Println("after 1.5s", t)
	fmt.Println("add 1ns", t.Add(1))
	fmt.Println("add -2h", t.Add(-2*time.Hour))
	fmt.Println("round(0)", t.Round(0))
	fmt.Println("truncate(time.Second)", t.Truncate(time.Second))
	fmt.Println("utc", t.UTC())
	fmt.Println("local", t.Local())
	fmt.Println("in +01:00", t.In(time.FixedZone("", 3600)))
	fmt.Println("adddate", t.AddDate(0, 0, 1))
	v := <-time.After(250 * time.Millisecond)
	fmt.Println("after value", v)
	tk := time.NewTicker(time.Second)
	fmt.Println("tick", <-tk.C)
	tk.Stop()
	fmt.Println("sub mono", t.Sub(start), "sub wall", t.Round(0).Sub(start.Round(0)))
	fmt.Println("zero", time.Time{})
	fmt.Println("unix", time.Unix(1257894000, 5))
	fmt.Println("location", t.Location(), time.Unix(0, 0).Location(), time.Time{}.Location())
}
