// An empty select blocks forever; a goroutine blocked on a nil channel too: deadlock after the
// last timer (a sleeping goroutine) is done.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	var nilc chan int
	go func() {
		nilc <- 1
	}()
	go func() {
		time.Sleep(25 * time.Millisecond)
		fmt.Println("sleeper done at", time.Since(start))
	}()
	select {}
}
