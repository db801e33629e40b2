package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// lockedClock is a testClock safe for concurrent writers.
type lockedClock struct {
	mu sync.Mutex
	c  *testClock
}

func (l *lockedClock) now() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.c.now()
}

// roundBookings is production prod's schedule in round r: three sessions
// in suite, moved an hour later each round so every round changes them.
func roundBookings(t testing.TB, prod, suite string, r int) []Booking {
	var out []Booking
	for i := range 3 {
		b := bk(t, fmt.Sprintf("%s-%d", prod, i), prod, "mix/1", suite, fmt.Sprintf("05-%02d 09:00", 12+i), 2, "ann")
		b.Start = b.Start.Add(time.Duration(r) * time.Hour)
		b.End = b.End.Add(time.Duration(r) * time.Hour)
		out = append(out, b)
	}
	return out
}

// commitRounds has one coordinator per production commit rounds runs,
// each read with Snapshot and committed with CheckVersion, all at once.
// A run refused as changed or busy is solved again from a fresh snapshot,
// up to 20 times. It returns the runs that landed, by production.
func commitRounds(t *testing.T, s *Store, suites map[string]string, rounds int) map[string][]int64 {
	t.Helper()
	ctx := context.Background()
	var mu sync.Mutex
	landed := map[string][]int64{}
	var wg sync.WaitGroup
	errs := make(chan error, len(suites))
	for prod, suite := range suites {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				var err error
				for range 20 {
					var snap Snapshot
					if snap, err = s.Snapshot(ctx, prod); err != nil {
						break
					}
					var res RunResult
					res, err = s.CommitRun(ctx, RunInput{Production: prod, Fingerprint: fp, Who: prod, Why: fmt.Sprint("round ", r),
						CheckVersion: true, ReadVersion: snap.Version, Bookings: roundBookings(t, prod, suite, r)})
					if errors.Is(err, ErrChanged) || errors.Is(err, ErrBusy) {
						continue
					}
					if err == nil {
						mu.Lock()
						landed[prod] = append(landed[prod], res.RunID)
						mu.Unlock()
					}
					break
				}
				if err != nil {
					errs <- fmt.Errorf("%s round %d: %w", prod, r, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	return landed
}

// checkHistoryIntact checks that every run landed once, that each run's
// history rows are contiguous, and that replaying history gives the
// current bookings.
func checkHistoryIntact(t *testing.T, s *Store, landed map[string][]int64, rounds int) {
	t.Helper()
	ctx := context.Background()
	var all []int64
	for prod, ids := range landed {
		if len(ids) != rounds {
			t.Errorf("%s: %d runs landed, want %d", prod, len(ids), rounds)
		}
		all = append(all, ids...)
	}
	var runs int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM runs").Scan(&runs); err != nil {
		t.Fatal(err)
	}
	if runs != len(all) {
		t.Errorf("store holds %d runs, %d landed", runs, len(all))
	}
	// Between a run's first and last history row, no other run's rows.
	var interleaved int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM history h JOIN
		(SELECT run_id, min(id) AS lo, max(id) AS hi FROM history WHERE run_id IS NOT NULL GROUP BY run_id) r
		ON h.id BETWEEN r.lo AND r.hi AND (h.run_id IS NULL OR h.run_id <> r.run_id)`).Scan(&interleaved)
	if err != nil {
		t.Fatal(err)
	}
	if interleaved != 0 {
		t.Errorf("%d history rows fall inside another run's rows", interleaved)
	}
	var last int64
	if err := s.db.QueryRowContext(ctx, "SELECT max(id) FROM runs").Scan(&last); err != nil {
		t.Fatal(err)
	}
	asOf, err := s.BookingsAsOf(ctx, last)
	if err != nil {
		t.Fatal(err)
	}
	now := current(t, s)
	if len(asOf) != len(now) {
		t.Fatalf("history replays %d bookings, store holds %d", len(asOf), len(now))
	}
	for _, b := range asOf {
		c := now[b.ID]
		if c.Status != b.Status || !c.Start.Equal(b.Start) || c.Sequence != b.Sequence {
			t.Errorf("%s: history replays %s %s seq %d, store holds %s %s seq %d",
				b.ID, b.Status, b.Start, b.Sequence, c.Status, c.Start, c.Sequence)
		}
	}
}

func TestConcurrentProductionsCommit(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		clock := &lockedClock{c: newClock()}
		s := openAt(t, be.dsn(t), Options{Now: clock.now, BusyTimeout: 20 * time.Second})
		suites := map[string]string{"alpha": "s1", "bravo": "s2", "charlie": "s3", "delta": "s4"}
		const rounds = 5
		landed := commitRounds(t, s, suites, rounds)
		checkHistoryIntact(t, s, landed, rounds)
	})
}

func TestConcurrentProductionsShareASuite(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		clock := &lockedClock{c: newClock()}
		s := openAt(t, be.dsn(t), Options{Now: clock.now, BusyTimeout: 20 * time.Second})
		suites := map[string]string{"alpha": "dub", "bravo": "dub", "charlie": "dub", "delta": "s4"}
		const rounds = 4
		landed := commitRounds(t, s, suites, rounds)
		checkHistoryIntact(t, s, landed, rounds)
		// One first pencil per slot: overlapping holds of different
		// productions in one suite are second pencils.
		var first []Booking
		for _, b := range current(t, s) {
			if b.Suite == "dub" && b.Status == booking.Pencil {
				first = append(first, b)
			}
		}
		for i, a := range first {
			for _, b := range first[i+1:] {
				if a.Production != b.Production && a.Start.Before(b.End) && b.Start.Before(a.End) {
					t.Errorf("%s and %s both hold dub at %s", a.ID, b.ID, a.Start)
				}
			}
		}
	})
}

// TestPostgresProductionsDoNotWaitForEachOther holds a run of one
// production open and checks that another production commits meanwhile,
// while the same production, and a run sharing one of its suites, wait
// and then give up with ErrBusy naming what they waited for.
func TestPostgresProductionsDoNotWaitForEachOther(t *testing.T) {
	s := openAt(t, postgresDSN(t), Options{Now: (&lockedClock{c: newClock()}).now, BusyTimeout: 300 * time.Millisecond})
	ctx := context.Background()
	commit(t, s, "alpha", bk(t, "a1", "alpha", "mix/1", "s1", "05-12 09:00", 2, "ann"))
	tx, err := s.beginWrite(ctx, "alpha")
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // test
	if err := (dbtx{c: tx, d: s.dialect}).lockSuites(ctx, []string{"s1"}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.CommitRun(ctx, RunInput{Production: "bravo", Fingerprint: fp, Bookings: []Booking{
			bk(t, "b1", "bravo", "mix/1", "s2", "05-12 09:00", 2, "ann")}})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("bravo, on its own suite, while alpha writes: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("bravo waited for alpha")
	}
	_, err = s.CommitRun(ctx, RunInput{Production: "alpha", Fingerprint: fp, Bookings: []Booking{
		bk(t, "a1", "alpha", "mix/1", "s1", "05-12 10:00", 2, "ann")}})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), `production "alpha"`) {
		t.Errorf("second alpha run: got %v, want ErrBusy naming the production", err)
	}
	_, err = s.CommitRun(ctx, RunInput{Production: "charlie", Fingerprint: fp, Bookings: []Booking{
		bk(t, "c1", "charlie", "mix/1", "s1", "05-13 09:00", 2, "ann")}})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "s1") {
		t.Errorf("charlie in alpha's suite: got %v, want ErrBusy naming the suite", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	// A booking id another production uses in a suite the run did not
	// lock is refused, not taken over.
	_, err = s.CommitRun(ctx, RunInput{Production: "charlie", Fingerprint: fp, Bookings: []Booking{
		bk(t, "b1", "charlie", "mix/1", "s9", "05-13 09:00", 2, "ann")}})
	if !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), "bravo") {
		t.Errorf("charlie taking bravo's id: got %v, want ErrInvalidInput naming bravo", err)
	}
}
