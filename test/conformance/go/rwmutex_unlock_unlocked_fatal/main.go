// Unlock of an RWMutex that is only read-locked is Go's fatal error "sync: Unlock of unlocked RWMutex".
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var rw sync.RWMutex
	rw.Lock()
	rw.Unlock()
	rw.RLock()
	time.Sleep(3 * time.Millisecond)
	fmt.Println("read-locked; Unlock at", time.Since(start))
	rw.Unlock()
	fmt.Println("not reached")
}
