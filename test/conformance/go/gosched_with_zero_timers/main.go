// Goroutines that yield with Gosched while creating AfterFunc(0) callbacks and new goroutines: where the
// due timers run among them (the scheduler checks timers whenever it picks the next goroutine), under
// runtime.GOMAXPROCS(1).
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
	note := func(s string) { order = append(order, s) }
	for _, name := range []string{"A", "B"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 4; i++ {
				note(fmt.Sprint(name, i))
				switch i {
				case 1:
					wg.Add(1)
					time.AfterFunc(0, func() {
						note("f of " + name)
						wg.Done()
					})
				case 2:
					wg.Add(1)
					go func() {
						note("g of " + name)
						wg.Done()
					}()
				}
				runtime.Gosched()
			}
		}()
	}
	wg.Wait()
	fmt.Println(order)
}
