// AfterFunc callbacks run in deadline order; callbacks with equal deadlines run in an order that
// follows from the timer heap and the scheduler (recorded with GOMAXPROCS=1).
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	delays := []int{30, 10, 20, 10, 10, 0, 20, 10}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var order []int
	for i, d := range delays {
		wg.Add(1)
		time.AfterFunc(time.Duration(d)*time.Millisecond, func() {
			defer wg.Done()
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			fmt.Printf("f%d (%dms) ran at %v\n", i, d, time.Since(start))
		})
	}
	wg.Wait()
	fmt.Println("order:", order)
}
