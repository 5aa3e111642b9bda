// Timer.Stop and Timer.Reset return values in each state: pending, stopped, fired but unread, fired and
// read; and from inside an AfterFunc callback (its own timer is no longer pending: Stop/Reset false; a
// Reset there runs f again, and then Stop is true).
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	t := time.NewTimer(10 * ms)
	fmt.Println("pending: Stop", t.Stop())
	fmt.Println("stopped: Stop", t.Stop())
	fmt.Println("stopped: Reset", t.Reset(10*ms))
	time.Sleep(15 * ms)
	fmt.Println("fired, unread: Reset", t.Reset(10*ms), "at", time.Since(start))
	select {
	case v := <-t.C:
		fmt.Println("stale value", v.Sub(start))
	default:
		fmt.Println("no stale value after Reset")
	}
	v := <-t.C
	fmt.Println("received", v.Sub(start), "at", time.Since(start))
	s := t.Stop()
	fmt.Println("fired, read: Stop", s, "Reset", t.Reset(5*ms))
	time.Sleep(5 * ms)
	fmt.Println("fired, unread: Stop", t.Stop(), "at", time.Since(start))
	s = t.Stop()
	fmt.Println("after Stop: Stop", s, "Reset", t.Reset(time.Hour))
	fmt.Println("pending hour: Reset", t.Reset(time.Hour), "Stop", t.Stop())

	results := make(chan string, 8)
	runs := 0
	var af *time.Timer
	af = time.AfterFunc(10*ms, func() {
		runs++
		if runs == 1 {
			results <- fmt.Sprint("run 1 at ", time.Since(start), ": Stop ", af.Stop())
			results <- fmt.Sprint("run 1: Reset ", af.Reset(5*ms))
			return
		}
		r := af.Reset(time.Hour)
		results <- fmt.Sprint("run 2 at ", time.Since(start), ": Reset ", r, " then Stop ", af.Stop())
	})
	for i := 0; i < 3; i++ {
		fmt.Println(<-results)
	}
	time.Sleep(ms)
	fmt.Println("after run 2: Stop", af.Stop(), "Reset", af.Reset(ms))
	time.Sleep(2 * ms)
	fmt.Println(<-results)
	fmt.Println("runs", runs, "at", time.Since(start))
}
