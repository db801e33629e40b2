package solver_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/pencil-post/pencil/solver"
)

// An artiste is free only on the first day until 19:00, but her ADR
// session must follow picture lock, which the director's cut pushes past
// 20:00.
func adrAfterLock() *solver.Problem {
	const day = 48
	maya := solver.NewBitset(2 * day)
	maya.SetRange(18, 38)
	return &solver.Problem{
		Name:     "ADR after picture lock",
		Slots:    2 * day,
		Calendar: solver.Calendar{SlotsPerDay: day, Days: make([]solver.DayKind, 2)},
		Resources: []solver.Resource{
			{Name: "Sam", Capacity: 1, Department: -1, AvailabilityGroup: solver.NoGroup, RulesGroup: solver.NoGroup},
			{Name: "Maya Rees", Capacity: 1, Department: -1, Available: maya, AvailabilityGroup: 0, RulesGroup: solver.NoGroup},
		},
		Tasks: []solver.Task{
			{Name: "director's cut", Duration: 40, Demands: []solver.Demand{{Candidates: []solver.ResourceID{0}, Group: solver.NoGroup}}, WindowGroup: solver.NoGroup, PinGroup: solver.NoGroup},
			{Name: "picture lock", WindowGroup: solver.NoGroup, PinGroup: solver.NoGroup},
			{Name: "ADR", Duration: 8, Demands: []solver.Demand{{Candidates: []solver.ResourceID{1}, Group: solver.NoGroup}}, WindowGroup: solver.NoGroup, PinGroup: solver.NoGroup},
		},
		Precedences: []solver.Precedence{{From: 0, To: 1, Group: 1}, {From: 1, To: 2, Group: 2}},
		Groups: []solver.Group{
			{Kind: "availability", Label: "Maya Rees"},
			{Kind: "order", Label: "director's cut before picture lock"},
			{Kind: "order", Label: "picture lock before ADR"},
		},
	}
}

func ExampleExplainQuick() {
	p := adrAfterLock()
	conflict := solver.ExplainQuick(p)
	err := p.ConflictError(conflict)
	fmt.Println(errors.Is(err, solver.ErrInfeasible))
	fmt.Println(err)
	// Output:
	// true
	// solver: no feasible schedule: these cannot all hold: availability Maya Rees; order director's cut before picture lock; order picture lock before ADR
}

func ExampleProblem_LowerBound() {
	p := adrAfterLock()
	p.Resources[1].Available = nil // Maya's agent finds her a free week
	b := p.LowerBound(context.Background())
	fmt.Printf("makespan at least %d slots (%s)\n", b.Makespan, b.Method)
	// Output:
	// makespan at least 48 slots (critical path)
}
