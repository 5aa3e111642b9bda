// A producer and a consumer print as they send and receive: the interleaving on an unbuffered channel and
// on a buffered one (handoff to a waiting receiver, runnext) under runtime.GOMAXPROCS(1).
package main

import (
	"fmt"
	"runtime"
)

func run(size int) {
	c := make(chan int, size)
	done := make(chan bool)
	go func() {
		for i := 1; i <= 6; i++ {
			c <- i
			fmt.Println("  sent", i)
		}
		close(c)
		fmt.Println("  closed")
		done <- true
	}()
	for v := range c {
		fmt.Println("received", v)
	}
	fmt.Println("range done")
	<-done
}

func main() {
	runtime.GOMAXPROCS(1)
	for _, size := range []int{0, 2} {
		fmt.Println("buffer", size)
		run(size)
	}
}
