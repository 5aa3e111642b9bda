// sync.OnceValues: f runs once, every call returns its two results; a panic in f panics again with the
// same value on every call; concurrent callers wait for the one call. sync.Pool: Get calls New when the
// pool is empty (nil without New), returns what Put stored, and Put(nil) stores nothing.
package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	calls := 0
	read := sync.OnceValues(func() (int, error) {
		calls++
		time.Sleep(5 * time.Millisecond)
		return 42, errors.New("partial read")
	})
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := read()
			fmt.Println("caller got", n, err, "at", time.Since(start))
		}()
	}
	wg.Wait()
	n, err := read()
	fmt.Println("later:", n, err, "calls", calls)

	bad := sync.OnceValues(func() (string, bool) { panic("no values") })
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("OnceValues call", i, "recovered:", recover()) }()
			fmt.Println(bad())
		}()
	}

	var empty sync.Pool
	fmt.Println("Get from an empty Pool without New:", empty.Get())
	made := 0
	p := sync.Pool{New: func() any { made++; return fmt.Sprint("new", made) }}
	fmt.Println("Get:", p.Get(), "made", made)
	p.Put("buf")
	fmt.Println("Get after Put:", p.Get(), "made", made)
	p.Put(nil)
	fmt.Println("Get after Put(nil):", p.Get(), "made", made)
}
