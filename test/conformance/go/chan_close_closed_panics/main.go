// Closing a closed channel panics; the failed close changes nothing: buffered values are still
// received, then the zero value with ok=false.
package main

import (
	"fmt"
	"time"
)

func closeTwice(ch chan int) {
	defer func() { fmt.Println("second close recovered:", recover()) }()
	close(ch)
	fmt.Println("first close ok, len", len(ch))
	close(ch)
	fmt.Println("not reached")
}

func main() {
	start := time.Now()
	closeTwice(make(chan int))
	b := make(chan int, 2)
	b <- 1
	b <- 2
	closeTwice(b)
	for i := 0; i < 3; i++ {
		v, ok := <-b
		fmt.Println("receive after failed close:", v, ok, "at", time.Since(start))
	}
}
