// for-range over a channel receives until the channel is closed.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ch := make(chan int)
	go func() {
		for i := 1; i <= 4; i++ {
			time.Sleep(time.Duration(i) * time.Millisecond)
			ch <- i * i
		}
		time.Sleep(10 * time.Millisecond)
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
		fmt.Println("got", v, "at", time.Since(start))
	}
	fmt.Println("range ended at", time.Since(start), "sum", sum)
	b := make(chan string, 3)
	b <- "x"
	b <- "y"
	close(b)
	for s := range b {
		fmt.Println("buffered after close:", s)
	}
}
