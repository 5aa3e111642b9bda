// A goroutine blocked sending on a channel that main closes panics "send on closed channel": the
// report's running goroutine is the sender, not main (the closer).
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	c := make(chan int)
	go func() {
		fmt.Println("sender blocks at", time.Since(start))
		c <- 1
		fmt.Println("not reached")
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("main closes at", time.Since(start))
	close(c)
	time.Sleep(time.Second)
	fmt.Println("not reached either")
}
