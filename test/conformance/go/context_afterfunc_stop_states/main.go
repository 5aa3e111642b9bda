// context.AfterFunc's stop in every state: before cancel (true, f never runs; again false), on an
// already-done context (f starts at once; false), after f ran (false), while f runs (false), on
// WithoutCancel and Background (f never runs; true); f runs once however often the context is cancelled.
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	ran := make(chan string, 10)

	ctx1, cancel1 := context.WithCancel(context.Background())
	stop1 := context.AfterFunc(ctx1, func() { ran <- "f1 ran" })
	s1 := stop1()
	fmt.Println("stop1 before cancel:", s1, "again:", stop1())
	cancel1()

	stop2 := context.AfterFunc(ctx1, func() { ran <- fmt.Sprint("f2 ran at ", time.Since(start), " err ", ctx1.Err()) })
	fmt.Println("stop2 on a done context:", stop2())
	fmt.Println(<-ran)

	parent, pcancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	child, ccancel := context.WithCancel(parent)
	var mu sync.Mutex
	count := 0
	stop3 := context.AfterFunc(child, func() {
		mu.Lock()
		count++
		mu.Unlock()
		ran <- fmt.Sprint("f3 ran at ", time.Since(start), " err ", child.Err())
	})
	<-child.Done()
	fmt.Println("child done at", time.Since(start), "err", child.Err())
	ccancel()
	pcancel()
	fmt.Println(<-ran)
	time.Sleep(time.Millisecond)
	mu.Lock()
	fmt.Println("stop3 after f ran:", stop3(), "count:", count)
	mu.Unlock()

	stop4 := context.AfterFunc(context.WithoutCancel(child), func() { ran <- "f4 ran" })
	time.Sleep(time.Millisecond)
	fmt.Println("stop4 on WithoutCancel of a done context:", stop4())
	stop5 := context.AfterFunc(context.Background(), func() { ran <- "f5 ran" })
	fmt.Println("stop5 on Background:", stop5(), "again:", stop5())

	ctx6, cancel6 := context.WithCancel(context.Background())
	stop6 := context.AfterFunc(ctx6, func() {
		time.Sleep(5 * time.Millisecond)
		ran <- fmt.Sprint("f6 finished at ", time.Since(start))
	})
	time.Sleep(2 * time.Millisecond)
	cancel6()
	cancel6()
	time.Sleep(time.Millisecond)
	fmt.Println("stop6 while f runs:", stop6(), "at", time.Since(start))
	fmt.Println(<-ran)

	ctx7, cancel7 := context.WithCancelCause(context.Background())
	context.AfterFunc(ctx7, func() { ran <- fmt.Sprint("f7 sees cause: ", context.Cause(ctx7)) })
	cancel7(fmt.Errorf("why not"))
	fmt.Println(<-ran)
	time.Sleep(time.Millisecond)
	fmt.Println("left in ran:", len(ran), "at", time.Since(start))
}
