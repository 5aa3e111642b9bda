// The pre-Go 1.23 idiom "if !t.Stop() { <-t.C }" for reusing a timer: with Go 1.23's timer channels,
// Stop of a fired but unread timer returns true (nothing to drain), the non-blocking drain is harmless,
// and the blocking drain after the value was already received blocks for good: a deadlock.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	events := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			time.Sleep(time.Duration(4*i) * time.Millisecond)
			events <- i
		}
	}()
	for n := 0; n < 5; n++ {
		select {
		case e := <-events:
			stopped := t.Stop()
			if !stopped {
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(10 * time.Millisecond)
			fmt.Println("event", e, "at", time.Since(start), "Stop:", stopped)
		case v := <-t.C:
			fmt.Println("timeout value", v.Sub(start), "at", time.Since(start))
			t.Reset(10 * time.Millisecond)
		}
	}
	time.Sleep(15 * time.Millisecond)
	fmt.Println("fired, unread: Stop", t.Stop(), "at", time.Since(start))
	t.Reset(time.Millisecond)
	v := <-t.C
	fmt.Println("received", v.Sub(start))
	if !t.Stop() {
		fmt.Println("Stop false after the receive: blocking drain at", time.Since(start))
		<-t.C
	}
	fmt.Println("not reached")
}
