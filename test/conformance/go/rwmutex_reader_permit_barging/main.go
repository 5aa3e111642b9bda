// sync.RWMutex's counting: Unlock releases a semaphore permit for each reader that queued behind the
// writer, without handing it over. A reader that arrives (behind the next writer, which has already
// announced itself) before a released reader runs takes that permit and goes in; the released reader
// queues again. The next writer, which waited for the released reader, goes in when the newcomer
// RUnlocks: readerWait counts readers, not which ones. Then the released reader gets the permit the
// next Unlock releases.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	var rw sync.RWMutex
	var wg sync.WaitGroup
	rw.Lock()
	wg.Add(3)
	go func() { // queues behind main's write lock
		defer wg.Done()
		rw.RLock()
		fmt.Println("early reader in at", time.Since(start))
		time.Sleep(5 * ms)
		rw.RUnlock()
	}()
	go func() { // queues for rw.w behind main
		defer wg.Done()
		rw.Lock()
		fmt.Println("writer in at", time.Since(start))
		time.Sleep(5 * ms)
		rw.Unlock()
		fmt.Println("writer out at", time.Since(start))
	}()
	go func() { // wakes at 10ms just before main, runs just after it and the writer
		defer wg.Done()
		time.Sleep(10 * ms)
		rw.RLock()
		fmt.Println("late reader in at", time.Since(start))
		time.Sleep(2 * ms)
		fmt.Println("late reader out at", time.Since(start))
		rw.RUnlock()
	}()
	time.Sleep(ms)
	fmt.Println("TryRLock while main writes:", rw.TryRLock())
	time.Sleep(9 * ms)
	rw.Unlock()
	fmt.Println("main unlocked at", time.Since(start))
	time.Sleep(ms)
	fmt.Println("at 11ms: TryRLock", rw.TryRLock(), "TryLock", rw.TryLock())
	wg.Wait()
	fmt.Println("TryLock at the end:", rw.TryLock(), "at", time.Since(start))
	rw.Unlock()
}
