// Unbuffered channel: a sender blocks until a receiver arrives and vice versa. The sender records
// when each send completed; main prints those times once the sender is done, so the output does not
// depend on which of the two goroutines prints first after a handoff.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ch := make(chan int)
	done := make(chan []time.Duration)
	go func() {
		var sent []time.Duration
		for i := 1; i <= 3; i++ {
			fmt.Println("send", i, "starts at", time.Since(start))
			ch <- i
			sent = append(sent, time.Since(start))
			time.Sleep(5 * time.Millisecond)
		}
		done <- sent
	}()
	for i := 0; i < 3; i++ {
		time.Sleep(10 * time.Millisecond)
		v := <-ch
		fmt.Println("received", v, "at", time.Since(start))
	}
	for i, d := range <-done {
		fmt.Println("send", i+1, "completed at", d)
	}
	// Receiver first: it blocks until the sender arrives.
	go func() {
		time.Sleep(7 * time.Millisecond)
		ch <- 99
	}()
	fmt.Println("receiver waits at", time.Since(start))
	fmt.Println("received", <-ch, "at", time.Since(start))
}
