// A context deadline and a sleep that end at the same instant: the deadline's callback runs in a new
// goroutine, so a goroutine woken by its own timer at that instant may still see Err() == nil; which one
// runs first follows the timer heap and runnext (recorded under GOMAXPROCS(1)).
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("main after Sleep(10ms) at", time.Since(start), "err:", ctx.Err())
	runtime.Gosched()
	fmt.Println("after Gosched:", ctx.Err())

	res := make(chan string, 1)
	go func() {
		time.Sleep(10 * time.Millisecond)
		res <- fmt.Sprint("goroutine slept first, err: ", ctx2Err())
	}()
	runtime.Gosched()
	ctx2, cancel2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel2()
	setCtx2(ctx2)
	fmt.Println(<-res, "at", time.Since(start))

	ctx3, cancel3 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel3()
	time.AfterFunc(10*time.Millisecond, func() { res <- fmt.Sprint("AfterFunc sees err: ", ctx3.Err()) })
	<-ctx3.Done()
	fmt.Println("ctx3 done at", time.Since(start))
	fmt.Println(<-res)

	tm := time.NewTimer(10 * time.Millisecond)
	ctx4, cancel4 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel4()
	select {
	case <-tm.C:
		fmt.Println("timer first at", time.Since(start), "err:", ctx4.Err())
	case <-ctx4.Done():
		fmt.Println("ctx4 first at", time.Since(start))
	}
}

var c2 context.Context

func setCtx2(c context.Context) { c2 = c }
func ctx2Err() error            { return c2.Err() }
