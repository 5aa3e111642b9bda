// A slow ticker reader gets the first missed tick (its scheduled time) and then the next tick on the
// original phase; the ticks in between are dropped.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	k := time.NewTicker(10 * time.Millisecond)
	time.Sleep(35 * time.Millisecond)
	for i := 0; i < 3; i++ {
		v := <-k.C
		fmt.Println("read", i, "value", v.Sub(start), "at", time.Since(start))
	}
	time.Sleep(25 * time.Millisecond)
	v := <-k.C
	fmt.Println("after another 25ms sleep: value", v.Sub(start), "at", time.Since(start))
	v = <-k.C
	fmt.Println("next value", v.Sub(start), "at", time.Since(start))
	k.Stop()
}
