// Forty goroutines each Sleep(1ms) (their timers made in the order they first run), then the two thirds
// that go on sleep again, 1ms or 2ms: the order in which they wake, from Go's 4-ary timer heap and the
// run queue, under runtime.GOMAXPROCS(1).
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
	const n = 40
	var first, second []int
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Millisecond)
			first = append(first, i)
			if i%3 == 0 {
				return
			}
			time.Sleep(time.Duration(1+i%2) * time.Millisecond)
			second = append(second, i)
		}()
	}
	wg.Wait()
	fmt.Println("done at", time.Since(start))
	fmt.Println(first)
	fmt.Println(second)
}
