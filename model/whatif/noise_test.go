package whatif

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// figures are the numbers a producer compares.
type figures struct {
	cost, slack, overtime float64
	delivery              time.Time
	moved, critical       int
}

func figuresOf(r Result) figures {
	return figures{r.Cost, r.MinSlackDays, r.OvertimeHours, r.Delivery.UTC(), r.Moved, r.Risk.Critical}
}

// TestSameScenarioSameFigures: a scenario gives the same figures however
// many others run beside it, in whatever order the goroutines run, and
// twice in one comparison under two names.
func TestSameScenarioSameFigures(t *testing.T) {
	all, err := ParseFile("testdata/feature-whatif.yaml")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(all, func(s Scenario) bool { return strings.HasPrefix(s.Name, "Dearer colourist") })
	if i < 0 {
		t.Fatal("no dearer-colourist scenario")
	}
	again := all[i]
	again.Name = "the same again"
	load := Loader("../../testdata/feature.yaml")
	var got []figures
	for _, tt := range []struct {
		parallel  int
		scenarios []Scenario
	}{
		{1, []Scenario{all[i]}},
		{4, append(slices.Clone(all), again)},
		{2, []Scenario{again, all[i]}},
	} {
		opts := featureOptions
		opts.Parallel = tt.parallel
		c, err := Run(context.Background(), load, tt.scenarios, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range c.Scenarios {
			if r.Name == all[i].Name || r.Name == again.Name {
				if !r.Feasible {
					t.Fatalf("%s: no schedule", r.Name)
				}
				got = append(got, figuresOf(r))
			}
		}
	}
	for _, f := range got[1:] {
		if f != got[0] {
			t.Errorf("figures differ between runs: %+v and %+v", got[0], f)
		}
	}
}

// TestNoiseIsTheBaseSpread: with NoiseRuns the comparison's noise is the
// spread of the base's cost over the extra seeds, found by solving the
// base with those seeds on its own, and the heading says so.
func TestNoiseIsTheBaseSpread(t *testing.T) {
	all, err := ParseFile("testdata/feature-whatif.yaml")
	if err != nil {
		t.Fatal(err)
	}
	load := Loader("../../testdata/feature.yaml")
	opts := Options{Seed: 3, Iterations: 40, NoiseRuns: 2}
	c, err := Run(context.Background(), load, all[1:2], opts)
	if err != nil {
		t.Fatal(err)
	}
	var costs []float64
	for k := range uint64(3) {
		p, err := load()
		if err != nil {
			t.Fatal(err)
		}
		o := opts
		o.Seed += k
		s, err := Solve(context.Background(), p, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		costs = append(costs, s.Schedule.Cost.Total)
	}
	if want := slices.Max(costs) - slices.Min(costs); c.Noise != want {
		t.Errorf("noise %.2f, want %.2f (base costs %v)", c.Noise, want, costs)
	}
	var b strings.Builder
	if err := WriteText(&b, c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "search noise") || !strings.Contains(b.String(), "over 3 seeds") {
		t.Errorf("heading does not give the noise:\n%s", b.String())
	}
}

func TestNoChange(t *testing.T) {
	for _, tt := range []struct {
		name        string
		noise, cost float64
		want        bool
	}{
		{"same cost", 0, 1000, true},
		{"rounds to nothing", 0, 1000.4, true},
		{"a pound more, no noise", 0, 1001, false},
		{"within the noise", 100, 1060, true},
		{"within the noise, cheaper", 100, 900, true},
		{"beyond the noise", 100, 1100.5, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := &Comparison{Base: Result{Cost: 1000}, Noise: tt.noise}
			if got := c.NoChange(Result{Cost: tt.cost}); got != tt.want {
				t.Errorf("NoChange(%.1f) with noise %.0f = %v, want %v", tt.cost, tt.noise, got, tt.want)
			}
			row := summaryRow(c, Result{Name: "s", Feasible: true, Cost: tt.cost})
			if (row[3] == NoChange) != tt.want {
				t.Errorf("vs base shows %q", row[3])
			}
		})
	}
}
