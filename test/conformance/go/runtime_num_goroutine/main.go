// runtime.NumGoroutine counts main and every goroutine that has started and not yet returned,
// blocked ones included.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	fmt.Println("main only:", runtime.NumGoroutine())
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 10 * time.Millisecond)
		}()
	}
	fmt.Println("three sleepers:", runtime.NumGoroutine())
	block := make(chan struct{})
	go func() { <-block }()
	time.Sleep(15 * time.Millisecond)
	fmt.Println("at 15ms:", runtime.NumGoroutine())
	wg.Wait()
	fmt.Println("after Wait:", runtime.NumGoroutine())
	close(block)
	time.Sleep(time.Millisecond)
	fmt.Println("after close:", runtime.NumGoroutine())
}
