// A goroutine blocked in a select with no timers and main blocked in WaitGroup.Wait: deadlock.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	a := make(chan int)
	b := make(chan string)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(10 * time.Millisecond)
		fmt.Println("worker selects at", time.Since(start))
		select {
		case <-a:
		case b <- "x":
		}
	}()
	wg.Wait()
	fmt.Println("not reached")
}
