// Once.Do called from inside its own f waits for f to finish: a deadlock, reported with main blocked in
// sync.Mutex.Lock; another goroutine calling Do meanwhile waits the same way.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var once sync.Once
	go func() {
		time.Sleep(5 * time.Millisecond)
		fmt.Println("second caller at", time.Since(start))
		once.Do(func() { fmt.Println("not reached") })
	}()
	once.Do(func() {
		fmt.Println("f runs; sleeping")
		time.Sleep(10 * time.Millisecond)
		fmt.Println("f calls Do again at", time.Since(start))
		once.Do(func() { fmt.Println("not reached") })
	})
}
