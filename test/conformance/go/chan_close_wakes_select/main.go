// Closing channels while goroutines block in selects: receivers (select and plain) get the zero value
// with ok=false, select senders and plain senders panic "send on closed channel"; a buffered channel's
// values still come out before the zero values; a blocked select whose other case is a nil channel.
package main

import (
	"fmt"
	"sort"
	"time"
)

func main() {
	start := time.Now()
	ms := time.Millisecond
	c := make(chan int)
	d := make(chan int)
	var nilc chan int
	never := make(chan int)
	results := make(chan string, 10)
	for i := 0; i < 2; i++ {
		go func() {
			select {
			case v, ok := <-c:
				results <- fmt.Sprint("select receiver ", i, " got ", v, " ", ok, " at ", time.Since(start))
			case <-never:
			}
		}()
	}
	go func() {
		v, ok := <-c
		results <- fmt.Sprint("plain receiver got ", v, " ", ok, " at ", time.Since(start))
	}()
	for i := 0; i < 2; i++ {
		go func() {
			defer func() {
				results <- fmt.Sprint("select sender ", i, " recovered: ", recover(), " at ", time.Since(start))
			}()
			select {
			case d <- i:
				results <- "sent?"
			case nilc <- i:
			}
		}()
	}
	go func() {
		defer func() { results <- fmt.Sprint("plain sender recovered: ", recover(), " at ", time.Since(start)) }()
		d <- 9
	}()
	time.Sleep(10 * ms)
	close(c)
	close(d)
	var rs []string
	for i := 0; i < 6; i++ {
		rs = append(rs, <-results)
	}
	sort.Strings(rs)
	for _, r := range rs {
		fmt.Println(r)
	}

	b := make(chan int, 2)
	b <- 1
	b <- 2
	go func() {
		defer func() { results <- fmt.Sprint("blocked buffered sender recovered: ", recover()) }()
		b <- 3
	}()
	time.Sleep(ms)
	close(b)
	fmt.Println(<-results, "at", time.Since(start))
	for i := 0; i < 3; i++ {
		select {
		case v, ok := <-b:
			fmt.Println("buffered after close:", v, ok, "len", len(b))
		case <-nilc:
		}
	}
}
