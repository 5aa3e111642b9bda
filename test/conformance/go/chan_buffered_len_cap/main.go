// Buffered channel: len/cap while filling and draining; a send on a full buffer blocks until a
// receive makes room.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ch := make(chan int, 3)
	fmt.Println("empty: len", len(ch), "cap", cap(ch))
	for i := 1; i <= 3; i++ {
		ch <- i
		fmt.Println("sent", i, "len", len(ch))
	}
	took := make(chan int, 1)
	go func() {
		time.Sleep(10 * time.Millisecond)
		took <- <-ch
	}()
	ch <- 4
	fmt.Println("4th send completed at", time.Since(start), "len", len(ch))
	fmt.Println("the receiver took", <-took)
	for len(ch) > 0 {
		fmt.Println("drain", <-ch, "len", len(ch))
	}
	var nilc chan int
	fmt.Println("nil channel: len", len(nilc), "cap", cap(nilc))
	u := make(chan int)
	fmt.Println("unbuffered: len", len(u), "cap", cap(u))
}
