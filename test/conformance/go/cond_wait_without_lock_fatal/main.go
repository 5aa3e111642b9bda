// sync.Cond.Wait without holding c.L unlocks an unlocked mutex: a fatal error that recover cannot catch.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	c := sync.NewCond(&sync.Mutex{})
	defer func() { fmt.Println("recovered:", recover()) }()
	time.Sleep(time.Millisecond)
	fmt.Println("Wait without the lock at", time.Since(start))
	c.Wait()
}
