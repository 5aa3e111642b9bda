// Timers with zero or negative durations fire at once; their value is the current time.
package main

import (
	"fmt"
	"math"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(5 * time.Millisecond)
	t0 := time.NewTimer(0)
	v := <-t0.C
	fmt.Println("NewTimer(0) value", v.Sub(start), "at", time.Since(start))
	tn := time.NewTimer(-5 * time.Second)
	v = <-tn.C
	fmt.Println("NewTimer(-5s) value", v.Sub(start))
	v = <-time.After(-1)
	fmt.Println("After(-1) value", v.Sub(start))
	v = <-time.After(math.MinInt64)
	fmt.Println("After(MinInt64) value", v.Sub(start))
	t1 := time.NewTimer(time.Hour)
	fmt.Println("Reset(hour timer, -1):", t1.Reset(-1))
	v = <-t1.C
	fmt.Println("reset-to-negative value", v.Sub(start), "at", time.Since(start))
	t2 := time.NewTimer(0)
	fmt.Println("Stop(NewTimer(0)) before receive:", t2.Stop())
}
