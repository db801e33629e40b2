package main

import (
	"context"
	"time"

	"github.com/rs/zerolog"
)

// solveMargin is how far past --time-limit `pencil solve` may return, as
// its help and README promise: the clock is read between steps, so the
// last search iteration, the last oracle search of an explanation and the
// last write of the output can each finish a little late, and the reserve
// kept for the commit is an estimate.
const solveMargin = time.Second

// Reserve kept after the search and any explanation for the work that
// must follow them (verify the schedule, build it, commit the run, write
// the output): reserveBase plus reservePerTask for each task, measured on
// generated series of 10 to 40 episodes (benchmarks/results/
// 2026-12-06-time-limit.md), and never more than reserveShare of the
// whole limit.
const (
	reserveBase    = 100 * time.Millisecond
	reservePerTask = 80 * time.Microsecond
	reserveShare   = 0.3
)

// giveUpShare is the share of its time a search may spend without any
// schedule before it stops, so that the rest of the command's time can
// go to explaining why (a feasible project usually has its first
// schedule in a tenth of that). When the rest would be under
// minExplainTime the search never gives up early: an explanation would
// not fit anyway, and on a loaded machine a large feasible project can
// need most of a short limit for its first schedule.
const (
	giveUpShare    = 0.5
	minExplainTime = 2 * time.Second
)

// commandClock gives every phase of one command a deadline derived from
// one command deadline: --time-limit after the command started. Without
// a time limit (--iterations only) there is no deadline and every phase
// runs its course.
type commandClock struct {
	start    time.Time
	limit    time.Duration
	deadline time.Time // zero without a time limit
	last     time.Time // end of the previous phase, for lap
}

// newCommandClock starts the clock of a command with time limit limit (0
// for none).
func newCommandClock(limit time.Duration) *commandClock {
	now := time.Now()
	c := &commandClock{start: now, limit: limit, last: now}
	if limit > 0 {
		c.deadline = now.Add(limit)
	}
	return c
}

// left is the time until the deadline (never negative); without a time
// limit it is the limit, 0.
func (c *commandClock) left() time.Duration {
	if c.deadline.IsZero() {
		return 0
	}
	return max(time.Until(c.deadline), 0)
}

// reserve is the time kept for the work after the search of a problem of
// n tasks.
func (c *commandClock) reserve(n int) time.Duration {
	r := reserveBase + time.Duration(n)*reservePerTask
	return min(r, time.Duration(reserveShare*float64(c.limit)))
}

// searchLimits are the solver's time settings for one search.
type searchLimits struct {
	TimeLimit   time.Duration // 0 without a time limit
	GiveUpAfter time.Duration // 0 for never
}

// search returns the time limits of the search of a problem of n tasks:
// whatever is left once the reserve is kept (at least a millisecond, so
// that the solver's own limit, not a missing one, stops it), giving up
// after giveUpShare of it without a schedule when that leaves at least
// minExplainTime.
func (c *commandClock) search(n int) searchLimits {
	if c.deadline.IsZero() {
		return searchLimits{}
	}
	t := max(c.left()-c.reserve(n), time.Millisecond)
	giveUp := time.Duration(giveUpShare * float64(t))
	if t-giveUp < minExplainTime {
		giveUp = 0
	}
	return searchLimits{TimeLimit: t, GiveUpAfter: giveUp}
}

// work returns a context for the search and whatever explains its
// answer (pins in the way, a conflict and its check), ending when only the
// reserve for n tasks is left. Without a time limit it is ctx.
func (c *commandClock) work(ctx context.Context, n int) (context.Context, context.CancelFunc) {
	if c.deadline.IsZero() {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, c.deadline.Add(-c.reserve(n)))
}

// lap logs, at debug level, how long the phase that just ended took and
// how much time is left.
func (c *commandClock) lap(log zerolog.Logger, phase string) {
	now := time.Now()
	ev := log.Debug().Str("phase", phase).Dur("took", now.Sub(c.last)).Dur("elapsed", now.Sub(c.start))
	if !c.deadline.IsZero() {
		ev = ev.Dur("left", c.deadline.Sub(now))
	}
	ev.Msg("phase done")
	c.last = now
}
