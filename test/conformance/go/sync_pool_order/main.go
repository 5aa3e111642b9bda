// sync.Pool's order at GOMAXPROCS=1: each P keeps one private value (the first Put into an empty pool) and
// a shared list; Get takes the private value first, then the shared list's last value (LIFO), then calls
// New. Put(nil) stores nothing. A goroutine running on the same P shares the same local pool. (No garbage
// collection runs in a program this small: a GC would empty the pool.)
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	made := 0
	p := sync.Pool{New: func() any { made++; return fmt.Sprint("new", made) }}
	p.Put("a")
	p.Put("b")
	p.Put("c")
	fmt.Println("put a b c, get:", p.Get(), p.Get(), p.Get(), p.Get())
	p.Put("x")
	p.Put("y")
	fmt.Println("put x y, get:", p.Get())
	p.Put("z")
	fmt.Println("put z, get:", p.Get(), p.Get(), p.Get())
	p.Put(nil)
	p.Put("d")
	p.Put(nil)
	p.Put("e")
	fmt.Println("put nil d nil e, get:", p.Get(), p.Get(), p.Get())

	done := make(chan bool)
	go func() {
		p.Put("g1")
		p.Put("g2")
		p.Put("g3")
		done <- true
	}()
	<-done
	p.Put("m")
	fmt.Println("goroutine put g1 g2 g3, main put m, get:", p.Get(), p.Get(), p.Get(), p.Get(), p.Get())

	var q sync.Pool
	fmt.Println("no New, empty:", q.Get())
	for i := 1; i <= 5; i++ {
		q.Put(i)
	}
	var got []any
	for v := q.Get(); v != nil; v = q.Get() {
		got = append(got, v)
	}
	fmt.Println("put 1..5, get until empty:", got)
	time.Sleep(time.Millisecond)
	q.Put(6)
	q.Put(7)
	fmt.Println("after a sleep, put 6 7, get:", q.Get(), q.Get(), q.Get())
}
