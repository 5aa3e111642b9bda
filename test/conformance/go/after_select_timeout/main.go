// time.After as a select timeout: it wins against a late sender, and loses against an early one.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ch := make(chan string)
	go func() {
		time.Sleep(30 * time.Millisecond)
		ch <- "late"
	}()
	select {
	case s := <-ch:
		fmt.Println("received", s)
	case v := <-time.After(20 * time.Millisecond):
		fmt.Println("timeout, value", v.Sub(start), "at", time.Since(start))
	}
	fmt.Println("then received", <-ch, "at", time.Since(start))
	go func() {
		time.Sleep(10 * time.Millisecond)
		ch <- "early"
	}()
	select {
	case s := <-ch:
		fmt.Println("received", s, "at", time.Since(start))
	case <-time.After(50 * time.Millisecond):
		fmt.Println("timeout")
	}
	time.Sleep(100 * time.Millisecond)
	fmt.Println("done at", time.Since(start))
}
