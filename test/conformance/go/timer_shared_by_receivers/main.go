// Several goroutines blocked on the same ticker channel: each tick is delivered to exactly one of
// them. Receivers forward what they got to main, which prints the tick values in order.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	k := time.NewTicker(10 * time.Millisecond)
	got := make(chan time.Duration)
	for i := 0; i < 3; i++ {
		go func() {
			for {
				v := <-k.C
				got <- v.Sub(start)
			}
		}()
	}
	for i := 0; i < 6; i++ {
		fmt.Println("tick value", <-got, "at", time.Since(start))
	}
	k.Stop()
	t := time.NewTimer(5 * time.Millisecond)
	tv := make(chan time.Duration)
	for i := 0; i < 2; i++ {
		go func() { tv <- (<-t.C).Sub(start) }()
	}
	fmt.Println("one-shot timer value", <-tv, "at", time.Since(start))
	select {
	case v := <-tv:
		fmt.Println("second receiver got", v)
	case <-time.After(50 * time.Millisecond):
		fmt.Println("second receiver still blocked at", time.Since(start))
	}
	fmt.Println("reset with a blocked receiver:", t.Reset(time.Millisecond))
	fmt.Println("second receiver got", <-tv, "at", time.Since(start))
}
