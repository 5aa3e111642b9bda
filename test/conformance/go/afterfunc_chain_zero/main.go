// A chain of AfterFunc(0) calls, each scheduling the next from its own goroutine, runs to completion
// without virtual time advancing, even while earlier callbacks are still sleeping.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	done := make(chan bool)
	var step func(i int)
	step = func(i int) {
		fmt.Println("step", i, "at", time.Since(start))
		if i == 10 {
			done <- true
			return
		}
		time.AfterFunc(0, func() { step(i + 1) })
		time.Sleep(time.Second)
		fmt.Println("step", i, "woke at", time.Since(start))
	}
	time.AfterFunc(0, func() { step(0) })
	<-done
	fmt.Println("chain done at", time.Since(start))
}
