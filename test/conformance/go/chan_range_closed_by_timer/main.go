// for range over a channel that a time.AfterFunc closes while main is blocked in the range; a producer
// stops before the close. A range over time.Tick broken after three ticks. A range over a buffered
// channel closed by an AfterFunc with values still in it.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	c := make(chan int)
	go func() {
		for i := 0; i < 4; i++ {
			c <- i
			time.Sleep(10 * ms)
		}
	}()
	time.AfterFunc(35*ms, func() { close(c) })
	for v := range c {
		fmt.Println("got", v, "at", time.Since(start))
	}
	fmt.Println("range ended at", time.Since(start))

	n := 0
	for v := range time.Tick(4 * ms) {
		n++
		fmt.Println("tick", n, "value", v.Sub(start), "at", time.Since(start))
		if n == 3 {
			break
		}
		time.Sleep(5 * ms)
	}

	b := make(chan string, 3)
	b <- "x"
	b <- "y"
	time.AfterFunc(5*ms, func() {
		b <- "z"
		close(b)
	})
	time.Sleep(10 * ms)
	for v := range b {
		fmt.Println("buffered", v, "len", len(b), "at", time.Since(start))
	}
	fmt.Println("done at", time.Since(start))
}
