// Where a goroutine waiting in the global run queue comes out among local ones: the scheduler looks at the
// global queue every 61st schedule tick, counting from the ticks Go's runtime has already used before main
// (its own goroutines' first runs). Two rounds, each a goroutine that yields (runtime.Gosched puts it on
// the global queue) and 150 goroutines queued locally behind it.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	for round := 0; round < 3; round++ {
		var order []int
		var wg sync.WaitGroup
		wg.Add(1)
		ready := make(chan bool)
		go func() {
			ready <- true
			runtime.Gosched()
			order = append(order, -1)
			wg.Done()
		}()
		<-ready // the goroutine above readies main, then yields to the global queue
		for i := 0; i < 150; i++ {
			wg.Add(1)
			go func() {
				order = append(order, i)
				wg.Done()
			}()
		}
		wg.Wait()
		for i, v := range order {
			if v == -1 {
				fmt.Println("round", round, "global goroutine ran after", i, "local ones; first", order[0], "last", order[len(order)-1])
			}
		}
	}
}
