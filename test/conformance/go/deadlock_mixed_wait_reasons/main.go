// A deadlock with goroutines blocked for many reasons: chan send, select, select over nil channels only,
// chan receive (nil chan), sync.Mutex.Lock, sync.RWMutex.RLock, sync.RWMutex.Lock, sync.Cond.Wait, and
// sync.WaitGroup.Wait ("semacquire"), with main in WaitGroup.Wait too.
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
	mu.Lock()
	var rw sync.RWMutex
	rw.Lock()
	var rw2 sync.RWMutex
	rw2.RLock()
	var cmu sync.Mutex
	cond := sync.NewCond(&cmu)
	var wg sync.WaitGroup
	wg.Add(1)
	c := make(chan int)
	e := make(chan int)
	var nilc chan int
	go func() { c <- 1 }()
	go func() {
		select {
		case <-e:
		case e <- 2:
		}
	}()
	go func() {
		select {
		case <-nilc:
		case nilc <- 1:
		}
	}()
	go func() { <-nilc }()
	go func() { mu.Lock() }()
	go func() { rw.RLock() }()
	go func() { rw2.Lock() }()
	go func() {
		cmu.Lock()
		cond.Wait()
	}()
	go func() { wg.Wait() }()
	go func() {
		time.Sleep(10 * time.Millisecond)
		fmt.Println("last sleeper done at", time.Since(start))
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("main waits at", time.Since(start))
	wg.Wait()
}
