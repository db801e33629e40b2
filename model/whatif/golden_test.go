package whatif

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// featureOptions make the golden comparison repeatable: a fixed seed and
// iteration limit, no time limit.
var featureOptions = Options{Seed: 7, Iterations: 150}

// featureComparison solves testdata/feature-whatif.yaml once for every
// test that needs it.
var featureComparison = sync.OnceValues(func() (*Comparison, error) {
	sc, err := ParseFile("testdata/feature-whatif.yaml")
	if err != nil {
		return nil, err
	}
	return Run(context.Background(), Loader("../../testdata/feature.yaml"), sc, featureOptions)
})

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestComparisonGolden(t *testing.T) {
	c, err := featureComparison()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ format, file string }{
		{FormatText, "feature-whatif.txt"},
		{FormatCSV, "feature-whatif.csv"},
		{FormatMarkdown, "feature-whatif.md"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, c, tt.format); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, b.Bytes())
		})
	}
}

// TestComparisonInvariants checks what must hold whatever the numbers.
func TestComparisonInvariants(t *testing.T) {
	c, err := featureComparison()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Scenarios) != 6 || !c.Base.Feasible || c.Base.Moved != 0 {
		t.Fatalf("base feasible %v moved %d, %d scenarios", c.Base.Feasible, c.Base.Moved, len(c.Scenarios))
	}
	for _, r := range c.All() {
		if !r.Feasible {
			if r.Infeasible == nil || len(r.Infeasible.Lines) == 0 {
				t.Errorf("%s: no schedule and no explanation", r.Name)
			}
			continue
		}
		sum := 0.0
		for _, d := range r.Departments {
			sum += d.Amount
		}
		if sum > r.Cost+0.01 {
			t.Errorf("%s: departments sum to %.2f, more than the total %.2f", r.Name, sum, r.Cost)
		}
		if r.Delivery.IsZero() || r.OvertimeHours < 0 || r.WeekendHours < 0 || r.Risk.Critical < 0 {
			t.Errorf("%s: delivery %v, overtime %v, weekend %v, critical %d", r.Name, r.Delivery, r.OvertimeHours, r.WeekendHours, r.Risk.Critical)
		}
		for _, d := range r.Deadlines {
			if d.SlackDays < 0 {
				t.Errorf("%s: %s is late by %.1f days in a feasible schedule", r.Name, d.Name, -d.SlackDays)
			}
			if d.SlackDays < r.MinSlackDays {
				t.Errorf("%s: %s slack %.1f below the minimum %.1f", r.Name, d.Name, d.SlackDays, r.MinSlackDays)
			}
		}
	}
	byName := map[string]Result{}
	for _, r := range c.Scenarios {
		byName[r.Name] = r
	}
	// QC due the day the score allows it to finish: the final mix,
	// deliverables and QC have no slack left.
	if r := byName["Delivery four weeks earlier, QC by 8 Jul"]; !r.Feasible || r.MinSlackDays >= c.Base.MinSlackDays || r.Risk.Critical < 3 {
		t.Errorf("earlier delivery: feasible %v, slack %.1f d (base %.1f d), %d critical sessions (want at least 3)",
			r.Feasible, r.MinSlackDays, c.Base.MinSlackDays, r.Risk.Critical)
	}
	if r := byName["Grade confirmed for 8 June"]; r.Feasible || !strings.Contains(r.Reason(), "screening") {
		t.Errorf("removing the only screening room should leave QC without a suite, got feasible=%v %q", r.Feasible, r.Reason())
	}
	if r := byName["Grade capped at £12k"]; r.Feasible || r.Infeasible.Cap == nil || r.Infeasible.Cap.Department != "grade" ||
		!strings.HasPrefix(r.Infeasible.Headline, "The grade budget cap of £12,000 cannot be met") {
		t.Errorf("an 11-day grade cannot cost under £12k: feasible %v, %+v", r.Feasible, r.Infeasible)
	}
}

// TestRunDeterministic solves the same scenarios one at a time and all at
// once: the figures must not depend on goroutine timing.
func TestRunDeterministic(t *testing.T) {
	c, err := featureComparison()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := ParseFile("testdata/feature-whatif.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o := featureOptions
	o.Parallel = 1
	serial, err := Run(context.Background(), Loader("../../testdata/feature.yaml"), sc[1:3], o)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range serial.Scenarios {
		want := c.Scenarios[i+1]
		if r.Cost != want.Cost || !r.Delivery.Equal(want.Delivery) || r.Moved != want.Moved {
			t.Errorf("%s: one at a time cost %.2f delivery %v moved %d; in parallel %.2f %v %d",
				r.Name, r.Cost, r.Delivery, r.Moved, want.Cost, want.Delivery, want.Moved)
		}
	}
}
