package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// benchBookings is the size of a large production's schedule.
const benchBookings = 2000

// BenchmarkCommitRun commits runs of 2,000 bookings: the first run of a new
// store, a run that changes nothing, and runs that alternate between two
// schedules, so each moves, reassigns, releases and re-pencils hundreds of
// bookings and promotes second pencils.
func BenchmarkCommitRun(b *testing.B) {
	ctx := context.Background()
	first, second := altSchedule(1, benchBookings), altSchedule(2, benchBookings)
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			s, err := Open(ctx, filepath.Join(b.TempDir(), "pencil.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := s.CommitRun(ctx, RunInput{Fingerprint: fp, Bookings: first}); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		s := openTest(b)
		commit(b, s, "", first...)
		b.ReportAllocs()
		for b.Loop() {
			res, err := s.CommitRun(ctx, RunInput{Fingerprint: fp, Bookings: first})
			if err != nil || len(res.Report.Changes) != 0 {
				b.Fatalf("%v, %d changes", err, len(res.Report.Changes))
			}
		}
	})
	b.Run("alternating", func(b *testing.B) {
		s := openTest(b)
		commit(b, s, "", first...)
		b.ReportAllocs()
		changes := 0
		for i := 0; b.Loop(); i++ {
			in := second
			if i%2 == 1 {
				in = first
			}
			res, err := s.CommitRun(ctx, RunInput{Fingerprint: fp, Bookings: in})
			if err != nil {
				b.Fatal(err)
			}
			changes += len(res.Report.Changes)
		}
		b.ReportMetric(float64(changes)/float64(b.N), "changes/op")
	})
}

// BenchmarkReport renders a run's report of about a thousand changes.
func BenchmarkReport(b *testing.B) {
	s := openTest(b)
	commit(b, s, "", altSchedule(1, benchBookings)...)
	rep := commit(b, s, "", altSchedule(2, benchBookings)...).Report
	b.ReportAllocs()
	for b.Loop() {
		var sink countWriter
		if err := rep.WriteText(&sink, RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// countWriter discards what is written to it.
type countWriter int

func (w *countWriter) Write(p []byte) (int, error) {
	*w += countWriter(len(p))
	return len(p), nil
}

// BenchmarkCommitRunBackends times 20 commits of 2,000 bookings, runs
// alternating between two schedules as in BenchmarkCommitRun, on each
// backend, and reports their p50 and p95. The PostgreSQL cluster is
// switched to durable settings first (fsync, full page writes, synchronous
// commit), so both backends wait for the disk as they would in use; the
// "postgres-nosync" case keeps the test cluster's settings for contrast.
// Run it alone: go test -run '^$' -bench CommitRunBackends -benchtime 1x.
func BenchmarkCommitRunBackends(b *testing.B) {
	ctx := context.Background()
	first, second := altSchedule(1, benchBookings), altSchedule(2, benchBookings)
	durable := func(b *testing.B, on bool) {
		b.Helper()
		v := map[bool]string{true: "on", false: "off"}[on]
		for _, set := range []string{"fsync", "full_page_writes", "synchronous_commit"} {
			if _, err := pg.admin.ExecContext(ctx, "ALTER SYSTEM SET "+set+" = "+v); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := pg.admin.ExecContext(ctx, "SELECT pg_reload_conf()"); err != nil {
			b.Fatal(err)
		}
	}
	bes := backends(b)
	cases := []struct {
		name string
		be   backend
		sync bool
	}{{"sqlite", bes[0], false}, {"postgres-nosync", bes[1], false}, {"postgres", bes[1], true}}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			dsn := c.be.dsn(b)
			if c.be.name == "postgres" {
				durable(b, c.sync)
			}
			s := openAt(b, dsn, Options{})
			commit(b, s, "", first...)
			var took []time.Duration
			for b.Loop() {
				for i := range 20 {
					in := second
					if i%2 == 1 {
						in = first
					}
					start := time.Now()
					if _, err := s.CommitRun(ctx, RunInput{Fingerprint: fp, Bookings: in}); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}
