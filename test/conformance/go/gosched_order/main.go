// runtime.Gosched puts the caller on the global run queue: the interleaving of goroutines that yield
// with Gosched, with main yielding too, under runtime.GOMAXPROCS(1). main sleeps first, so that its P has
// scheduled once and its every-61-ticks look at the global queue is not due at the first Gosched.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	time.Sleep(time.Millisecond)
	var order []string
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3; i++ {
				order = append(order, fmt.Sprint(name, i))
				runtime.Gosched()
			}
		}()
	}
	for i := 0; i < 4; i++ {
		order = append(order, fmt.Sprint("main", i))
		runtime.Gosched()
	}
	go func() {
		order = append(order, "late")
	}()
	order = append(order, "main before wait")
	wg.Wait()
	order = append(order, "main after wait")
	runtime.Gosched()
	fmt.Println(order)
}
