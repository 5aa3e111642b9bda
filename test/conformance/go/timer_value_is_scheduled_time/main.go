// A late receive gets the scheduled firing time, not the time of the receive.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	a := time.After(10 * time.Millisecond)
	t := time.NewTimer(20 * time.Millisecond)
	time.Sleep(500 * time.Millisecond)
	v := <-a
	fmt.Println("After(10ms) read at", time.Since(start), "value", v.Sub(start))
	v = <-t.C
	fmt.Println("NewTimer(20ms) read at", time.Since(start), "value", v.Sub(start))
	tick := time.NewTicker(30 * time.Millisecond)
	time.Sleep(100 * time.Millisecond)
	v = <-tick.C
	fmt.Println("ticker read at", time.Since(start), "value", v.Sub(start))
	tick.Stop()
}
