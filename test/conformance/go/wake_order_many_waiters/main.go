// Five goroutines blocked on the same thing, released at one instant: the order in which they run (wake
// order plus runnext) for WaitGroup.Wait, Cond.Broadcast, RWMutex readers behind a writer, a channel
// close, and a Mutex handed from waiter to waiter, under runtime.GOMAXPROCS(1).
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	// release starts five goroutines that block in wait at 1..5ms, calls free at 10ms, and prints the
	// order in which the five got past wait.
	release := func(name string, wait, free func()) {
		var order []int
		var all sync.WaitGroup
		for i := 0; i < 5; i++ {
			all.Add(1)
			go func() {
				defer all.Done()
				time.Sleep(time.Duration(i+1) * time.Millisecond)
				wait()
				order = append(order, i)
			}()
		}
		time.Sleep(10 * time.Millisecond)
		free()
		all.Wait()
		fmt.Println(name, order)
	}

	var wg sync.WaitGroup
	wg.Add(1)
	release("WaitGroup", wg.Wait, wg.Done)

	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	release("Cond.Broadcast", func() {
		mu.Lock()
		cond.Wait()
		mu.Unlock()
	}, cond.Broadcast)

	var rw sync.RWMutex
	rw.Lock()
	release("RWMutex readers", func() {
		rw.RLock()
		rw.RUnlock()
	}, rw.Unlock)

	c := make(chan int)
	release("close", func() { <-c }, func() { close(c) })

	var m sync.Mutex
	m.Lock()
	release("Mutex", func() {
		m.Lock()
		m.Unlock()
	}, m.Unlock)

	t := time.NewTimer(15 * time.Millisecond)
	tc := make(chan bool)
	release("timer then close", func() {
		select {
		case <-t.C:
		case <-tc:
		}
	}, func() {
		time.Sleep(10 * time.Millisecond)
		close(tc)
	})
}
