package feedload

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// t0 is the start of every timetable in these tests.
var t0 = time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)

func TestTimetable(t *testing.T) {
	tests := []struct {
		name    string
		rate    float64
		limit   int
		i       int
		wantDue time.Duration // after t0
		at      time.Duration // after t0, for dueBy
		wantBy  int
	}{
		{"first is due at the start", 1000, 100, 0, 0, 0, 1},
		{"nothing before the start", 1000, 100, 1, time.Millisecond, -time.Nanosecond, 0},
		{"one a millisecond", 1000, 100, 7, 7 * time.Millisecond, 7*time.Millisecond - 1, 7},
		{"due at the instant", 1000, 100, 7, 7 * time.Millisecond, 7 * time.Millisecond, 8},
		{"a third of a second rounds down", 3, 100, 1, 333333333 * time.Nanosecond, time.Second, 4},
		{"the limit caps", 2000, 10, 9, 4500 * time.Microsecond, time.Hour, 10},
		{"slow rate", 0.5, 10, 3, 6 * time.Second, 5 * time.Second, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := timetable{start: t0, rate: tt.rate, limit: tt.limit}
			if got := tab.due(tt.i).Sub(t0); got != tt.wantDue {
				t.Errorf("due(%d) = t0+%v, want t0+%v", tt.i, got, tt.wantDue)
			}
			if got := tab.dueBy(t0.Add(tt.at)); got != tt.wantBy {
				t.Errorf("dueBy(t0+%v) = %d, want %d", tt.at, got, tt.wantBy)
			}
		})
	}
}

// TestTimetableProperties: request i is due by t exactly when i <
// dueBy(t), and dueBy never falls as time passes.
func TestTimetableProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		tab := timetable{start: t0, rate: rapid.Float64Range(0.01, 1e6).Draw(rt, "rate"),
			limit: rapid.IntRange(1, 1e7).Draw(rt, "limit")}
		at := time.Duration(rapid.Int64Range(-1e9, 1e11).Draw(rt, "at"))
		later := at + time.Duration(rapid.Int64Range(0, 1e10).Draw(rt, "later"))
		i := rapid.IntRange(0, tab.limit-1).Draw(rt, "i")
		by := tab.dueBy(t0.Add(at))
		if due := !tab.due(i).After(t0.Add(at)); due != (i < by) {
			rt.Fatalf("request %d due at t0+%v; dueBy(t0+%v) = %d", i, tab.offset(i), at, by)
		}
		if by > tab.limit || tab.dueBy(t0.Add(later)) < by {
			rt.Fatalf("dueBy(t0+%v) = %d, dueBy(t0+%v) = %d, limit %d", at, by, later, tab.dueBy(t0.Add(later)), tab.limit)
		}
	})
}

// fakeClock advances only when slept on, by what was asked plus any
// stalls queued for the next sleeps (as if the process were descheduled).
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	stalls []time.Duration
	sleeps int
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps++
	c.now = c.now.Add(d)
	if len(c.stalls) > 0 {
		c.now, c.stalls = c.now.Add(c.stalls[0]), c.stalls[1:]
	}
	return true
}

// TestDispatch: requests are handed out in order with their timetable's
// due times, until the end or the limit, sleeping until each falls due.
// After a stall the requests that fell due meanwhile go out together and
// keep their due times, so their latency will count the stall.
func TestDispatch(t *testing.T) {
	tests := []struct {
		name                   string
		rate                   float64
		limit                  int
		run                    time.Duration
		stalls                 []time.Duration
		wantHanded, wantUnsent int
		wantSleeps             int
	}{
		{"one per tick until the end", 100, 1000, time.Second, nil, 100, 0, 100},
		{"the limit stops it", 100, 30, time.Second, nil, 30, 0, 29},
		{"a 50 ms stall sends what fell due at once", 1000, 1000, 200 * time.Millisecond,
			[]time.Duration{0, 0, 50 * time.Millisecond}, 200, 0, 150},
		{"a stall past the end leaves requests unsent", 1000, 1000, 20 * time.Millisecond,
			[]time.Duration{time.Second}, 1, 19, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &fakeClock{now: t0, stalls: tt.stalls}
			tab := timetable{start: t0, rate: tt.rate, limit: tt.limit}
			end := t0.Add(tt.run)
			jobs := make(chan job, tt.limit)
			handed := dispatch(context.Background(), tab, clk, end, jobs)
			close(jobs)
			if handed != tt.wantHanded || len(jobs) != handed || clk.sleeps != tt.wantSleeps {
				t.Fatalf("handed out %d (%d queued) in %d sleeps, want %d in %d", handed, len(jobs), clk.sleeps,
					tt.wantHanded, tt.wantSleeps)
			}
			if got := unsent(tab, end, handed); got != tt.wantUnsent {
				t.Errorf("unsent %d, want %d", got, tt.wantUnsent)
			}
			seq := 0
			for j := range jobs {
				if j.seq != seq || !j.due.Equal(tab.due(seq)) {
					t.Fatalf("job %+v, want request %d due at %v", j, seq, tab.due(seq))
				}
				seq++
			}
		})
	}
}

