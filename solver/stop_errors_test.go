package solver

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestStoppedErrors checks that a search cut short before it finds a
// feasible schedule says why (ErrCancelled, ErrTimeLimit) and does not
// claim infeasibility, and that one that ran to its iteration limit is
// an *InfeasibleError and says neither.
func TestStoppedErrors(t *testing.T) {
	// The budget cap can never hold, so no search finds a schedule.
	p := dayGrid(1, []Resource{{Name: "editor", Rate: RateCard{Hour: 10}}}, []Task{on("cut", 4, 0)})
	p.Budgets = []BudgetCap{{Department: -1, Limit: 1}}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel2()
	<-expired.Done()
	for _, tt := range []struct {
		name string
		ctx  context.Context
		opts Options
		want error
	}{
		{"cancelled", cancelled, Options{Iterations: 50}, ErrCancelled},
		{"time limit", context.Background(), Options{TimeLimit: time.Millisecond}, ErrTimeLimit},
		{"deadline", expired, Options{Iterations: 50}, ErrTimeLimit},
		{"give up", context.Background(), Options{TimeLimit: time.Hour, GiveUpAfter: time.Millisecond}, ErrTimeLimit},
		{"iterations", context.Background(), Options{Iterations: 50}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Workers = 1
			_, err := Solve(tt.ctx, p, tt.opts)
			if tt.want == nil {
				var ie *InfeasibleError
				if !errors.Is(err, ErrInfeasible) || !errors.As(err, &ie) {
					t.Fatalf("err = %v, want an *InfeasibleError", err)
				}
			} else {
				var se *StoppedError
				if !errors.As(err, &se) || se.Err != tt.want {
					t.Fatalf("err = %v, want a *StoppedError of %v", err, tt.want)
				}
				if errors.Is(err, ErrInfeasible) {
					t.Errorf("errors.Is(%v, ErrInfeasible): a search cut short claims infeasibility", err)
				}
			}
			for _, kind := range []error{ErrCancelled, ErrTimeLimit} {
				if errors.Is(err, kind) != (kind == tt.want) {
					t.Errorf("errors.Is(%v, %v) = %v", err, kind, !(kind == tt.want))
				}
			}
		})
	}
}
