// A deadlock report lists goroutines in the order the runtime made their goroutine structures: a
// goroutine started after earlier ones exited reuses an exited one's structure, gets a new, higher
// id, and is listed in that exited goroutine's place (runtime.GOMAXPROCS(1)).
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	block := make(chan int)
	quit := make(chan bool)
	var nilc chan int
	go func() { <-quit }()  // 6: exits at 1ms
	go func() { <-block }() // 7: blocks for good
	go func() { <-quit }()  // 8: exits at 1ms
	time.Sleep(time.Millisecond)
	close(quit)
	time.Sleep(time.Millisecond)
	go func() { select {} }()  // 9
	go func() { nilc <- 1 }()  // 10
	go func() { block <- 1 }() // 11: hands 1 to 7, which exits
	go func() { <-nilc }()     // 12
	time.Sleep(time.Millisecond)
	go func() { <-block }() // 13
	fmt.Println("main blocks")
	<-block
}
