// main starts 300 goroutines without blocking, then waits: the order in which they first run (runnext,
// a 256-slot local run queue that overflows half into the global queue, the global queue checked every
// 61 schedule ticks) under runtime.GOMAXPROCS(1), printed 30 per line.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	const n = 300
	var order []int
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			order = append(order, i)
			wg.Done()
		}()
	}
	wg.Wait()
	for k := 0; k < n; k += 30 {
		var b strings.Builder
		for _, v := range order[k:min(k+30, n)] {
			fmt.Fprint(&b, v, " ")
		}
		fmt.Println(strings.TrimSpace(b.String()))
	}
}
