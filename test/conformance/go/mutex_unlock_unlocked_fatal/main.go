// Unlock of an unlocked Mutex is Go's fatal error "sync: unlock of unlocked mutex"; a Mutex may be
// unlocked by another goroutine than the one that locked it, but a second Unlock kills the program.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var mu sync.Mutex
	mu.Lock()
	go func() {
		time.Sleep(10 * time.Millisecond)
		fmt.Println("goroutine unlocks main's lock at", time.Since(start))
		mu.Unlock()
	}()
	mu.Lock() // waits for the goroutine's Unlock
	fmt.Println("main locked again at", time.Since(start))
	mu.Unlock()
	fmt.Println("TryLock:", mu.TryLock())
	mu.Unlock()
	time.Sleep(5 * time.Millisecond)
	fmt.Println("second Unlock at", time.Since(start))
	mu.Unlock()
	fmt.Println("not reached")
}
