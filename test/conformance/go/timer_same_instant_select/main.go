// Three timers due at the same instant: a select over them takes one per pass and the others keep their
// values (each received once, all with the same scheduled time). A goroutine blocked in a select on two
// timers that fire at the same instant gets one; the other's value stays readable.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	t1 := time.NewTimer(10 * ms)
	t2 := time.NewTimer(10 * ms)
	a := time.After(10 * ms)
	time.Sleep(20 * ms)
	seen := map[string]time.Duration{}
	for i := 0; i < 3; i++ {
		select {
		case v := <-t1.C:
			seen["t1"] = v.Sub(start)
		case v := <-t2.C:
			seen["t2"] = v.Sub(start)
		case v := <-a:
			seen["a"] = v.Sub(start)
		}
	}
	fmt.Println("distinct timers received:", len(seen), "values:", seen["t1"], seen["t2"], seen["a"], "at", time.Since(start))
	select {
	case <-t1.C:
		fmt.Println("t1 again")
	case <-t2.C:
		fmt.Println("t2 again")
	case <-a:
		fmt.Println("a again")
	default:
		fmt.Println("nothing left: default")
	}

	t1.Reset(5 * ms)
	t2.Reset(5 * ms)
	got := make(chan time.Duration)
	go func() {
		select {
		case v := <-t1.C:
			got <- v.Sub(start)
		case v := <-t2.C:
			got <- v.Sub(start)
		}
	}()
	fmt.Println("blocked select got", <-got, "at", time.Since(start))
	n := 0
	for _, c := range []<-chan time.Time{t1.C, t2.C} {
		select {
		case v := <-c:
			n++
			fmt.Println("the other timer still has", v.Sub(start))
		default:
		}
	}
	fmt.Println("left over:", n)
	fmt.Println("Stop both:", t1.Stop(), t2.Stop())
}
