package solver

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// updateGolden rewrites testdata/terms_golden.json from the current code.
var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenPath is where TestTermsGolden keeps what the solver did.
const goldenPath = "testdata/terms_golden.json"

// goldenCase is one solved problem as the golden file records it: the
// placements exactly, every cost figure and the lower bound (compared
// within the verifier's tolerance), or the error.
type goldenCase struct {
	Name       string
	Err        string             `json:",omitempty"`
	Starts     []Slot             `json:",omitempty"`
	Resources  [][]ResourceID     `json:",omitempty"`
	Makespan   Slot               `json:",omitempty"`
	Total      float64            `json:",omitempty"`
	Terms      map[string]float64 `json:",omitempty"`
	ByResource []float64          `json:",omitempty"`
	ByWeek     []float64          `json:",omitempty"`
	Bound      map[string]float64 `json:",omitempty"`
	Recomputed map[string]float64 `json:",omitempty"`
}

// goldenProblems are the problems the golden file covers: PSPLIB j30
// instances (makespan only), the film fixture (rate cards, travel, kit,
// overhead, caps) and random costed problems from genProblem.
func goldenProblems(t *testing.T) []*Problem {
	var ps []*Problem
	for _, name := range []string{"j301_1", "j3010_5", "j3025_3"} {
		p, err := loadSM(filepath.Join(psplibDir, "j30", name+".sm"))
		if err != nil {
			skipWithoutShared(t, "PSPLIB instances:", err)
		}
		ps = append(ps, p)
	}
	for _, seed := range []uint64{1, 2} {
		p := filmProblem(seed, 2)
		if err := p.Freeze(); err != nil {
			t.Fatal(err)
		}
		p.Name = fmt.Sprintf("film-%d", seed)
		ps = append(ps, p)
	}
	gen := rapid.Custom(func(t *rapid.T) *Problem {
		return genProblem(t, genSize{tasks: 6, resources: 3, maxSlots: 24})
	})
	// Most draws are infeasible on purpose; keep the first few that are
	// not, plus two that are.
	feasible, infeasible := 0, 0
	for seed := 0; seed < 400 && feasible < 10; seed++ {
		p := gen.Example(seed)
		p.Name = fmt.Sprintf("generated-%d", seed)
		_, err := Solve(context.Background(), p, goldenOptions)
		switch {
		case err == nil:
			feasible++
		case infeasible < 2:
			infeasible++
		default:
			continue
		}
		ps = append(ps, p)
	}
	return ps
}

// goldenOptions fix the search: one worker, a seed and an iteration limit.
var goldenOptions = Options{Seed: 11, Iterations: 150, Workers: 1}

// solveGolden solves p with a fixed seed, iteration limit and one worker
// and records the result.
func solveGolden(p *Problem) goldenCase {
	gc := goldenCase{Name: p.Name}
	sol, err := Solve(context.Background(), p, goldenOptions)
	// Solve cancels the bound when the search ends, so the golden file
	// records the bound proven to completion.
	b := p.LowerBound(context.Background())
	gc.Bound = map[string]float64{"cost": b.Cost, "makespan": float64(b.Makespan)}
	if err != nil {
		gc.Err = err.Error()
		return gc
	}
	for _, pl := range sol.Placements {
		gc.Starts = append(gc.Starts, pl.Start)
		gc.Resources = append(gc.Resources, pl.Resources)
	}
	gc.Makespan = sol.Makespan
	gc.Total = sol.Cost.Total
	gc.Terms = map[string]float64{}
	for _, tc := range sol.Cost.Terms {
		gc.Terms[tc.Term] = tc.Amount
	}
	gc.ByResource = sol.Cost.ByResource
	gc.ByWeek = sol.Cost.ByWeek
	if re, err := RecomputeCost(p, sol.Placements); err == nil {
		gc.Recomputed = map[string]float64{}
		for _, tc := range re.Terms {
			gc.Recomputed[tc.Term] = tc.Amount
		}
	}
	return gc
}

// TestTermsGolden pins down what the solver does on a handful of
// problems, so that a refactoring of the cost terms can show that it
// changed no placement and no cost figure. Run with -update to rewrite
// the golden file after an intended change.
func TestTermsGolden(t *testing.T) {
	var got []goldenCase
	for _, p := range goldenProblems(t) {
		got = append(got, solveGolden(p))
	}
	if *updateGolden {
		data, err := json.MarshalIndent(got, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(goldenPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenPath, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	var want []goldenCase
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d cases, golden has %d", len(got), len(want))
	}
	for i := range got {
		if err := compareGolden(got[i], want[i]); err != nil {
			t.Errorf("%s: %v", want[i].Name, err)
		}
	}
}

// compareGolden reports the first difference between two cases.
func compareGolden(got, want goldenCase) error {
	switch {
	case got.Name != want.Name:
		return fmt.Errorf("case %q, want %q", got.Name, want.Name)
	case got.Err != want.Err:
		return fmt.Errorf("error %q, want %q", got.Err, want.Err)
	case !slices.Equal(got.Starts, want.Starts):
		return fmt.Errorf("starts %v, want %v", got.Starts, want.Starts)
	case !slices.EqualFunc(got.Resources, want.Resources, slices.Equal):
		return fmt.Errorf("resources %v, want %v", got.Resources, want.Resources)
	case got.Makespan != want.Makespan:
		return fmt.Errorf("makespan %d, want %d", got.Makespan, want.Makespan)
	case !nearlyEqual(got.Total, want.Total):
		return fmt.Errorf("total %v, want %v", got.Total, want.Total)
	}
	for _, m := range []struct {
		what      string
		got, want map[string]float64
	}{{"term", got.Terms, want.Terms}, {"bound", got.Bound, want.Bound}, {"recomputed", got.Recomputed, want.Recomputed}} {
		if len(m.got) != len(m.want) {
			return fmt.Errorf("%s figures %v, want %v", m.what, m.got, m.want)
		}
		for k, w := range m.want {
			if g, ok := m.got[k]; !ok || !nearlyEqual(g, w) {
				return fmt.Errorf("%s %q = %v, want %v", m.what, k, g, w)
			}
		}
	}
	for _, s := range []struct {
		what      string
		got, want []float64
	}{{"by resource", got.ByResource, want.ByResource}, {"by week", got.ByWeek, want.ByWeek}} {
		if !slices.EqualFunc(s.got, s.want, nearlyEqual) {
			return fmt.Errorf("%s %v, want %v", s.what, s.got, s.want)
		}
	}
	return nil
}
