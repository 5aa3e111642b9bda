// A goroutine loops on select { ticker, quit } while main resets the ticker to a shorter period, a longer
// one, at the very instant a tick is due, and stops it. Values and receive times are recorded by the
// reader and printed at the end (GOMAXPROCS(1)).
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	ms := time.Millisecond
	tk := time.NewTicker(10 * ms)
	quit := make(chan bool)
	done := make(chan []string)
	go func() {
		var got []string
		for {
			select {
			case v := <-tk.C:
				got = append(got, fmt.Sprint(v.Sub(start), "@", time.Since(start)))
			case <-quit:
				done <- got
				return
			}
		}
	}()
	time.Sleep(25 * ms) // ticks at 10, 20
	tk.Reset(3 * ms)    // 28, 31, 34
	time.Sleep(10 * ms)
	tk.Reset(20 * ms) // 55
	time.Sleep(30 * ms)
	tk.Reset(10 * ms) // 75
	time.Sleep(10 * ms)
	tk.Reset(5 * ms) // at 75, as a tick is due
	time.Sleep(12 * ms)
	tk.Stop()
	time.Sleep(20 * ms)
	tk.Reset(ms)
	time.Sleep(ms)
	tk.Stop()
	quit <- true
	for _, s := range <-done {
		fmt.Println(s)
	}
	fmt.Println("done at", time.Since(start))
}
