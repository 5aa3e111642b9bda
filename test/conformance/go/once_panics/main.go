// sync.Once whose f panics: the panic reaches the caller and the Once is done (f never runs again);
// nested Onces; OnceFunc and OnceValue re-panic with the same value on every call; concurrent OnceValue
// callers all wait for the one computation.
package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var once sync.Once
	calls := 0
	for i := 0; i < 3; i++ {
		func() {
			defer func() { fmt.Println("Do", i, "recovered:", recover()) }()
			once.Do(func() {
				calls++
				panic(fmt.Sprintf("init failed (call %d)", calls))
			})
		}()
	}
	fmt.Println("f calls:", calls)

	var a, b sync.Once
	a.Do(func() {
		b.Do(func() { fmt.Println("inner Do ran") })
		fmt.Println("outer Do ran")
	})
	b.Do(func() { fmt.Println("not printed") })
	a.Do(func() { fmt.Println("not printed") })

	n := 0
	f := sync.OnceFunc(func() {
		n++
		panic("OnceFunc boom")
	})
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("OnceFunc call", i, "recovered:", recover()) }()
			f()
		}()
	}
	fmt.Println("OnceFunc's f ran", n, "time(s)")

	pv := sync.OnceValue(func() int { panic(errors.New("no value")) })
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("OnceValue call", i, "recovered:", recover()) }()
			fmt.Println("value", pv())
		}()
	}

	computed := 0
	v := sync.OnceValue(func() int {
		computed++
		time.Sleep(10 * time.Millisecond)
		return 42
	})
	results := make([]string, 3)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * time.Millisecond)
			x := v()
			results[i] = fmt.Sprint("caller ", i, " got ", x, " at ", time.Since(start))
		}()
	}
	wg.Wait()
	for _, r := range results {
		fmt.Println(r)
	}
	fmt.Println("computed", computed, "time(s); later call:", v(), "at", time.Since(start))
}
