// The String forms of contexts, printed with %v (fmt.Println): Background, TODO, WithCancel,
// WithCancelCause, WithDeadline, WithTimeout (deadline and time left), WithValue (string, Stringer and
// nil keys and values; Go prints another value's type name, e.g. main.plain, which a JavaScript class
// cannot be called, so the program has none), WithoutCancel, chains of them, and signal.NotifyContext with one, two and no
// signals. Printed before and after cancellation (the names do not change).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

type named struct{ n string }

func (k named) String() string { return "named(" + k.n + ")" }

func main() {
	bg := context.Background()
	fmt.Println(bg)
	fmt.Println(context.TODO())
	c1, cancel1 := context.WithCancel(bg)
	fmt.Println(c1)
	c2, cancel2 := context.WithCancelCause(c1)
	fmt.Println(c2)
	d, cancelD := context.WithDeadline(bg, time.Date(2030, time.January, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(d)
	t, cancelT := context.WithTimeout(c1, 1500*time.Millisecond)
	fmt.Println(t)
	time.Sleep(500 * time.Millisecond)
	fmt.Println(t)
	tc, cancelTC := context.WithTimeoutCause(bg, time.Second, fmt.Errorf("slow"))
	fmt.Println(tc)
	fmt.Println(context.WithValue(bg, "user", "gopher"))
	fmt.Println(context.WithValue(bg, named{"k"}, named{"v"}))
	fmt.Println(context.WithValue(bg, named{"k"}, nil))
	v := context.WithValue(c1, "a", "b")
	fmt.Println(context.WithoutCancel(v))
	w, cancelW := context.WithCancel(context.WithoutCancel(v))
	fmt.Println(w)
	cancel1()
	cancel2(nil)
	cancelD()
	cancelT()
	cancelTC()
	cancelW()
	fmt.Println(c1, c2, t)
	n1, stop1 := signal.NotifyContext(bg, syscall.SIGTERM)
	fmt.Println(n1)
	n2, stop2 := signal.NotifyContext(context.WithValue(bg, "k", "v"), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	fmt.Println(n2)
	n3, stop3 := signal.NotifyContext(bg, syscall.SIGUSR1, syscall.SIGWINCH, syscall.SIGQUIT)
	fmt.Println(n3)
	stop1()
	stop2()
	stop3()
	fmt.Println(n1)
	n4, stop4 := signal.NotifyContext(n1)
	fmt.Println(n4)
	fmt.Println(context.WithValue(n2, "x", "y"))
	stop4()
}
