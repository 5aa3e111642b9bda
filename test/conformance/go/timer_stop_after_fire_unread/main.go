// Go 1.23 sync timer channels: a fired but unreceived timer is still stoppable (Stop returns true)
// and no stale value remains; likewise Reset returns true and discards the old value.
package main

import (
	"fmt"
	"time"
)

func poll(name string, c <-chan time.Time) {
	select {
	case <-c:
		fmt.Println(name, "got a value")
	default:
		fmt.Println(name, "no value ready")
	}
}

func main() {
	start := time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	fmt.Println("len after deadline:", len(t.C))
	fmt.Println("stop after unread fire:", t.Stop())
	poll("after stop:", t.C)

	r := time.NewTimer(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	fmt.Println("reset after unread fire:", r.Reset(10*time.Millisecond), "at", time.Since(start))
	poll("after reset:", r.C)
	v := <-r.C
	fmt.Println("value after reset", v.Sub(start), "at", time.Since(start))

	u := time.NewTimer(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	poll("unstopped:", u.C)
	fmt.Println("stop after receive:", u.Stop())
}
