// time.Tick returns a ticker channel for positive durations and nil for d <= 0.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	c := time.Tick(10 * time.Millisecond)
	for i := 0; i < 3; i++ {
		v := <-c
		fmt.Println("Tick value", v.Sub(start), "at", time.Since(start))
	}
	fmt.Println("Tick(0) == nil:", time.Tick(0) == nil)
	fmt.Println("Tick(-1) == nil:", time.Tick(-1) == nil)
	fmt.Println("len/cap of Tick channel:", len(c), cap(c))
}
