package schedule_test

import (
	"bytes"
	"math"
	"path/filepath"
	"testing"

	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/solver"
)

// TestWhereTheGapLies splits the short production's gap by two pools
// given by hand: the first resource alone, bounded at half its cost, and
// the others at nine tenths of theirs. Each pool's cost must be what the
// cost report gives its members, and the table lists them largest
// difference first, then what lies outside the pools.
func TestWhereTheGapLies(t *testing.T) {
	c, sol := shortSolution(t)
	var first, others []solver.ResourceID
	firstCost, othersCost := 0.0, 0.0
	for r, cost := range sol.Cost.ByResource {
		if r == 0 {
			first = append(first, solver.ResourceID(r))
			firstCost += cost
		} else {
			others = append(others, solver.ResourceID(r))
			othersCost += cost
		}
	}
	sol.Bound.Pools = []solver.PoolBound{{Resources: first, Cost: firstCost / 2}, {Resources: others, Cost: 0.9 * othersCost}}
	sol.Bound.Cost = firstCost/2 + 0.9*othersCost
	if err := solver.Verify(c.Problem, sol); err != nil {
		t.Fatal(err)
	}
	s, err := schedule.Build(c, sol)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Pools) != 2 {
		t.Fatalf("%d pools, want 2", len(s.Pools))
	}
	byName := map[string]float64{}
	for _, a := range s.Cost.Resources {
		byName[a.Name] = a.Amount
	}
	for i, g := range s.Pools {
		sum := 0.0
		for _, name := range g.Names {
			sum += byName[name]
		}
		if math.Abs(sum-g.Cost) > 0.005 {
			t.Errorf("pool %s costs %v; the cost report gives its members %v", g.Label(), g.Cost, sum)
		}
		if i > 0 && g.Gap() > s.Pools[i-1].Gap() {
			t.Errorf("pool %s (%v) listed after a smaller difference (%v)", g.Label(), g.Gap(), s.Pools[i-1].Gap())
		}
	}
	var buf bytes.Buffer
	if err := schedule.WriteTable(&buf, s); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "short-gap.txt"), buf.Bytes())
	buf.Reset()
	if err := schedule.WriteJSON(&buf, s); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "short-gap.json"), buf.Bytes())
}
