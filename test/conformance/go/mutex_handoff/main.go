// A Mutex passed between goroutines that sleep while holding it: each waiter gets the lock when
// the holder unlocks.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	mu.Lock()
	fmt.Println("main holds the lock at", time.Since(start))
	for i, d := range []int{1, 2, 3} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(d) * time.Millisecond)
			fmt.Println("worker", i, "wants the lock at", time.Since(start))
			mu.Lock()
			fmt.Println("worker", i, "got the lock at", time.Since(start))
			time.Sleep(10 * time.Millisecond)
			mu.Unlock()
		}()
	}
	time.Sleep(20 * time.Millisecond)
	fmt.Println("TryLock while held:", mu.TryLock())
	fmt.Println("main unlocks at", time.Since(start))
	mu.Unlock()
	wg.Wait()
	fmt.Println("all done at", time.Since(start), "TryLock:", mu.TryLock())
}
