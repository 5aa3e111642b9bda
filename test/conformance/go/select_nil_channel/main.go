// Cases on nil channels are never chosen; a select whose other cases are nil waits for its timer.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	var nilc chan int
	ready := make(chan int, 1)
	ready <- 1
	for i := 0; i < 3; i++ {
		select {
		case v := <-nilc:
			fmt.Println("nil receive chosen", v)
		case nilc <- 2:
			fmt.Println("nil send chosen")
		case v := <-ready:
			fmt.Println("ready channel chosen", v)
			ready <- v + 1
		}
	}
	select {
	case <-nilc:
		fmt.Println("nil receive chosen")
	case nilc <- 1:
		fmt.Println("nil send chosen")
	case v := <-time.After(10 * time.Millisecond):
		fmt.Println("only the timer can fire: value", v.Sub(start))
	}
	select {
	case <-nilc:
		fmt.Println("nil receive chosen")
	default:
		fmt.Println("nil channel with default: default")
	}
}
