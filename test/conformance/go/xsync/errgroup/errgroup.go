// Package errgroup is a minimal stand-in for golang.org/x/sync/errgroup, written from scratch for the
// oracle (the oracle module is offline and standard-library only). It follows x/sync's documented
// behaviour: the first non-nil error is kept and cancels the WithContext context with that error as its
// cause; Wait waits for every goroutine, cancels the context and returns the first error; SetLimit bounds
// the active goroutines (Go blocks, TryGo fails) and panics if changed while goroutines are active.
package errgroup

import (
	"context"
	"fmt"
	"sync"
)

type slot struct{}

// Group is a collection of goroutines working on subtasks of a common task.
type Group struct {
	cancel  context.CancelCauseFunc
	wg      sync.WaitGroup
	limit   chan slot
	errOnce sync.Once
	err     error
}

// WithContext returns a new Group and a context derived from ctx.
func WithContext(ctx context.Context) (*Group, context.Context) {
	c, cancel := context.WithCancelCause(ctx)
	return &Group{cancel: cancel}, c
}

// Wait blocks until every function started by Go or TryGo has returned, then returns the first error.
func (g *Group) Wait() error {
	g.wg.Wait()
	if g.cancel != nil {
		g.cancel(g.err)
	}
	return g.err
}

func (g *Group) start(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.finish()
		if err := f(); err != nil {
			g.errOnce.Do(func() {
				g.err = err
				if g.cancel != nil {
					g.cancel(err)
				}
			})
		}
	}()
}

func (g *Group) finish() {
	if g.limit != nil {
		<-g.limit
	}
	g.wg.Done()
}

// Go calls f in a new goroutine, blocking first while the limit is reached.
func (g *Group) Go(f func() error) {
	if g.limit != nil {
		g.limit <- slot{}
	}
	g.start(f)
}

// TryGo calls f in a new goroutine only if the limit allows it, and reports whether it did.
func (g *Group) TryGo(f func() error) bool {
	if g.limit != nil {
		select {
		case g.limit <- slot{}:
		default:
			return false
		}
	}
	g.start(f)
	return true
}

// SetLimit limits the number of active goroutines to n; a negative n removes the limit.
func (g *Group) SetLimit(n int) {
	if n < 0 {
		g.limit = nil
		return
	}
	if active := len(g.limit); active != 0 {
		panic(fmt.Errorf("errgroup: modify limit while %v goroutines in the group are still active", active))
	}
	g.limit = make(chan slot, n)
}
