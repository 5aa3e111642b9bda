// 300 AfterFuncs with the same deadline, then 300 more of which every third is stopped and every fifth
// reset to the same deadline: the order in which their callbacks run (timer heap order, each callback's
// goroutine taking runnext, run-queue overflow) under runtime.GOMAXPROCS(1), 30 per line.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
)

func show(order []int) {
	for k := 0; k < len(order); k += 30 {
		var b strings.Builder
		for _, v := range order[k:min(k+30, len(order))] {
			fmt.Fprint(&b, v, " ")
		}
		fmt.Println(strings.TrimSpace(b.String()))
	}
}

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	const n = 300
	var order []int
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		time.AfterFunc(time.Millisecond, func() {
			order = append(order, i)
			wg.Done()
		})
	}
	wg.Wait()
	fmt.Println("first batch done at", time.Since(start))
	show(order)

	order = nil
	timers := make([]*time.Timer, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		timers[i] = time.AfterFunc(time.Duration(1+i%3)*time.Millisecond, func() {
			order = append(order, i)
			wg.Done()
		})
	}
	stopped := 0
	for i := 0; i < n; i += 3 {
		if timers[i].Stop() {
			stopped++
			wg.Done()
		}
	}
	for i := 0; i < n; i += 5 {
		if timers[i].Reset(2 * time.Millisecond) {
			fmt.Println("reset pending", i)
		} else {
			wg.Add(1)
		}
	}
	wg.Wait()
	fmt.Println("second batch done at", time.Since(start), "stopped", stopped, "ran", len(order))
	show(order)
}
