// A sync.Cond on an RWMutex's RLocker: several readers wait holding read locks; Broadcast lets all of them
// re-acquire the read lock at once, while a writer that asked for the lock meanwhile waits for them all.
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var rw sync.RWMutex
	cond := sync.NewCond(rw.RLocker())
	ready := false
	var mu sync.Mutex
	var log []string
	note := func(s string) {
		mu.Lock()
		log = append(log, fmt.Sprint(s, " at ", time.Since(start)))
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rw.RLock()
			for !ready {
				cond.Wait()
			}
			note(fmt.Sprint("reader ", i, " sees ready"))
			time.Sleep(time.Duration(i+1) * time.Millisecond)
			rw.RUnlock()
		}()
	}
	time.Sleep(time.Millisecond)
	rw.Lock()
	ready = true
	note("writer set ready")
	rw.Unlock()
	cond.Broadcast()
	time.Sleep(time.Millisecond / 2)
	wg.Add(1)
	go func() {
		defer wg.Done()
		rw.Lock()
		note("second writer has the lock")
		rw.Unlock()
	}()
	wg.Wait()
	sort.Strings(log)
	for _, l := range log {
		fmt.Println(l)
	}
}
