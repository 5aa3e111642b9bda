// panic(nil) (Go 1.21+) uncaught in a goroutine crashes the program with the text of a
// *runtime.PanicNilError, "panic called with nil argument". (What recover returns for it, a non-nil
// *runtime.PanicNilError, has no JavaScript counterpart: a catch of `throw null` sees null.)
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	go func() {
		time.Sleep(5 * time.Millisecond)
		fmt.Println("goroutine panics with nil at", time.Since(start))
		panic(nil)
	}()
	time.Sleep(time.Second)
}
