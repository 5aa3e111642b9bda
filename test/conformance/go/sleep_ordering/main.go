// Goroutines sleeping different durations wake in duration order; goroutines sleeping equal durations
// wake at the same instant in an order decided by the timer heap and the scheduler (GOMAXPROCS=1).
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var wg sync.WaitGroup
	sleep := func(name string, d time.Duration) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(d)
			fmt.Println(name, "slept", d, "woke at", time.Since(start))
		}()
	}
	sleep("a", 30*time.Millisecond)
	sleep("b", 10*time.Millisecond)
	sleep("c", 20*time.Millisecond)
	sleep("d", 1*time.Millisecond)
	wg.Wait()
	fmt.Println("distinct durations done at", time.Since(start))
	for _, name := range []string{"e0", "e1", "e2", "e3", "e4", "e5"} {
		sleep(name, 15*time.Millisecond)
	}
	wg.Wait()
	fmt.Println("equal durations done at", time.Since(start))
}
