// Several timers with distinct deadlines created out of order are delivered in deadline order,
// including after some of them are reset to earlier or later deadlines.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	delays := []int{50, 10, 40, 20, 30}
	done := make(chan string)
	timers := make([]*time.Timer, len(delays))
	for i, d := range delays {
		timers[i] = time.NewTimer(time.Duration(d) * time.Millisecond)
		go func() {
			v := <-timers[i].C
			done <- fmt.Sprintf("timer %d (%dms) value %v", i, d, v.Sub(start))
		}()
	}
	time.Sleep(5 * time.Millisecond)
	fmt.Println("reset timer 0 (50ms) to +1ms:", timers[0].Reset(time.Millisecond))
	fmt.Println("reset timer 1 (10ms) to +60ms:", timers[1].Reset(60*time.Millisecond))
	for range delays {
		fmt.Println(<-done, "at", time.Since(start))
	}
}
