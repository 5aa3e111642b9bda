// A WaitGroup reused (Add) after the last Done released a waiter but before that waiter's Wait returned:
// the waiter panics "sync: WaitGroup is reused before previous Wait has returned" (recovered, then
// uncaught in a goroutine: exit 2). Reuse after Wait has returned is fine.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var wg sync.WaitGroup
	res := make(chan string)
	wg.Add(1)
	go func() {
		defer func() { res <- fmt.Sprint("waiter recovered: ", recover(), " at ", time.Since(start)) }()
		wg.Wait()
	}()
	time.Sleep(10 * time.Millisecond)
	wg.Done()
	wg.Add(1) // the waiter has been released but has not returned from Wait yet
	fmt.Println(<-res)
	wg.Done()

	go func() {
		defer func() { res <- fmt.Sprint("waiter recovered: ", recover(), " at ", time.Since(start)) }()
		wg.Add(1)
		go func() {
			time.Sleep(5 * time.Millisecond)
			wg.Done()
		}()
		wg.Wait()
	}()
	fmt.Println(<-res)
	wg.Add(1) // Wait has returned: reuse is fine
	wg.Done()
	wg.Wait()
	fmt.Println("proper reuse at", time.Since(start))

	wg.Add(1)
	go func() {
		wg.Wait()
		fmt.Println("not reached")
	}()
	time.Sleep(5 * time.Millisecond)
	wg.Done()
	wg.Add(1)
	time.Sleep(time.Second)
	fmt.Println("not reached either")
}
