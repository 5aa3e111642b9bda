// NewTicker(10ms) ticks at 10ms, 20ms, 30ms; each value is the scheduled tick time.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	k := time.NewTicker(10 * time.Millisecond)
	for i := 0; i < 3; i++ {
		v := <-k.C
		fmt.Println("tick", i, "value", v.Sub(start), "at", time.Since(start))
	}
	k.Stop()
	fmt.Println("stopped at", time.Since(start))
}
