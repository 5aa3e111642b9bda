// Go 1.23 puts a channel timer in the timer heap only while a goroutine waits on its channel: main blocked
// on a channel nobody sends on, beside a running Ticker and a pending Timer that nobody reads, is a
// deadlock at once; a pending AfterFunc keeps the program alive until it has run.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	tk := time.NewTicker(10 * time.Millisecond)
	defer tk.Stop()
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	time.AfterFunc(25*time.Millisecond, func() { fmt.Println("AfterFunc ran at", time.Since(start)) })
	<-tk.C
	fmt.Println("one tick received at", time.Since(start))
	c := make(chan int)
	<-c
}
