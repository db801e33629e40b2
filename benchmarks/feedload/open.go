package feedload

import (
	"context"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"
)

// timetable is an open loop's schedule: request i, counting from 0, is due
// at start + i/rate seconds, for i below limit.
type timetable struct {
	start time.Time
	rate  float64 // requests per second, above 0
	limit int     // requests in all
}

// offset is how long after start request i is due, in whole nanoseconds
// rounded down.
func (tt timetable) offset(i int) time.Duration {
	return time.Duration(math.Floor(float64(i) * float64(time.Second) / tt.rate))
}

// due is when request i is due.
func (tt timetable) due(i int) time.Time { return tt.start.Add(tt.offset(i)) }

// dueBy is how many requests are due at or before t: request i is due by
// t exactly when i < dueBy(t). It never exceeds limit.
func (tt timetable) dueBy(t time.Time) int {
	el := t.Sub(tt.start)
	if el < 0 {
		return 0
	}
	// A first guess from the rate, then put right where rounding of
	// offset disagrees with it.
	n := int(min(math.Floor(el.Seconds()*tt.rate)+1, float64(tt.limit)))
	for n > 0 && tt.offset(n-1) > el {
		n--
	}
	for n < tt.limit && tt.offset(n) <= el {
		n++
	}
	return n
}

// clock is the time an open loop keeps: the wall clock, or a test's.
type clock interface {
	Now() time.Time
	// Sleep waits d, or until ctx ends; it reports whether d passed.
	Sleep(ctx context.Context, d time.Duration) bool
}

// wallClock is the real time.
type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) Sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// job is one request of an open loop, with the time it was due.
type job struct {
	seq int
	due time.Time
}

// dispatch hands the timetable's requests to jobs as each falls due, until
// all are handed out, clk reaches end, or ctx ends. When every worker is
// busy it waits; requests that fall due meanwhile keep their due times,
// so the wait counts in their latency. It returns how many it handed out.
func dispatch(ctx context.Context, tt timetable, clk clock, end time.Time, jobs chan<- job) int {
	sent := 0
	for sent < tt.limit {
		now := clk.Now()
		if !now.Before(end) {
			return sent
		}
		for n := tt.dueBy(now); sent < n; sent++ {
			select {
			case jobs <- job{seq: sent, due: tt.due(sent)}:
			case <-ctx.Done():
				return sent
			}
		}
		if sent < tt.limit {
			if wait := tt.due(sent).Sub(clk.Now()); wait > 0 && !clk.Sleep(ctx, wait) {
				return sent
			}
		}
	}
	return sent
}

// unsent is how many requests fell due before end but were not handed
// out.
func unsent(tt timetable, end time.Time, handed int) int {
	// Due strictly before end: dispatch stops once the clock reaches end.
	return max(tt.dueBy(end.Add(-1))-handed, 0)
}

// runOpen is the open loop: cfg.Rate requests per second on a timetable,
// shared by cfg.Clients workers, each with its own connection. Requests
// in flight at the end are let finish (up to cfg.Timeout), so a slow
// answer is counted, not dropped.
func runOpen(ctx context.Context, cfg Config, client *http.Client, clk clock) Result {
	start := clk.Now()
	tt := timetable{start: start, rate: cfg.Rate, limit: cfg.Requests}
	end := start.Add(cfg.Duration)
	jobs := make(chan job)
	workers := make([]clientLoad, cfg.Clients)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func(c *clientLoad, rng *rand.Rand) {
			defer wg.Done()
			for j := range jobs {
				sent := clk.Now()
				status, err := c.fetchOne(ctx, client, cfg, rng)
				if ctx.Err() != nil && err != nil {
					continue // the caller stopped the run: not the server's failure
				}
				c.account(j, sent, clk.Now(), status, err)
			}
		}(&workers[i], rand.New(rand.NewPCG(cfg.Seed, uint64(i))))
	}
	dctx, cancel := context.WithDeadline(ctx, end)
	handed := dispatch(dctx, tt, clk, end, jobs)
	cancel()
	close(jobs)
	wg.Wait()
	r := merge(workers, clk.Now().Sub(start))
	r.Offered, r.Unsent = cfg.Rate, unsent(tt, end, handed)
	return r
}

// account tallies an open loop's request j, sent at sent and answered (or
// failed) at done: its latency runs from when it was due, and the wait
// before sending is its send lag.
func (c *clientLoad) account(j job, sent, done time.Time, status int, err error) {
	c.maxLag = max(c.maxLag, sent.Sub(j.due))
	c.record(status, err, done.Sub(j.due))
}

// Wakeups is how late a process woke from short sleeps while a load ran:
// on an idle machine tens of microseconds; on a machine short of CPU the
// time the process waited for a core. A feed latency close to it was
// the machine's doing, not the server's.
type Wakeups struct {
	P99, Max time.Duration
	Count    int // sleeps measured
}

// WakeupEvery is the sleep WatchWakeups measures.
const WakeupEvery = time.Millisecond

// WatchWakeups sleeps WakeupEvery over and over until ctx ends and
// returns how late it woke.
func WatchWakeups(ctx context.Context) Wakeups {
	return watchWakeups(ctx, wallClock{}, WakeupEvery, time.Time{})
}

// watchWakeups is WatchWakeups on clk, also ending when clk reaches until
// (if set).
func watchWakeups(ctx context.Context, clk clock, every time.Duration, until time.Time) Wakeups {
	var late []time.Duration
	for ctx.Err() == nil && (until.IsZero() || clk.Now().Before(until)) {
		t0 := clk.Now()
		if !clk.Sleep(ctx, every) {
			break
		}
		late = append(late, max(clk.Now().Sub(t0)-every, 0))
	}
	if len(late) == 0 {
		return Wakeups{}
	}
	slices.Sort(late)
	return Wakeups{P99: Percentile(late, 99), Max: late[len(late)-1], Count: len(late)}
}
