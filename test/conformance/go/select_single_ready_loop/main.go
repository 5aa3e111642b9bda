// A select loop over several channels that become ready one at a time at distinct times.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	a := make(chan string)
	b := make(chan string)
	quit := make(chan bool)
	send := func(c chan string, name string, d time.Duration) {
		go func() {
			time.Sleep(d)
			c <- name
		}()
	}
	send(a, "a@30", 30*time.Millisecond)
	send(b, "b@10", 10*time.Millisecond)
	send(a, "a@20", 20*time.Millisecond)
	send(b, "b@40", 40*time.Millisecond)
	go func() {
		time.Sleep(50 * time.Millisecond)
		close(quit)
	}()
	for {
		select {
		case s := <-a:
			fmt.Println("a:", s, "at", time.Since(start))
		case s := <-b:
			fmt.Println("b:", s, "at", time.Since(start))
		case <-quit:
			fmt.Println("quit at", time.Since(start))
			return
		}
	}
}
