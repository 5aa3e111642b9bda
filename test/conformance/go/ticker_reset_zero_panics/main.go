// Ticker.Reset with a non-positive interval panics and leaves the ticker running.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	k := time.NewTicker(10 * time.Millisecond)
	for _, d := range []time.Duration{0, -5 * time.Millisecond} {
		func() {
			defer func() {
				fmt.Printf("Reset(%v) recovered: %v\n", d, recover())
			}()
			k.Reset(d)
		}()
	}
	v := <-k.C
	fmt.Println("ticker still ticks: value", v.Sub(start))
	k.Stop()
}
