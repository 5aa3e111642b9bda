// A reader that takes the read lock again while a writer waits blocks behind the writer, which waits for
// the first read lock: a deadlock (recursive read locking is forbidden).
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var mu sync.RWMutex
	mu.RLock()
	go func() {
		mu.Lock()
		fmt.Println("writer got the lock")
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("TryRLock with a writer waiting:", mu.TryRLock(), "at", time.Since(start))
	mu.RLock()
	fmt.Println("unreachable")
}
