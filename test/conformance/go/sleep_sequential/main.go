// Sequential sleeps and sequential After receives add up exactly under virtual time.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	for i := 0; i < 5; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	fmt.Println("5 x Sleep(100ms):", time.Since(start))
	mark := time.Now()
	for i := 0; i < 10; i++ {
		<-time.After(10 * time.Millisecond)
	}
	fmt.Println("10 x <-After(10ms):", time.Since(mark))
	mark = time.Now()
	time.Sleep(1500 * time.Millisecond)
	fmt.Println("Sleep(1.5s):", time.Since(mark), "total", time.Since(start))
}
