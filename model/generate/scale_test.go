package generate

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

var (
	scaleLimit   = flag.Duration("scale.limit", 20*time.Second, "BenchmarkScale: search time per size")
	scaleSizes   = flag.String("scale.sizes", "1,2,4,8", "BenchmarkScale: multiples of the 10-episode series")
	scaleQuality = flag.Float64("scale.quality", 0.01, "BenchmarkScale: the fixed quality, as a fraction above the cost the whole search reached")
	scaleWarm    = flag.Bool("scale.warm", false, "BenchmarkScale: start the search from the generator's reference schedule")
)

// scalePoint is one size of the scale curve.
type scalePoint struct {
	multiple, episodes, sessions, resources, slots int
	generate, compile                              time.Duration
	first, quality, elapsed                        time.Duration
	quality5                                       time.Duration // within 5%
	cost, bound                                    float64
	iterations                                     int
	peakHeapMB                                     float64
	failed                                         string // why no feasible schedule was found
}

// BenchmarkScale measures the generated series at 1, 2, 4 and 8 times the
// 10-episode size: time to the first feasible schedule, time to a cost
// within -scale.quality of what the whole -scale.limit search reached,
// peak heap, and the growth exponents fitted on a log-log scale. Run it
// alone: go test -run '^$' -bench Scale -benchtime 1x ./model/generate
// (-args -scale.sizes=1,2 -scale.limit=10s -scale.warm to change it; with
// -scale.warm the search starts from the generator's reference schedule,
// which measures the improvement search alone).
func BenchmarkScale(b *testing.B) {
	var points []scalePoint
	for _, f := range strings.Split(*scaleSizes, ",") {
		m, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || m < 1 {
			b.Fatalf("-scale.sizes: bad multiple %q", f)
		}
		var pt scalePoint
		b.Run(fmt.Sprintf("x%d", m), func(b *testing.B) {
			for range b.N {
				pt = measureScale(b, m)
			}
			if pt.failed != "" {
				b.Logf("no feasible schedule in %v: %s", *scaleLimit, pt.failed)
				return
			}
			b.ReportMetric(pt.first.Seconds(), "first-s")
			b.ReportMetric(pt.quality.Seconds(), "quality-s")
			b.ReportMetric(pt.peakHeapMB, "peak-MB")
			b.ReportMetric(float64(pt.sessions), "sessions")
		})
		points = append(points, pt)
	}
	load, _ := os.ReadFile("/proc/loadavg")
	b.Logf("load average at the end: %s", strings.TrimSpace(string(load)))
	b.Logf("| x | episodes | sessions | resources | slots | generate | compile | first feasible | within 5%% | within %.0f%% | iterations | cost | bound | peak heap MB |",
		*scaleQuality*100)
	var solved []scalePoint
	for _, p := range points {
		if p.failed != "" {
			b.Logf("| %d | %d | %d | %d | %d | %v | %v | none in %v: %s | | | | | | %.0f |", p.multiple, p.episodes, p.sessions,
				p.resources, p.slots, p.generate.Round(time.Millisecond), p.compile.Round(time.Millisecond), *scaleLimit, p.failed, p.peakHeapMB)
			continue
		}
		solved = append(solved, p)
		b.Logf("| %d | %d | %d | %d | %d | %v | %v | %v | %v | %v | %d | %.0f | %.0f | %.0f |", p.multiple, p.episodes, p.sessions,
			p.resources, p.slots, p.generate.Round(time.Millisecond), p.compile.Round(time.Millisecond),
			p.first.Round(time.Millisecond), p.quality5.Round(time.Millisecond), p.quality.Round(time.Millisecond), p.iterations, p.cost, p.bound, p.peakHeapMB)
	}
	fits := []struct {
		name   string
		points []scalePoint
		y      func(scalePoint) float64
	}{
		{"compile", points, func(p scalePoint) float64 { return p.compile.Seconds() }},
		{"peak heap", points, func(p scalePoint) float64 { return p.peakHeapMB }},
		{"first feasible", solved, func(p scalePoint) float64 { return p.first.Seconds() }},
		{"within 5%", solved, func(p scalePoint) float64 { return p.quality5.Seconds() }},
		{"within quality", solved, func(p scalePoint) float64 { return p.quality.Seconds() }},
	}
	for _, f := range fits {
		if len(f.points) < 2 {
			b.Logf("growth exponent of %s: fewer than two sizes", f.name)
			continue
		}
		xs, ys := make([]float64, len(f.points)), make([]float64, len(f.points))
		for i, p := range f.points {
			xs[i], ys[i] = math.Log(float64(p.sessions)), math.Log(max(f.y(p), 1e-6))
		}
		_, slope := stat.LinearRegression(xs, ys, nil, false)
		b.Logf("growth exponent of %s (log-log least squares against sessions, %d sizes): %.2f", f.name, len(f.points), slope)
	}
}

// measureScale generates, compiles and solves the series of m x 10
// episodes, sampling the heap as it goes.
func measureScale(b *testing.B, m int) scalePoint {
	pt := scalePoint{multiple: m, episodes: 10 * m}
	runtime.GC()
	debug.FreeOSMemory()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var peak uint64
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	g, ref, err := build(Options{Kind: Series, Episodes: pt.episodes, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	pt.generate = time.Since(start)
	pt.sessions = g.Sessions
	start = time.Now()
	proj, err := model.Parse("series.yaml", g.YAML)
	if err != nil {
		b.Fatal(err)
	}
	c, err := compile.Compile(proj, compile.Options{})
	if err != nil {
		b.Fatal(err)
	}
	pt.compile = time.Since(start)
	pt.resources, pt.slots = len(c.Problem.Resources), c.Problem.Slots
	type sample struct {
		at   time.Duration
		cost float64
	}
	warm := c.WarmStart
	if *scaleWarm {
		warm = referencePlacements(b, ref, c)
	}
	var mu sync.Mutex
	var trace []sample
	sol, err := solver.Solve(context.Background(), c.Problem, solver.Options{Seed: 1, TimeLimit: *scaleLimit, WarmStart: warm,
		Progress: func(pr solver.Progress) {
			if pr.Feasible {
				mu.Lock()
				trace = append(trace, sample{pr.Elapsed, pr.BestCost})
				mu.Unlock()
			}
		}})
	close(stop)
	wg.Wait()
	pt.peakHeapMB = float64(peak) / (1 << 20)
	if errors.Is(err, solver.ErrInfeasible) || errors.Is(err, solver.ErrTimeLimit) {
		pt.failed = err.Error()
		return pt
	}
	if err != nil {
		b.Fatal(err)
	}
	pt.first, pt.elapsed, pt.cost, pt.bound, pt.iterations = sol.Stats.FirstFeasible, sol.Stats.Elapsed, sol.Cost.Total, sol.Bound.Cost, sol.Stats.Iterations
	within := func(frac float64) time.Duration {
		for _, s := range trace {
			if s.cost <= sol.Cost.Total*(1+frac) {
				return s.at
			}
		}
		return sol.Stats.BestFoundAt
	}
	pt.quality, pt.quality5 = within(*scaleQuality), within(0.05)
	return pt
}
