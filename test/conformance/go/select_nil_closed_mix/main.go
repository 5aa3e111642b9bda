// select over nil channels and a closed one: the closed receive is always chosen (zero value, ok=false);
// nil channels beside a timeout; merging two channels by setting each to nil once it is closed.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	var nilc chan int
	closed := make(chan int)
	close(closed)
	for i := 0; i < 3; i++ {
		select {
		case v := <-nilc:
			fmt.Println("nil receive?", v)
		case nilc <- 1:
			fmt.Println("nil send?")
		case v, ok := <-closed:
			fmt.Println("closed receive:", v, ok)
		}
	}
	select {
	case <-nilc:
	case nilc <- 1:
	case <-time.After(10 * ms):
		fmt.Println("nil channels and a timeout: timeout at", time.Since(start))
	}

	a, b := make(chan int), make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			time.Sleep(map[bool]time.Duration{true: ms, false: 3 * ms}[i == 0])
			a <- i
		}
		time.Sleep(3 * ms)
		close(a)
	}()
	go func() {
		time.Sleep(2 * ms)
		b <- 10
		time.Sleep(6 * ms)
		b <- 11
		time.Sleep(5 * ms)
		close(b)
	}()
	base := time.Since(start)
	// take prints what a receive from *c gave, and disables the case (*c = nil) once *c is closed.
	take := func(name string, c *chan int, v int, ok bool) {
		if !ok {
			fmt.Println(name, "closed at", time.Since(start)-base)
			*c = nil
			return
		}
		fmt.Println(name+":", v, "at", time.Since(start)-base)
	}
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			take("a", &a, v, ok)
		case v, ok := <-b:
			take("b", &b, v, ok)
		}
	}
	fmt.Println("both nil: select with only nil cases and a default:")
	select {
	case <-a:
	case b <- 1:
	default:
		fmt.Println("default at", time.Since(start))
	}
}
