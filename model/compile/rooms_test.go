package compile_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// TestRemoteADRRooms compiles testdata/time/remote-adr.yaml: the remote
// session has one suite demand per room; the search, the full
// evaluation, the independent verifier and the lower bound price the
// schedule alike at the hand-priced 3330, each room on its own card.
func TestRemoteADRRooms(t *testing.T) {
	c := compileTime(t, "remote-adr", func(s string) string { return s })
	rooms := func(task solver.Task) [][]string {
		var out [][]string
		for _, d := range task.Demands {
			var ids []string
			for _, r := range d.Candidates {
				if c.Resources[r].Kind == compile.Suite {
					ids = append(ids, c.Resources[r].ID)
				}
			}
			if ids != nil {
				out = append(out, ids)
			}
		}
		return out
	}
	for i, task := range c.Problem.Tasks {
		want := map[string][][]string{"adr-maya": {{"adr-1"}, {"glasgow"}}, "adr-tom": {{"adr-1"}}}[c.Tasks[i].ID]
		if got := rooms(task); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s books %v, want %v", c.Tasks[i].ID, got, want)
		}
	}

	sol, err := solver.Solve(context.Background(), c.Problem, solver.Options{Seed: 1, Iterations: 200, Workers: 1, WarmStart: c.WarmStart})
	if err != nil {
		t.Fatal(err)
	}
	if err := solver.Verify(c.Problem, sol); err != nil {
		t.Error(err)
	}
	full, err := c.Problem.Evaluate(sol.Placements)
	if err != nil {
		t.Fatal(err)
	}
	verified, err := solver.RecomputeCost(c.Problem, sol.Placements)
	if err != nil {
		t.Fatal(err)
	}
	bound := c.Problem.LowerBound(context.Background())
	const hand = 3330 // testdata/time/remote-adr.yaml's comment
	for name, got := range map[string]float64{"search": sol.Cost.Total, "full evaluation": full.Cost.Total, "verifier": verified.Total} {
		if math.Abs(got-hand) > 1e-6 {
			t.Errorf("%s prices the schedule at %v, want %v", name, got, hand)
		}
	}
	if bound.Cost > hand+1e-6 {
		t.Errorf("lower bound %v is above the optimum %v", bound.Cost, hand)
	}
	byName := map[string]float64{}
	for r, v := range verified.ByResource {
		byName[c.Resources[r].ID] = v
	}
	if byName["adr-1"] != 1440 || byName["glasgow"] != 360 {
		t.Errorf("rooms cost adr-1 %v and glasgow %v, want 1440 and 360", byName["adr-1"], byName["glasgow"])
	}
}

// TestRoomsHeadline: a conflict holding two rooms of one session and
// their opening hours is told in the trade's words.
func TestRoomsHeadline(t *testing.T) {
	c := compileTime(t, "remote-adr", func(s string) string { return s })
	var maya solver.Task
	for i, task := range c.Problem.Tasks {
		if c.Tasks[i].ID == "adr-maya" {
			maya = task
		}
	}
	stage, remote := maya.Demands[0], maya.Demands[1]
	avail := func(d solver.Demand) solver.GroupID { return c.Problem.Resources[d.Candidates[0]].AvailabilityGroup }
	tests := []struct {
		name     string
		conflict []solver.GroupID
		want     string
	}{
		{"both rooms closed in turn", []solver.GroupID{stage.Group, remote.Group, avail(stage), avail(remote), maya.WindowGroup},
			"ADR Maya (remote) books ADR Stage and Glasgow Remote Stage together, and they are never both free for 4h between Mon 4 May and Fri 8 May"},
		{"one room", []solver.GroupID{remote.Group, avail(remote), maya.WindowGroup}, ""},
		{"a room's hours not in it", []solver.GroupID{stage.Group, remote.Group, avail(remote), maya.WindowGroup}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Headline(tt.conflict); got != tt.want {
				t.Errorf("Headline = %q, want %q", got, tt.want)
			}
		})
	}
}
