// An uncaught panic in main with an error value: deferred calls run first, then the runtime prints
// "panic: " plus the error's message and exits with status 2.
package main

import (
	"errors"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	defer fmt.Println("first deferred call (registered first, runs last)")
	defer func() {
		fmt.Println("second deferred call runs at", time.Since(start))
	}()
	time.Sleep(15 * time.Millisecond)
	panic(fmt.Errorf("wrapped: %w", errors.New("disk full")))
}
