package repencil

import (
	"context"
	"flag"
	"testing"
	"time"

	"github.com/pencil-post/pencil/solver"
)

// now is the moment of the measured runs: the Friday before the series
// starts, so every booking is still ahead.
var now = time.Date(2026, 5, 29, 9, 0, 0, 0, time.UTC)

const series = "../../testdata/series.yaml"

// iterations is the search effort of every solve in BenchmarkRepencil.
var iterations = flag.Int("repencil.iterations", 2000, "search iterations of each solve in BenchmarkRepencil")

// TestMeasure runs each change once with a short search and checks the
// measurement holds together (no timing is asserted).
func TestMeasure(t *testing.T) {
	for _, ch := range Changes {
		t.Run(ch.Name, func(t *testing.T) {
			r, err := Measure(context.Background(), series, t.TempDir(), now, ch, solver.Options{Seed: 1, Iterations: 40, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if r.Pencils == 0 || r.Moved > r.Pencils || r.Cost <= 0 || r.Scratch <= 0 {
				t.Errorf("measurement does not hold together: %s", r)
			}
			t.Log(r)
		})
	}
}

// BenchmarkRepencil measures each change with one worker and
// -repencil.iterations (default 2000) search iterations for every solve, so the re-pencil and the from-scratch solve
// get the same effort: ms per re-pencil, % of pencils moved, and the cost
// gap to the from-scratch solve (disruption left out).
func BenchmarkRepencil(b *testing.B) {
	for _, ch := range Changes {
		b.Run(ch.Name, func(b *testing.B) {
			var last Result
			var total time.Duration
			for i := 0; i < b.N; i++ {
				r, err := Measure(context.Background(), series, b.TempDir(), now, ch, solver.Options{Seed: uint64(i + 1), Iterations: *iterations, Workers: 1})
				if err != nil {
					b.Fatal(err)
				}
				total += r.Repencil
				last = r
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "repencil-ms")
			b.ReportMetric(last.MovedPct(), "%moved")
			b.ReportMetric(last.GapPct(), "%cost-vs-scratch")
			b.Log(last)
		})
	}
}
