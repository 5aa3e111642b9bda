// panic(ctx.Err()) after a deadline, in a goroutine: the report prints the error's text.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	go func() {
		<-ctx.Done()
		fmt.Println("done at", time.Since(start))
		panic(ctx.Err())
	}()
	time.Sleep(time.Second)
}
