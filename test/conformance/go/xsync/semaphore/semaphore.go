// Package semaphore is a minimal stand-in for golang.org/x/sync/semaphore, written from scratch for the
// oracle (the oracle module is offline and standard-library only). It follows x/sync's documented
// behaviour: waiters are served in arrival order (a large waiter at the head holds back smaller ones);
// Acquire fails with ctx.Err() and leaves the semaphore unchanged when ctx is done first (already done on
// entry included); Release of more than is held panics "semaphore: released more than held".
package semaphore

import (
	"container/list"
	"context"
	"sync"
)

type waiter struct {
	n     int64
	ready chan struct{}
}

// Weighted is a weighted semaphore.
type Weighted struct {
	size    int64
	cur     int64
	mu      sync.Mutex
	waiters list.List
}

// NewWeighted returns a semaphore with total weight n.
func NewWeighted(n int64) *Weighted {
	return &Weighted{size: n}
}

// Acquire acquires n, blocking until it is available or ctx is done.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	done := ctx.Done()
	s.mu.Lock()
	select {
	case <-done:
		s.mu.Unlock()
		return ctx.Err()
	default:
	}
	if s.size-s.cur >= n && s.waiters.Len() == 0 {
		s.cur += n
		s.mu.Unlock()
		return nil
	}
	if n > s.size {
		s.mu.Unlock()
		<-done
		return ctx.Err()
	}
	w := waiter{n: n, ready: make(chan struct{})}
	elem := s.waiters.PushBack(w)
	s.mu.Unlock()

	select {
	case <-done:
		s.mu.Lock()
		select {
		case <-w.ready:
			s.cur -= n
			s.notifyWaiters()
		default:
			front := s.waiters.Front() == elem
			s.waiters.Remove(elem)
			if front && s.size > s.cur {
				s.notifyWaiters()
			}
		}
		s.mu.Unlock()
		return ctx.Err()
	case <-w.ready:
		select {
		case <-done:
			s.Release(n)
			return ctx.Err()
		default:
		}
		return nil
	}
}

// TryAcquire acquires n without blocking and reports whether it did.
func (s *Weighted) TryAcquire(n int64) bool {
	s.mu.Lock()
	ok := s.size-s.cur >= n && s.waiters.Len() == 0
	if ok {
		s.cur += n
	}
	s.mu.Unlock()
	return ok
}

// Release releases n.
func (s *Weighted) Release(n int64) {
	s.mu.Lock()
	s.cur -= n
	if s.cur < 0 {
		// x/sync leaves cur lowered by n: a recovered panic leaves the semaphore granting more than size.
		s.mu.Unlock()
		panic("semaphore: released more than held")
	}
	s.notifyWaiters()
	s.mu.Unlock()
}

func (s *Weighted) notifyWaiters() {
	for {
		next := s.waiters.Front()
		if next == nil {
			return
		}
		w := next.Value.(waiter)
		if s.size-s.cur < w.n {
			return
		}
		s.cur += w.n
		s.waiters.Remove(next)
		close(w.ready)
	}
}
