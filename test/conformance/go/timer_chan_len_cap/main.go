// Timer and Ticker channels report len 0 and cap 0 in Go 1.23, even with a value ready.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Hour)
	fmt.Println("timer pending: len", len(t.C), "cap", cap(t.C))
	k := time.NewTicker(time.Hour)
	fmt.Println("ticker pending: len", len(k.C), "cap", cap(k.C))
	a := time.After(time.Hour)
	fmt.Println("After: len", len(a), "cap", cap(a))
	f := time.NewTimer(time.Millisecond)
	k2 := time.NewTicker(time.Millisecond)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("timer fired, unread: len", len(f.C), "cap", cap(f.C))
	fmt.Println("ticker ticked, unread: len", len(k2.C), "cap", cap(k2.C))
	<-f.C
	<-k2.C
	fmt.Println("after receive: len", len(f.C), len(k2.C))
	af := time.AfterFunc(time.Hour, func() {})
	fmt.Println("AfterFunc timer C is nil:", af.C == nil)
	t.Stop()
	k.Stop()
	k2.Stop()
	af.Stop()
}
