// sync.RWMutex: a writer waiting for readers keeps new readers out (RLock blocks, TryRLock fails); the
// last reader out hands the lock to the writer; the writer's Unlock lets in the readers that queued, and
// a second writer then waits for them. Same-instant order recorded under runtime.GOMAXPROCS(1).
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
	var rw sync.RWMutex
	var wg sync.WaitGroup
	ms := time.Millisecond
	// user takes the lock at `at` (for writing if write), holds it for `hold`, and releases it.
	user := func(name string, write bool, at, hold time.Duration) {
		defer wg.Done()
		lock, unlock, kind := rw.RLock, rw.RUnlock, "read"
		if write {
			lock, unlock, kind = rw.Lock, rw.Unlock, "write"
		}
		time.Sleep(at)
		fmt.Println(name, "wants the", kind, "lock at", time.Since(start))
		lock()
		fmt.Println(name, "has the", kind, "lock at", time.Since(start))
		time.Sleep(hold)
		fmt.Println(name, "releases it at", time.Since(start))
		unlock()
	}
	wg.Add(6)
	go user("r1", false, 0, 20*ms)
	go user("r2", false, 5*ms, 30*ms)
	go user("w1", true, 10*ms, 10*ms)
	go user("r3", false, 15*ms, 5*ms)
	go user("w2", true, 16*ms, 10*ms)
	go user("r4", false, 21*ms, 5*ms)
	time.Sleep(12 * ms)
	fmt.Println("writer waiting: TryRLock", rw.TryRLock(), "TryLock", rw.TryLock())
	wg.Wait()
	fmt.Println("all done at", time.Since(start))
	fmt.Println("TryRLock", rw.TryRLock(), "TryRLock", rw.TryRLock(), "TryLock", rw.TryLock())
	rw.RUnlock()
	rw.RUnlock()
	fmt.Println("TryLock", rw.TryLock(), "TryRLock", rw.TryRLock())
	rw.Unlock()
	rl := rw.RLocker()
	rl.Lock()
	fmt.Println("RLocker holds a read lock: TryRLock", rw.TryRLock(), "TryLock", rw.TryLock())
	rw.RUnlock()
	rl.Unlock()
	fmt.Println("released: TryLock", rw.TryLock())
}
