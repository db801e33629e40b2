package mzn

import (
	"slices"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/solver"
)

// TestCancellationIsNoted: cancellation charges, owed already or owed
// by a move, and recall fees are left out of the model, and the export
// says so.
func TestCancellationIsNoted(t *testing.T) {
	tests := []struct {
		name string
		set  func(p *solver.Problem)
		note string
	}{
		{"owed already", func(p *solver.Problem) { p.Objective.Cancelled = 700 }, "cancellation charges owed already"},
		{"owed by a move", func(p *solver.Problem) {
			task := &p.Tasks[0]
			task.Previous = &solver.Placement{Start: 0, Resources: []solver.ResourceID{0}}
			task.Cancellation = []solver.CancelFee{{Resource: 0, Fee: 700}}
		}, "cancellation charges of moved pencils"},
		{"recall fees", func(p *solver.Problem) { p.Resources[0].Rate.RecallFee = 300 }, "recall fees"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &solver.Problem{Slots: 10,
				Resources: []solver.Resource{{Name: "grade 1", Capacity: 1, Department: -1}},
				Tasks:     []solver.Task{{Name: "grade", Duration: 2, Demands: []solver.Demand{{Candidates: []solver.ResourceID{0}}}}},
			}
			tt.set(p)
			if err := p.Freeze(); err != nil {
				t.Fatal(err)
			}
			ex, err := Build(p)
			if err != nil {
				t.Fatal(err)
			}
			if ex.Exact || !slices.ContainsFunc(ex.Notes, func(n string) bool { return strings.HasPrefix(n, tt.note) }) {
				t.Errorf("exact %v, notes %q; want not exact, noting %q", ex.Exact, ex.Notes, tt.note)
			}
		})
	}
}
