// Sending on a closed channel panics, also for a sender that was blocked when the channel closed.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ch := make(chan int, 1)
	close(ch)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		ch <- 1
	}()
	func() {
		defer func() { fmt.Println("select send recovered:", recover()) }()
		select {
		case ch <- 2:
		default:
		}
	}()
	u := make(chan int)
	done := make(chan bool)
	go func() {
		defer func() {
			fmt.Printf("blocked sender recovered at %v: %v\n", time.Since(start), recover())
			done <- true
		}()
		u <- 3
	}()
	time.Sleep(10 * time.Millisecond)
	close(u)
	<-done
}
