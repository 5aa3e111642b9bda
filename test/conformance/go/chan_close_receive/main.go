// Receiving from a closed channel drains buffered values, then yields the zero value with ok=false;
// close wakes blocked receivers.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ch := make(chan int, 2)
	ch <- 10
	ch <- 20
	close(ch)
	for i := 0; i < 4; i++ {
		v, ok := <-ch
		fmt.Println("receive", i, "value", v, "ok", ok)
	}
	s := make(chan string)
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			v, ok := <-s
			fmt.Printf("receiver %d woke at %v: %q %v\n", i, time.Since(start), v, ok)
			done <- true
		}()
	}
	time.Sleep(10 * time.Millisecond)
	close(s)
	for i := 0; i < 3; i++ {
		<-done
	}
	select {
	case v, ok := <-s:
		fmt.Printf("select on closed channel: %q %v\n", v, ok)
	default:
		fmt.Println("default")
	}
}
