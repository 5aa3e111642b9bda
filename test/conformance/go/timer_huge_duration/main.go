// Huge durations (math.MaxInt64) never fire within the run and lose every race against short timers.
package main

import (
	"fmt"
	"math"
	"time"
)

func main() {
	start := time.Now()
	huge := time.NewTimer(math.MaxInt64)
	go func() {
		time.Sleep(math.MaxInt64)
		fmt.Println("Sleep(MaxInt64) returned")
	}()
	select {
	case <-huge.C:
		fmt.Println("huge timer fired")
	case <-time.After(math.MaxInt64):
		fmt.Println("After(MaxInt64) fired")
	case v := <-time.After(25 * time.Millisecond):
		fmt.Println("25ms timer won, value", v.Sub(start))
	}
	fmt.Println("reset huge to MaxInt64-1:", huge.Reset(math.MaxInt64-1))
	short := time.NewTimer(5 * time.Millisecond)
	select {
	case <-huge.C:
		fmt.Println("huge timer fired")
	case <-short.C:
		fmt.Println("5ms timer won at", time.Since(start))
	}
	fmt.Println("stop huge:", huge.Stop())
}
