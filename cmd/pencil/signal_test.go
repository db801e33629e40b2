package main

import (
	"context"
	"io"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestCancelOnSignal drives cancelOnSignal with a fake signal channel and
// exit function: the first signal cancels the context; the process exits
// 130 at a second signal or once the grace has passed, unless the work
// returned (stop) first.
func TestCancelOnSignal(t *testing.T) {
	const never = time.Hour
	tests := []struct {
		name    string
		grace   time.Duration
		signals int
		stop    bool // the work returns after the signals
		// wantExit is whether exit(130) is called.
		wantExit bool
	}{
		{"no signal", never, 0, true, false},
		{"work stops in time", never, 1, true, false},
		{"work ignores the context", 10 * time.Millisecond, 1, false, true},
		{"second signal", never, 2, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sigs := make(chan os.Signal, 2)
			exited := make(chan int, 1)
			ctx, stop := cancelOnSignal(context.Background(), sigs, tt.grace, io.Discard, func(code int) { exited <- code })
			defer stop()
			for range tt.signals {
				sigs <- syscall.SIGTERM
			}
			if tt.signals > 0 {
				select {
				case <-ctx.Done():
				case <-time.After(10 * time.Second):
					t.Fatal("a signal did not cancel the context")
				}
			} else if ctx.Err() != nil {
				t.Fatal("context cancelled without a signal")
			}
			if tt.stop {
				stop()
			}
			// Long enough for a 10 ms grace to pass, and for a second
			// signal to be seen; a wrong exit shows up as a wrong code.
			wait := 10 * time.Second
			if !tt.wantExit {
				wait = 100 * time.Millisecond
			}
			select {
			case code := <-exited:
				if !tt.wantExit || code != exitCancelled {
					t.Errorf("exit(%d) called, want exit: %v (status %d)", code, tt.wantExit, exitCancelled)
				}
			case <-time.After(wait):
				if tt.wantExit {
					t.Error("exit not called")
				}
			}
		})
	}
}
