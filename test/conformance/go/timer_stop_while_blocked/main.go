// Stop while a goroutine is blocked receiving from the timer's channel: true, and the goroutine stays
// blocked until a later Reset fires; Reset to an earlier deadline while a goroutine selects on the timer
// and a longer After.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	t := time.NewTimer(10 * ms)
	got := make(chan string)
	go func() {
		v := <-t.C
		got <- fmt.Sprint("value ", v.Sub(start), " received at ", time.Since(start))
	}()
	time.Sleep(5 * ms)
	fmt.Println("Stop while a goroutine waits:", t.Stop())
	time.Sleep(20 * ms)
	select {
	case s := <-got:
		fmt.Println("unexpected:", s)
	default:
		fmt.Println("still blocked at", time.Since(start))
	}
	fmt.Println("Reset:", t.Reset(5*ms))
	fmt.Println(<-got)

	t2 := time.NewTimer(time.Hour)
	go func() {
		select {
		case v := <-t2.C:
			got <- fmt.Sprint("t2 value ", v.Sub(start), " at ", time.Since(start))
		case <-time.After(50 * ms):
			got <- "gave up"
		}
	}()
	time.Sleep(ms)
	fmt.Println("Reset hour timer to 2ms:", t2.Reset(2*ms))
	fmt.Println(<-got)
	fmt.Println("Stop t2 after its value was taken:", t2.Stop())
}
