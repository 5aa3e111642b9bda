// A goroutine recovers a panic, logs it and panics again with the same value (a common pattern): the
// crash report shows the first panic as recovered and the second one nested under it.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	go func() {
		defer func() {
			r := recover()
			fmt.Println("worker recovered", r, "at", time.Since(start), "- panicking again")
			panic(r)
		}()
		time.Sleep(5 * time.Millisecond)
		panic("worker failed")
	}()
	time.Sleep(time.Second)
}
