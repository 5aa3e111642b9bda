// A full buffered channel with blocked senders: len stays at cap while senders wait; each receive moves
// the first waiting sender's value into the buffer (FIFO); len and cap as it drains; unbuffered channel
// with blocked senders has len 0.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	c := make(chan int, 2)
	c <- 0
	c <- 1
	for i := 2; i < 5; i++ {
		go func() {
			time.Sleep(time.Duration(i) * ms)
			c <- i
			fmt.Println("sender", i, "unblocked at", time.Since(start))
		}()
	}
	time.Sleep(10 * ms)
	fmt.Println("full with 3 blocked senders: len", len(c), "cap", cap(c))
	for k := 0; k < 5; k++ {
		v := <-c
		fmt.Println("received", v, "len", len(c), "cap", cap(c))
		time.Sleep(ms)
	}
	u := make(chan int)
	for i := 0; i < 3; i++ {
		go func() { u <- i }()
	}
	time.Sleep(ms)
	fmt.Println("unbuffered with blocked senders: len", len(u), "cap", cap(u))
	sum := 0
	for k := 0; k < 3; k++ {
		sum += <-u
	}
	fmt.Println("sum", sum, "at", time.Since(start))
}
