// sync.Mutex in normal mode: Unlock wakes the first waiter and releases a semaphore permit without
// handing it over. main takes the lock straight back, then readies a newcomer, which runs before the
// woken waiter: finding the lock held, it takes the released permit on semacquire's fast path and queues
// again at the head (it has waited now), while the woken waiter finds no permit and queues behind it. So
// main's next Unlock wakes the newcomer first.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var m sync.Mutex
	var wg sync.WaitGroup
	kick := make(chan bool)
	m.Lock()
	wg.Add(2)
	go func() {
		defer wg.Done()
		m.Lock()
		fmt.Println("first waiter in at", time.Since(start))
		time.Sleep(100 * time.Microsecond)
		m.Unlock()
	}()
	go func() {
		defer wg.Done()
		<-kick
		m.Lock()
		fmt.Println("newcomer in at", time.Since(start))
		time.Sleep(100 * time.Microsecond)
		m.Unlock()
	}()
	time.Sleep(100 * time.Microsecond)
	m.Unlock() // wakes the first waiter (normal mode: no hand-off)
	fmt.Println("TryLock after Unlock:", m.TryLock())
	kick <- true // readies the newcomer: it runs before the woken waiter
	time.Sleep(100 * time.Microsecond)
	fmt.Println("main unlocks at", time.Since(start))
	m.Unlock()
	wg.Wait()
	fmt.Println("TryLock at the end:", m.TryLock(), "at", time.Since(start))
}
