// main blocks on a channel nobody sends to: the runtime reports a deadlock and exits with status 2.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ch := make(chan int)
	go func() {
		time.Sleep(10 * time.Millisecond)
		fmt.Println("helper finished at", time.Since(start))
	}()
	fmt.Println("main waits")
	<-ch
	fmt.Println("not reached")
}
