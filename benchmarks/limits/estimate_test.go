package limits

import (
	"context"
	"errors"
	"flag"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/generate"
	"github.com/pencil-post/pencil/solver"
	"github.com/pencil-post/pencil/solver/memlimit"
)

var (
	estimateFlag  = flag.Bool("estimate", false, "TestEstimateCalibration: solve generated series of 10, 20, 40 and 80 episodes and print the memory estimate beside the measured peak heap")
	estimateLimit = flag.Duration("estimate.limit", 5*time.Second, "TestEstimateCalibration: search time per series")
)

// calibration is one generated series measured.
type calibration struct {
	episodes, sessions, resources, slots int
	estimate, measured                   int64
	terms                                solver.MemoryTerms
	outcome                              string
}

// measureSeries generates a series, then loads, compiles, solves (two
// workers) and verifies it the way pencil solve does, sampling the heap
// from the load on.
func measureSeries(t testing.TB, episodes int, search solver.Options) calibration {
	t.Helper()
	g, err := generate.Generate(generate.Options{Kind: generate.Series, Episodes: episodes, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	hs := StartHeapSampler()
	proj, err := model.Parse("series.yaml", g.YAML)
	if err != nil {
		hs.Stop()
		t.Fatal(err)
	}
	c, err := compile.Compile(proj, compile.Options{})
	if err != nil {
		hs.Stop()
		t.Fatal(err)
	}
	p := c.Problem
	cal := calibration{episodes: episodes, sessions: len(p.Tasks), resources: len(p.Resources), slots: p.Slots,
		terms: solver.EstimateMemoryTerms(p, search.Workers)}
	cal.estimate = cal.terms.Total
	sol, err := solver.Solve(context.Background(), p, search)
	switch {
	case errors.Is(err, solver.ErrInfeasible), errors.Is(err, solver.ErrTimeLimit):
		cal.outcome = "no schedule"
	case err != nil:
		hs.Stop()
		t.Fatal(err)
	default:
		if err := solver.Verify(p, sol); err != nil {
			hs.Stop()
			t.Fatal(err)
		}
		cal.outcome = "schedule"
	}
	cal.measured = hs.Stop()
	return cal
}

// TestEstimateCalibration prints, with -estimate, the memory estimate
// against the peak heap measured on generated series; it fails when the
// estimate is below the measurement or more than 2.5 times it. Without the
// flag it checks the 2-episode series only, with an iteration limit.
func TestEstimateCalibration(t *testing.T) {
	sizes := []int{2}
	search := solver.Options{Seed: 1, Workers: 2, Iterations: 50}
	if *estimateFlag {
		sizes = []int{10, 20, 40, 80}
		search = solver.Options{Seed: 1, Workers: 2, TimeLimit: *estimateLimit}
	}
	t.Logf("| episodes | sessions | resources | slots | outcome | measured peak heap | estimate | estimate / measured | problem | workers | check | bound |")
	for _, n := range sizes {
		cal := measureSeries(t, n, search)
		ratio := float64(cal.estimate) / float64(cal.measured)
		t.Logf("| %d | %d | %d | %d | %s | %s | %s | %.2f | %s | %s | %s | %s |", cal.episodes, cal.sessions, cal.resources, cal.slots,
			cal.outcome, memlimit.FormatBytes(cal.measured), memlimit.FormatBytes(cal.estimate), ratio,
			memlimit.FormatBytes(cal.terms.Problem), memlimit.FormatBytes(cal.terms.Workers), memlimit.FormatBytes(cal.terms.Check), memlimit.FormatBytes(cal.terms.Bound))
		if cal.estimate < cal.measured {
			t.Errorf("%d episodes: estimate %s is below the measured peak heap %s", n, memlimit.FormatBytes(cal.estimate), memlimit.FormatBytes(cal.measured))
		}
		if *estimateFlag && ratio > 2.5 {
			t.Errorf("%d episodes: estimate %s is %.1f times the measured peak heap %s", n, memlimit.FormatBytes(cal.estimate), ratio, memlimit.FormatBytes(cal.measured))
		}
	}
}
