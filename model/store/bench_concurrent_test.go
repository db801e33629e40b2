package store

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// prodSchedule is altSchedule(n, size) as production p's own: its ids and
// production name, and (unless shared) suites of its own.
func prodSchedule(p string, n int64, size int, shared bool) []Booking {
	out := altSchedule(n, size)
	for i := range out {
		out[i].ID = p + "/" + out[i].ID
		out[i].Production = p
		if !shared {
			out[i].Suite = p + "/" + out[i].Suite
		}
	}
	return out
}

// BenchmarkConcurrentProductions commits, from 1 or 4 coordinators at
// once, runs of 2,000 bookings (alternating schedules, as in
// BenchmarkCommitRun) for different productions, in a store preloaded
// with PENCIL_BENCH_PRODUCTIONS productions (default 50: about 100,000
// bookings), and reports the commits' p50 and p95. "own" productions have
// suites of their own; "shared" ones book the same eight suites, so their
// runs contend for second pencils and queue. "one-lock" is the store-wide
// lock every write took before runs were scoped by production. PostgreSQL
// runs with durable settings. Run it alone:
//
//	go test -run '^$' -bench ConcurrentProductions -benchtime 1x ./model/store
func BenchmarkConcurrentProductions(b *testing.B) {
	ctx := context.Background()
	preload := 50
	if v, err := strconv.Atoi(os.Getenv("PENCIL_BENCH_PRODUCTIONS")); err == nil && v >= 4 {
		preload = v
	}
	const commitsEach = 10
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			dsn := be.dsn(b)
			if be.name == "postgres" {
				for _, set := range []string{"fsync", "full_page_writes", "synchronous_commit"} {
					if _, err := pg.admin.ExecContext(ctx, "ALTER SYSTEM SET "+set+" = on"); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := pg.admin.ExecContext(ctx, "SELECT pg_reload_conf()"); err != nil {
					b.Fatal(err)
				}
			}
			s := openAt(b, dsn, Options{BusyTimeout: time.Minute})
			start := time.Now()
			for i := range preload {
				p := fmt.Sprintf("P%02d", i)
				commit(b, s, p, prodSchedule(p, 1, benchBookings, false)...)
			}
			for i := range 4 {
				p := fmt.Sprintf("S%d", i)
				commit(b, s, p, prodSchedule(p, 1, benchBookings/4, true)...)
			}
			b.Logf("%s: preloaded %d productions in %v", be.name, preload, time.Since(start).Round(time.Millisecond))
			cases := []struct {
				name         string
				coordinators int
				shared, one  bool
			}{
				{"own-1", 1, false, false}, {"own-4", 4, false, false}, {"own-4-one-lock", 4, false, true},
				{"shared-4", 4, true, false},
			}
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					defer func(v bool) { lockPerProduction = v }(lockPerProduction)
					lockPerProduction = !c.one
					var mu sync.Mutex
					var took []time.Duration
					for b.Loop() {
						var wg sync.WaitGroup
						for k := range c.coordinators {
							p, size := fmt.Sprintf("P%02d", k), benchBookings
							if c.shared {
								p, size = fmt.Sprintf("S%d", k), benchBookings/4
							}
							wg.Go(func() {
								for i := range commitsEach {
									in := prodSchedule(p, int64(2-i%2), size, c.shared)
									t0 := time.Now()
									_, err := s.CommitRun(ctx, RunInput{Production: p, Fingerprint: fp, Bookings: in})
									d := time.Since(t0)
									if err != nil {
										b.Error(err)
										return
									}
									mu.Lock()
									took = append(took, d)
									mu.Unlock()
								}
							})
						}
						wg.Wait()
					}
					slices.Sort(took)
					if len(took) == 0 {
						b.Fatal("no commits")
					}
					b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
					b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
					b.ReportMetric(float64(len(took)), "commits")
				})
			}
		})
	}
}
