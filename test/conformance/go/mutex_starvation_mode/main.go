// sync.Mutex starvation mode: a waiter woken by Unlock that finds the lock taken again after waiting more
// than 1ms (virtual time here) queues again at the head and switches the mutex to starvation mode: TryLock
// and Lock of newcomers fail or queue, Unlock hands the lock to that waiter, and the mode ends when the
// last waiter takes the lock. Events are logged and printed at the end.
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
	var log []string
	note := func(s string) { log = append(log, fmt.Sprint(s, " at ", time.Since(start))) }
	var wg sync.WaitGroup
	mu.Lock()
	for _, name := range []string{"w1", "w2"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			note(name + " wants")
			mu.Lock()
			note(name + " got")
			time.Sleep(time.Millisecond)
			mu.Unlock()
			note(name + " unlocked")
		}()
	}
	time.Sleep(5 * time.Millisecond)
	mu.Unlock() // wakes w1 (normal mode)
	note(fmt.Sprint("main TryLock: ", mu.TryLock()))
	time.Sleep(time.Millisecond) // w1 runs, finds the lock taken after 5ms: starvation mode
	note(fmt.Sprint("main TryLock while holding: ", mu.TryLock()))
	mu.Unlock() // hands the lock to w1
	note(fmt.Sprint("main TryLock after hand-off: ", mu.TryLock()))
	wg.Add(1)
	go func() {
		defer wg.Done()
		note("w3 wants")
		mu.Lock()
		note("w3 got")
		mu.Unlock()
	}()
	wg.Wait()
	note(fmt.Sprint("TryLock at end: ", mu.TryLock()))
	for _, l := range log {
		fmt.Println(l)
	}
}
