// An AfterFunc callback runs in a goroutine of its own, numbered after the 20 goroutines started before
// it fires; its uncaught panic crashes the program naming that goroutine.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() { wg.Done() }()
	}
	wg.Wait()
	time.AfterFunc(5*time.Millisecond, func() {
		fmt.Println("callback at", time.Since(start))
		panic(fmt.Sprintf("callback failed at %v", time.Since(start)))
	})
	block := make(chan int)
	go func() { <-block }()
	time.Sleep(time.Second)
}
