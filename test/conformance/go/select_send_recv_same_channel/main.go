// select with a send and a receive case on the same channel: an unbuffered one cannot pair with itself;
// two such selects in different goroutines pair with each other; duplicate cases on one channel; a
// buffered channel of one slot offers exactly the case its state allows; a blocked select with two sends
// on one channel sends once.
package main

import (
	"fmt"
	"sort"
	"time"
)

func main() {
	start := time.Now()
	c := make(chan int)
	select {
	case c <- 1:
		fmt.Println("sent to itself?")
	case v := <-c:
		fmt.Println("received from itself?", v)
	default:
		fmt.Println("a select cannot pair with itself: default")
	}
	results := make(chan string, 2)
	for i := 0; i < 2; i++ {
		go func() {
			select {
			case c <- 10 + i:
				results <- "sent"
			case v := <-c:
				results <- fmt.Sprint("received ", v >= 10)
			}
		}()
	}
	rs := []string{<-results, <-results}
	sort.Strings(rs)
	fmt.Println("two selects paired:", rs, "at", time.Since(start))

	b := make(chan int, 1)
	for i := 0; i < 4; i++ {
		select {
		case b <- i:
			fmt.Println("buffer had room: sent", i, "len", len(b))
		case v := <-b:
			fmt.Println("buffer full: received", v, "len", len(b))
		}
	}
	b <- 5
	select {
	case v := <-b:
		fmt.Println("duplicate receive cases: got", v)
	case v := <-b:
		fmt.Println("duplicate receive cases: got", v)
	}
	select {
	case <-b:
		fmt.Println("unexpected")
	case <-b:
		fmt.Println("unexpected")
	default:
		fmt.Println("duplicate cases on an empty channel: default")
	}

	u := make(chan int)
	sent := make(chan string)
	go func() {
		select {
		case u <- 7:
			sent <- "first send case"
		case u <- 7:
			sent <- "second send case"
		}
	}()
	time.Sleep(5 * time.Millisecond)
	fmt.Println("received", <-u, "at", time.Since(start))
	s := <-sent
	fmt.Println("one send case ran:", s == "first send case" || s == "second send case")
	select {
	case v := <-u:
		fmt.Println("second value?", v)
	default:
		fmt.Println("only one send happened")
	}
}
