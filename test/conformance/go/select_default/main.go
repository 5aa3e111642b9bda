// select with default takes default when nothing is ready and a ready case otherwise.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ch := make(chan int, 1)
	select {
	case v := <-ch:
		fmt.Println("received", v)
	default:
		fmt.Println("empty buffered channel: default")
	}
	ch <- 7
	select {
	case v := <-ch:
		fmt.Println("ready buffered channel: received", v)
	default:
		fmt.Println("default")
	}
	unbuf := make(chan int)
	select {
	case unbuf <- 1:
		fmt.Println("sent")
	default:
		fmt.Println("unbuffered send without receiver: default")
	}
	t := time.NewTimer(10 * time.Millisecond)
	select {
	case <-t.C:
		fmt.Println("timer value")
	default:
		fmt.Println("pending timer: default at", time.Since(start))
	}
	time.Sleep(10 * time.Millisecond)
	select {
	case v := <-t.C:
		fmt.Println("expired timer: received value", v.Sub(start))
	default:
		fmt.Println("default")
	}
}
