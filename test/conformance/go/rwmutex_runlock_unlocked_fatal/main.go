// RUnlock of an RWMutex that is not read-locked (here by a goroutine while main sleeps) is Go's fatal
// error "sync: RUnlock of unlocked RWMutex": the program dies with exit status 2.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var rw sync.RWMutex
	rw.RLock()
	rw.RLock()
	rw.RUnlock()
	rw.RUnlock()
	fmt.Println("balanced RLock/RUnlock at", time.Since(start))
	go func() {
		time.Sleep(10 * time.Millisecond)
		fmt.Println("goroutine calls RUnlock at", time.Since(start))
		rw.RUnlock()
		fmt.Println("not reached")
	}()
	time.Sleep(time.Second)
	fmt.Println("not reached either")
}
