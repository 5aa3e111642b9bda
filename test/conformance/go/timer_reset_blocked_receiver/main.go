// Reset of a timer while a goroutine is blocked receiving from its channel: to an earlier deadline, to
// zero and to a negative duration (delivered at once), and after Stop while the receiver selects on it and
// a longer After; the values received are the scheduled times.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	t := time.NewTimer(time.Hour)
	got := make(chan string)
	recvOnce := func() {
		v := <-t.C
		got <- fmt.Sprint("received ", v.Sub(start), " at ", time.Since(start))
	}
	go recvOnce()
	time.Sleep(time.Millisecond)
	fmt.Println("Reset(10ms) with a receiver blocked:", t.Reset(10*time.Millisecond))
	fmt.Println(<-got)
	go recvOnce()
	time.Sleep(time.Millisecond)
	fmt.Println("Reset(0):", t.Reset(0), "at", time.Since(start))
	fmt.Println(<-got)
	go recvOnce()
	time.Sleep(time.Millisecond)
	fmt.Println("Reset(-1s):", t.Reset(-time.Second))
	fmt.Println(<-got)
	go func() {
		select {
		case v := <-t.C:
			got <- fmt.Sprint("select got the timer ", v.Sub(start), " at ", time.Since(start))
		case v := <-time.After(50 * time.Millisecond):
			got <- fmt.Sprint("select got After ", v.Sub(start), " at ", time.Since(start))
		}
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("Reset(20ms) while selecting:", t.Reset(20*time.Millisecond), "Stop:", t.Stop(), "at", time.Since(start))
	time.Sleep(5 * time.Millisecond)
	fmt.Println("Reset(5ms) after Stop:", t.Reset(5*time.Millisecond), "at", time.Since(start))
	fmt.Println(<-got)
	fmt.Println("Stop after it fired and was received:", t.Stop(), "Reset:", t.Reset(time.Millisecond))
	time.Sleep(2 * time.Millisecond)
	select {
	case v := <-t.C:
		fmt.Println("value waiting", v.Sub(start), "at", time.Since(start))
	default:
		fmt.Println("nothing waiting")
	}
}
