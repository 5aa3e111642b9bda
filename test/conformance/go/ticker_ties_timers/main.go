// A ticker whose ticks fall at the same instants as another goroutine's sleeps. The receiver readied by
// a tick keeps the ticker's heap entry until it runs (Go's chanrecv unblocks the timer channel only
// after gopark returns), so a sleep started meanwhile does not find the ticker gone from the heap and
// get ahead of it among the timers of its instant.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	go func() {
		tk := time.NewTicker(3 * ms)
		for k := 0; k < 3; k++ {
			v := <-tk.C
			fmt.Println("tick", v.Sub(start), "received at", time.Since(start))
		}
		tk.Stop()
	}()
	go func() {
		for k := 0; k < 3; k++ {
			time.Sleep(3 * ms)
			fmt.Println("slept", time.Since(start))
		}
	}()
	time.Sleep(ms)
	time.Sleep(20 * ms)
	fmt.Println("end", time.Since(start))
}
