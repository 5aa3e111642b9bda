// sync.Cond: a Signal with no waiter is lost; Signal wakes the longest waiter; a woken waiter returns
// from Wait only once it holds L again; Broadcast (here from a time.AfterFunc callback) wakes the rest.
// Same-instant wake-ups are recorded under runtime.GOMAXPROCS(1).
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
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var order []int
	var wg sync.WaitGroup
	cond.Signal() // nobody waits yet: lost
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i+1) * time.Millisecond)
			mu.Lock()
			fmt.Println("waiter", i, "waits at", time.Since(start))
			cond.Wait()
			order = append(order, i)
			fmt.Println("waiter", i, "woke at", time.Since(start))
			mu.Unlock()
		}()
	}
	time.Sleep(10 * time.Millisecond)
	cond.Signal()
	time.Sleep(5 * time.Millisecond)
	mu.Lock()
	cond.Signal()
	fmt.Println("signalled while holding L at", time.Since(start), "order so far", order)
	time.Sleep(5 * time.Millisecond)
	fmt.Println("still holding L at", time.Since(start), "order so far", order)
	mu.Unlock()
	time.Sleep(5 * time.Millisecond)
	time.AfterFunc(5*time.Millisecond, func() {
		mu.Lock()
		fmt.Println("broadcast from AfterFunc at", time.Since(start))
		cond.Broadcast()
		mu.Unlock()
	})
	wg.Wait()
	fmt.Println("order", order, "at", time.Since(start))
	cond.Broadcast() // nobody waits: no effect
	cond.Signal()
	fmt.Println("done at", time.Since(start))
}
