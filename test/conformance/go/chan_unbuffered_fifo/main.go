// Blocked senders on an unbuffered channel are served in arrival order (plain and select senders mixed);
// blocked receivers too; a sender that gives up (select timeout) leaves the queue.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	c := make(chan int)
	for i := 0; i < 5; i++ {
		go func() {
			time.Sleep(time.Duration(5-i) * ms)
			if i%2 == 0 {
				c <- i
				return
			}
			select {
			case c <- i:
			case <-time.After(time.Duration(20+i) * ms):
			}
		}()
	}
	time.Sleep(10 * ms)
	for k := 0; k < 5; k++ {
		fmt.Println("received", <-c, "at", time.Since(start))
	}

	for i := 0; i < 4; i++ {
		go func() {
			time.Sleep(time.Duration(4-i) * ms)
			if i == 2 {
				select {
				case c <- 100:
				case <-time.After(10 * ms):
					fmt.Println("sender 2 gave up at", time.Since(start))
				}
				return
			}
			c <- 10 + i
		}()
	}
	time.Sleep(15 * ms)
	for k := 0; k < 3; k++ {
		fmt.Println("received", <-c, "at", time.Since(start))
	}

	r := make(chan int)
	got := make([]int, 4)
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go func() {
			time.Sleep(time.Duration(i+1) * ms)
			got[i] = <-r
			done <- true
		}()
	}
	time.Sleep(10 * ms)
	for v := 0; v < 4; v++ {
		r <- 100 + v
	}
	for i := 0; i < 4; i++ {
		<-done
	}
	fmt.Println("receivers got", got, "at", time.Since(start))
}
