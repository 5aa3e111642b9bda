// A goroutine that sends 5000 values into a big buffered channel without ever blocking keeps the P: under
// faketime nothing preempts it, so a goroutine it started sees the buffer full only once it blocks.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	ch := make(chan int, 10000)
	seen := make(chan int, 1)
	go func() { seen <- len(ch) }()
	for i := 0; i < 5000; i++ {
		ch <- i
	}
	fmt.Println("after the sends, X saw len", len(seen) > 0)
	got := <-seen
	fmt.Println("X saw len", got, "at", time.Since(start))
	n := 0
	done := make(chan bool)
	go func() {
		for i := 0; i < 3000; i++ {
			select {
			case <-ch:
				n++
			default:
			}
		}
		done <- true
	}()
	go func() { fmt.Println("Y ran after", n, "receives") }()
	<-done
	fmt.Println("received", n, "len", len(ch))
}
