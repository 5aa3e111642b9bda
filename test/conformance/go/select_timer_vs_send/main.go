// select between a NewTimer timeout and a channel that a goroutine sends on later.
package main

import (
	"fmt"
	"time"
)

func wait(start time.Time, ch chan int, timeout time.Duration) {
	t := time.NewTimer(timeout)
	select {
	case v := <-ch:
		fmt.Println("got", v, "at", time.Since(start), "timer stop:", t.Stop())
	case v := <-t.C:
		fmt.Println("timeout", timeout, "value", v.Sub(start), "at", time.Since(start))
	}
}

func main() {
	start := time.Now()
	ch := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			time.Sleep(20 * time.Millisecond)
			ch <- i
		}
	}()
	wait(start, ch, 10*time.Millisecond) // times out at 10ms; the sender is still sleeping
	wait(start, ch, 30*time.Millisecond) // value 1 arrives at 20ms
	wait(start, ch, 5*time.Millisecond)  // times out at 25ms
	wait(start, ch, 20*time.Millisecond) // value 2 arrives at 40ms, before the timer (45ms)
	wait(start, ch, time.Hour)           // value 3 arrives at 60ms
}
