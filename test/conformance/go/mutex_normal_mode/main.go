// sync.Mutex in normal mode: Unlock wakes a waiter but does not hand it the lock, so the unlocking
// goroutine (still running) wins a Lock or TryLock right after; a waiter that then finds the lock taken
// after waiting more than 1ms switches the mutex to starvation mode, where Unlock hands it the lock
// directly and the unlocker gives it the P at once.
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
	mu.Lock()
	done := make(chan bool)
	go func() {
		note("w wants")
		mu.Lock()
		note("w got")
		mu.Unlock()
		done <- true
	}()
	runtime.Gosched() // let w block in Lock
	mu.Unlock()
	note(fmt.Sprint("main TryLock after Unlock: ", mu.TryLock()))
	mu.Unlock()
	mu.Lock()
	note("main Lock again")
	time.Sleep(5 * time.Millisecond)
	mu.Unlock()
	note(fmt.Sprint("main TryLock after 5ms: ", mu.TryLock()))
	mu.Unlock()
	note("main unlocked")
	mu.Lock()
	note("main Lock")
	mu.Unlock()
	<-done
	for _, l := range log {
		fmt.Println(l)
	}
	fmt.Println("TryLock at end:", mu.TryLock())
}
