// Workers loop on select { <-ctx.Done(), ticker } over a tree of contexts: cancelling a leaf stops only
// its worker, a deadline in the middle stops that subtree, cancelling the root the rest; each worker sees
// Err() set once Done is closed, and counts its ticks.
package main

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	root, cancelRoot := context.WithCancel(context.Background())
	mid, cancelMid := context.WithTimeout(root, 30*time.Millisecond)
	defer cancelMid()
	leaf, cancelLeaf := context.WithCancel(mid)
	midLeaf, cancelMidLeaf := context.WithCancel(mid)
	defer cancelMidLeaf()
	other, cancelOther := context.WithCancel(root)
	defer cancelOther()
	var mu sync.Mutex
	var report []string
	var wg sync.WaitGroup
	work := func(name string, ctx context.Context) {
		defer wg.Done()
		tk := time.NewTicker(7 * time.Millisecond)
		defer tk.Stop()
		ticks := 0
		for {
			select {
			case <-ctx.Done():
				mu.Lock()
				report = append(report, fmt.Sprint(name, " stopped at ", time.Since(start), " after ", ticks, " ticks: ", ctx.Err()))
				mu.Unlock()
				return
			case <-tk.C:
				ticks++
			}
		}
	}
	for _, w := range []struct {
		name string
		ctx  context.Context
	}{{"root", root}, {"mid", mid}, {"leaf", leaf}, {"midLeaf", midLeaf}, {"other", other}} {
		wg.Add(1)
		go work(w.name, w.ctx)
	}
	time.Sleep(15 * time.Millisecond)
	cancelLeaf()
	fmt.Println("leaf cancelled at", time.Since(start), "mid err:", mid.Err())
	time.Sleep(25 * time.Millisecond)
	fmt.Println("at", time.Since(start), "mid err:", mid.Err(), "midLeaf err:", midLeaf.Err(), "root err:", root.Err())
	cancelRoot()
	wg.Wait()
	sort.Strings(report)
	for _, r := range report {
		fmt.Println(r)
	}
	fmt.Println("all stopped at", time.Since(start))
}
