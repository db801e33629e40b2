package main

import (
	"context"
	"testing"
	"time"
)

// TestCommandClock checks how one command deadline is shared out: the
// search keeps the reserve free, gives up early only when that leaves
// time to explain, and nothing has a deadline without a time limit.
func TestCommandClock(t *testing.T) {
	for _, tt := range []struct {
		name    string
		limit   time.Duration
		tasks   int
		giveUp  bool
		limited bool
	}{
		{"iterations only", 0, 7727, false, false},
		{"short limit, large project", 3 * time.Second, 7727, false, true},
		{"long limit, small project", 20 * time.Second, 74, true, true},
		{"limit under a millisecond", time.Microsecond, 74, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			clk := newCommandClock(tt.limit)
			s := clk.search(tt.tasks)
			if (s.TimeLimit > 0) != tt.limited {
				t.Fatalf("search limit %v with --time-limit %v", s.TimeLimit, tt.limit)
			}
			if (s.GiveUpAfter > 0) != tt.giveUp {
				t.Errorf("give up after %v, want giving up early %v", s.GiveUpAfter, tt.giveUp)
			}
			if tt.giveUp && s.TimeLimit-s.GiveUpAfter < minExplainTime {
				t.Errorf("gives up at %v of %v: under %v left to explain", s.GiveUpAfter, s.TimeLimit, minExplainTime)
			}
			if r := clk.reserve(tt.tasks); tt.limit > time.Millisecond && s.TimeLimit > tt.limit-r {
				t.Errorf("search limit %v leaves less than the reserve %v of %v", s.TimeLimit, r, tt.limit)
			}
			ctx, cancel := clk.work(context.Background(), tt.tasks)
			defer cancel()
			dl, ok := ctx.Deadline()
			if ok != tt.limited {
				t.Fatalf("work deadline set %v, want %v", ok, tt.limited)
			}
			if ok && dl.After(clk.deadline) {
				t.Errorf("work deadline %v after the command's %v", dl, clk.deadline)
			}
		})
	}
}
