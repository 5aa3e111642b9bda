// main calls runtime.Goexit: other goroutines keep running; when the last one finishes the runtime
// reports "no goroutines (main called runtime.Goexit) - deadlock!" and exits with status 2.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	start := time.Now()
	go func() {
		time.Sleep(20 * time.Millisecond)
		fmt.Println("worker done at", time.Since(start))
	}()
	defer func() { fmt.Println("main's deferred call runs at", time.Since(start)) }()
	runtime.Goexit()
}
