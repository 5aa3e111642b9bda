// sync.WaitGroup on its semaphore: the Done that zeroes the counter releases one permit per waiter without
// handing it over. If main reuses the WaitGroup (Add) and calls Wait before the released waiter has run,
// main's Wait takes that permit and panics "sync: WaitGroup is reused before previous Wait has returned";
// the released waiter finds no permit and waits on, until the next Done zeroes the counter. The counter
// is an int32: Add(1<<31) makes it negative, Add(1<<32) adds nothing, Add(1<<32+1) adds 1.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var wg sync.WaitGroup
	done := make(chan bool)
	wg.Add(1)
	go func() {
		defer func() { fmt.Println("old waiter recovered:", recover(), "at", time.Since(start)); done <- true }()
		wg.Wait()
		fmt.Println("old waiter returned at", time.Since(start))
	}()
	time.Sleep(10 * time.Millisecond)
	wg.Done() // releases the old waiter, which has not run yet
	wg.Add(1)
	func() {
		defer func() { fmt.Println("main recovered:", recover()) }()
		wg.Wait() // takes the permit released for the old waiter
		fmt.Println("main's Wait returned")
	}()
	time.Sleep(5 * time.Millisecond)
	fmt.Println("at 15ms the old waiter still waits")
	wg.Done()
	<-done

	func() {
		defer func() { fmt.Println("Add(1<<31) recovered:", recover()) }()
		var w sync.WaitGroup
		w.Add(1 << 31)
	}()
	var w sync.WaitGroup
	w.Add(1 << 32)
	w.Wait()
	fmt.Println("Add(1<<32) added nothing: Wait returned")
	w.Add(1<<32 + 1)
	w.Done()
	w.Wait()
	fmt.Println("Add(1<<32+1) added 1")
	w.Add(-1 << 32)
	w.Wait()
	fmt.Println("Add(-1<<32) added nothing")
}
