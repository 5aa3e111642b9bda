// signal.Notify, Stop, Ignore, Ignored and Reset: a full channel drops a signal (the sender never
// blocks); Notify on a channel again adds signals; Stop ends deliveries; Ignore undoes earlier Notify
// registrations (NotifyContext's too) and Notify undoes Ignore; Reset undoes both; Notify with no
// signals relays every signal; a nil channel panics. Signals are sent with syscall.Kill and the program
// never sleeps after a Notify (faketime's clock stands still while the signal goroutine waits).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func kill(sig syscall.Signal) {
	syscall.Kill(os.Getpid(), sig)
}

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR2)
	kill(syscall.SIGUSR2)
	fmt.Println("got:", <-c)

	sync := make(chan os.Signal, 10)
	signal.Notify(sync, syscall.SIGUSR2, syscall.SIGHUP)
	kill(syscall.SIGUSR2)
	<-sync
	kill(syscall.SIGUSR2)
	<-sync
	fmt.Println("two signals into a channel of one slot: len", len(c), "got:", <-c)

	signal.Notify(c, syscall.SIGHUP)
	kill(syscall.SIGHUP)
	<-sync
	fmt.Println("Notify again adds a signal:", <-c)

	signal.Stop(c)
	kill(syscall.SIGUSR2)
	<-sync
	fmt.Println("after Stop: len", len(c))
	signal.Stop(c)

	fmt.Println("Ignored before Ignore:", signal.Ignored(syscall.SIGUSR2))
	signal.Ignore(syscall.SIGUSR2)
	fmt.Println("Ignored after Ignore:", signal.Ignored(syscall.SIGUSR2), "SIGHUP:", signal.Ignored(syscall.SIGHUP))
	kill(syscall.SIGUSR2)
	kill(syscall.SIGHUP)
	fmt.Println("ignored SIGUSR2 not relayed, next:", <-sync, "len", len(sync))

	signal.Notify(sync, syscall.SIGUSR2)
	fmt.Println("Ignored after Notify:", signal.Ignored(syscall.SIGUSR2))
	kill(syscall.SIGUSR2)
	fmt.Println("relayed again:", <-sync)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGUSR2)
	signal.Ignore(syscall.SIGUSR2)
	kill(syscall.SIGUSR2)
	kill(syscall.SIGHUP)
	<-sync
	fmt.Println("NotifyContext after Ignore:", ctx.Err())
	stop()

	signal.Reset(syscall.SIGUSR2)
	fmt.Println("Ignored after Reset:", signal.Ignored(syscall.SIGUSR2))
	signal.Ignore()
	fmt.Println("Ignore(): SIGINT", signal.Ignored(syscall.SIGINT), "SIGTERM", signal.Ignored(syscall.SIGTERM), "SIGHUP", signal.Ignored(syscall.SIGHUP))
	signal.Reset()
	fmt.Println("Reset(): SIGINT", signal.Ignored(syscall.SIGINT), "SIGHUP", signal.Ignored(syscall.SIGHUP))

	every := make(chan os.Signal, 4)
	signal.Notify(every)
	kill(syscall.SIGWINCH)
	fmt.Println("Notify with no signals:", <-every)
	kill(syscall.SIGUSR2)
	fmt.Println("Notify with no signals:", <-every)
	signal.Stop(every)

	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		signal.Notify(nil, syscall.SIGUSR2)
	}()
}
