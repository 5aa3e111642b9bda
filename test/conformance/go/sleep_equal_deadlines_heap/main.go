// Twelve goroutines wait on Sleep, After, NewTimer and AfterFunc with many equal deadlines; two of the
// timers are stopped and one is reset. The wake-up order (timer heap order plus runnext, GOMAXPROCS(1))
// is recorded and printed at the end.
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
	ms := time.Millisecond
	var order []string
	var wg sync.WaitGroup
	delays := []int{3, 1, 2, 1, 3, 1, 2, 3, 1, 2, 1, 3}
	timers := make([]*time.Timer, len(delays))
	record := func(i int) {
		order = append(order, fmt.Sprint(i, "@", time.Since(start)))
	}
	for i, d := range delays {
		wg.Add(1)
		switch i % 4 {
		case 0:
			go func() {
				defer wg.Done()
				time.Sleep(time.Duration(d) * ms)
				record(i)
			}()
		case 1:
			go func() {
				defer wg.Done()
				<-time.After(time.Duration(d) * ms)
				record(i)
			}()
		case 2:
			timers[i] = time.NewTimer(time.Duration(d) * ms)
			go func() {
				defer wg.Done()
				select {
				case <-timers[i].C:
					record(i)
				case <-time.After(10 * ms):
					order = append(order, fmt.Sprint(i, " gave up@", time.Since(start)))
				}
			}()
		case 3:
			timers[i] = time.AfterFunc(time.Duration(d)*ms, func() {
				defer wg.Done()
				record(i)
			})
		}
	}
	fmt.Println("stop 6:", timers[6].Stop(), "reset 2 to 1ms:", timers[2].Reset(ms))
	if timers[11].Stop() {
		wg.Done()
		fmt.Println("stopped AfterFunc 11")
	}
	wg.Wait()
	fmt.Println(order)
	fmt.Println("done at", time.Since(start))
}
