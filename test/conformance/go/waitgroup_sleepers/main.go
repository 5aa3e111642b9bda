// WaitGroup.Wait returns when the last of several sleeping goroutines calls Done.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var wg sync.WaitGroup
	for i, d := range []int{30, 10, 20} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(d) * time.Millisecond)
			fmt.Println("worker", i, "done at", time.Since(start))
		}()
	}
	wg.Wait()
	fmt.Println("wait returned at", time.Since(start))
	wg.Wait()
	fmt.Println("second wait on zero counter returned at once:", time.Since(start))
	var wg2 sync.WaitGroup
	wg2.Add(2)
	go func() {
		time.Sleep(5 * time.Millisecond)
		wg2.Done()
		time.Sleep(5 * time.Millisecond)
		wg2.Done()
	}()
	wg2.Wait()
	fmt.Println("wg2 wait returned at", time.Since(start))
}
