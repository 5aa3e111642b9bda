// Since, Until and Sub with times that have no monotonic reading (Date, Unix, Round(0)): the wall clock
// is used, which under faketime starts at 2009-11-10 23:00:00 UTC and moves with the virtual clock; with
// a monotonic reading on both sides, the monotonic clock is used.
package main

import (
	"fmt"
	"time"
)

func main() {
	epoch := time.Date(2009, time.November, 10, 23, 0, 0, 0, time.UTC)
	start := time.Now()
	fmt.Println("Now equals the epoch:", start.Equal(epoch), "Since(epoch):", time.Since(epoch))
	time.Sleep(1500 * time.Millisecond)
	fmt.Println("Since(epoch):", time.Since(epoch), "Until(epoch+1h):", time.Until(epoch.Add(time.Hour)))
	fmt.Println("Since(Unix):", time.Since(time.Unix(epoch.Unix(), 0)), "Since(start.Round(0)):", time.Since(start.Round(0)))
	fmt.Println("Now().Sub(start):", time.Now().Sub(start), "Now().Round(0).Sub(start):", time.Now().Round(0).Sub(start))
	fmt.Println("UnixMilli delta:", time.Now().UnixMilli()-start.UnixMilli(), "Year:", time.Now().Year(), "YearDay:", time.Now().YearDay())
	d := time.Now().Truncate(time.Hour)
	fmt.Println("Truncate(hour):", d.Format(time.RFC3339), "Until(next day):", time.Until(d.Add(24*time.Hour)).Round(time.Minute))
}