// TestDispatchBlocked: with no free worker, nothing is handed out, and
// dispatch returns when its context ends.
func TestDispatchBlocked(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tab := timetable{start: t0, rate: 1000, limit: 10}
	if got := dispatch(ctx, tab, &fakeClock{now: t0}, t0.Add(time.Second), make(chan job)); got != 0 {
		t.Errorf("handed out %d to no worker", got)
	}
}

// TestAccount: an open loop's latency runs from the due time, not from
// sending, and the wait before sending is the send lag.
func TestAccount(t *testing.T) {
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	tests := []struct {
		name          string
		sent, done    time.Time
		status        int
		err           error
		wantLatencies []time.Duration
		wantLag       time.Duration
		wantErrs      int
	}{
		{"on time", ms(0), ms(2), http.StatusOK, nil, []time.Duration{2 * time.Millisecond}, 0, 0},
		{"sent late: the wait counts", ms(40), ms(42), http.StatusNotModified, nil, []time.Duration{42 * time.Millisecond}, 40 * time.Millisecond, 0},
		{"a failure has no latency", ms(1), ms(5000), 0, errors.New("timeout"), nil, time.Millisecond, 1},
		{"another status is a failure", ms(0), ms(1), http.StatusInternalServerError, nil, nil, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c clientLoad
			c.account(job{seq: 3, due: t0}, tt.sent, tt.done, tt.status, tt.err)
			if !slices.Equal(c.latencies, tt.wantLatencies) || c.maxLag != tt.wantLag || c.errs != tt.wantErrs {
				t.Errorf("latencies %v, lag %v, %d errors; want %v, %v, %d", c.latencies, c.maxLag, c.errs,
					tt.wantLatencies, tt.wantLag, tt.wantErrs)
			}
		})
	}
}

// TestRunOpen: an open loop sends its requests on the timetable, to the
// limit, and answers them all.
func TestRunOpen(t *testing.T) {
	srv := feedServer(t, http.StatusOK)
	res, err := Run(context.Background(), Config{URLs: []string{srv.URL + "/feeds/a.ics"}, Clients: 4,
		Requests: 40, Duration: time.Hour, Rate: 400, Revalidate: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 40 || res.OK+res.NotModified != 40 || res.Errors != 0 || res.Offered != 400 || res.Unsent != 0 {
		t.Errorf("%+v: want 40 answered at 400 req/s offered", res)
	}
	if res.OK == 0 || res.NotModified == 0 || res.P50 <= 0 || res.P50 > res.P99 || res.P99 > res.Max {
		t.Errorf("%+v: want 200s, 304s and latencies in order", res)
	}
}

// TestRunOpenCountsStalls: a server that holds the first request for
// 200 ms on the only connection makes every request due meanwhile wait,
// and the open loop charges each of them with the wait. Requests are due
// every 10 ms, so request k is answered at least 200-10k ms after it was
// due: 11 of the 20 wait at least 100 ms, and so does the median. (A
// closed loop would have counted the stall once.)
func TestRunOpenCountsStalls(t *testing.T) {
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { time.Sleep(200 * time.Millisecond) })
		w.Write([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
	}))
	t.Cleanup(srv.Close)
	res, err := Run(context.Background(), Config{URLs: []string{srv.URL + "/feeds/a.ics"}, Clients: 1,
		Requests: 20, Duration: time.Hour, Rate: 100, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 20 || res.P50 < 100*time.Millisecond || res.Max < 200*time.Millisecond ||
		res.MaxSendLag < 190*time.Millisecond {
		t.Errorf("%+v: want all 20, median and send lag counting the stall", res)
	}
}

// TestWatchWakeups: lateness is what a sleep overran, counted per sleep.
func TestWatchWakeups(t *testing.T) {
	tests := []struct {
		name   string
		stalls []time.Duration
		want   Wakeups
	}{
		{"on time", nil, Wakeups{Count: 10}},
		{"one stall", []time.Duration{0, 0, 30 * time.Millisecond}, Wakeups{P99: 30 * time.Millisecond, Max: 30 * time.Millisecond, Count: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &fakeClock{now: t0, stalls: tt.stalls}
			got := watchWakeups(context.Background(), clk, 5*time.Millisecond, t0.Add(50*time.Millisecond))
			if got != tt.want {
				t.Errorf("%+v, want %+v", got, tt.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := WatchWakeups(ctx); got != (Wakeups{}) {
		t.Errorf("ended context: %+v", got)
	}
}
