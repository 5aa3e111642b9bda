// An uncaught panic in a goroutine crashes the program with exit status 2, even while main sleeps.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	go func() {
		time.Sleep(10 * time.Millisecond)
		fmt.Println("about to panic at", time.Since(start))
		panic("boom from goroutine")
	}()
	time.Sleep(time.Second)
	fmt.Println("not reached")
}
