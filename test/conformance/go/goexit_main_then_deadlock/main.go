// main calls runtime.Goexit (its deferred calls run, recover returns nil) while a worker is alive; when
// the worker then blocks for good, the runtime reports an ordinary deadlock listing only the worker.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	start := time.Now()
	c := make(chan int)
	go func() {
		defer fmt.Println("worker's deferred call: not reached")
		time.Sleep(10 * time.Millisecond)
		fmt.Println("worker blocks at", time.Since(start))
		<-c
	}()
	defer func() { fmt.Println("main's first deferred call at", time.Since(start)) }()
	defer func() { fmt.Println("recover() in main's deferred call:", recover()) }()
	runtime.Goexit()
}
