// Several goroutines Wait on one WaitGroup and are all released by the last Done; the WaitGroup is
// reused after Wait returns; Add while waiters wait extends the wait; Wait on zero returns at once.
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	var wg sync.WaitGroup
	wg.Add(2)
	results := make(chan string, 8)
	for i := 0; i < 3; i++ {
		go func() {
			time.Sleep(time.Duration(i) * ms)
			wg.Wait()
			results <- fmt.Sprint("waiter ", i, " released at ", time.Since(start))
		}()
	}
	go func() {
		time.Sleep(10 * ms)
		wg.Done()
		wg.Add(1) // counter still positive: waiters keep waiting
		time.Sleep(5 * ms)
		wg.Done()
		time.Sleep(5 * ms)
		wg.Done()
	}()
	var rs []string
	for i := 0; i < 3; i++ {
		rs = append(rs, <-results)
	}
	sort.Strings(rs)
	for _, r := range rs {
		fmt.Println(r)
	}
	wg.Wait()
	fmt.Println("zero counter: Wait returns at once at", time.Since(start))
	wg.Add(1)
	go func() {
		time.Sleep(7 * ms)
		wg.Done()
	}()
	wg.Wait()
	fmt.Println("reused WaitGroup released at", time.Since(start))
	wg.Add(0)
	wg.Wait()
	fmt.Println("done at", time.Since(start))
}
