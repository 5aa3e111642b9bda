// Timers due at the same instant, received in one select whose cases are not written in the order the
// timers were made: which one fires first follows the order the select blocks their channels in (Go's
// lock order, by channel), not the order of the cases.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	second := time.NewTimer(ms) // made first
	first := time.NewTimer(ms)
	select {
	case <-first.C:
		fmt.Println("first fired", time.Since(start))
	case <-second.C:
		fmt.Println("second fired", time.Since(start))
	}
	fmt.Println("stopped:", first.Stop(), second.Stop())

	x := time.NewTimer(2 * ms)
	y := time.NewTimer(2 * ms)
	z := time.NewTimer(2 * ms)
	select {
	case <-z.C:
		fmt.Println("z", time.Since(start))
	case <-x.C:
		fmt.Println("x", time.Since(start))
	case <-y.C:
		fmt.Println("y", time.Since(start))
	}
	fmt.Println("stopped:", x.Stop(), y.Stop(), z.Stop())

	tk := time.NewTicker(3 * ms)
	t := time.NewTimer(3 * ms)
	done := make(chan bool)
	go func() {
		time.Sleep(3 * ms)
		fmt.Println("sleeper woke", time.Since(start))
		done <- true
	}()
	for k := 0; k < 2; k++ {
		select {
		case <-t.C:
			fmt.Println("timer", time.Since(start))
		case <-tk.C:
			fmt.Println("tick", time.Since(start))
		}
	}
	tk.Stop()
	<-done
	fmt.Println("end", time.Since(start))
}
