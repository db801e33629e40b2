package solver_test

import (
	"context"
	"fmt"

	"github.com/pencil-post/pencil/solver"
)

// Two grade sessions need the one grade suite and either colourist; the
// cheaper colourist is free only from day 1. The search books the cheaper
// colourist for both sessions, back to back.
func ExampleSolve() {
	const slotsPerDay = 48
	cheapFrom := solver.NewBitset(2 * slotsPerDay)
	cheapFrom.SetRange(slotsPerDay, 2*slotsPerDay)
	p := &solver.Problem{
		Name:     "grade week",
		Slots:    2 * slotsPerDay,
		Calendar: solver.Calendar{SlotMinutes: 30, SlotsPerDay: slotsPerDay, Days: make([]solver.DayKind, 2)},
		Resources: []solver.Resource{
			{Name: "grade suite", Capacity: 1, Department: -1, Rate: solver.RateCard{Day: 1400, DaySlots: 20}},
			{Name: "Inès", Capacity: 1, Department: -1, Rate: solver.RateCard{Day: 750, DaySlots: 20}},
			{Name: "Tom", Capacity: 1, Department: -1, Available: cheapFrom, Rate: solver.RateCard{Day: 500, DaySlots: 20}},
		},
		Objective: solver.Objective{OverheadPerDay: 100},
	}
	for _, name := range []string{"grade ep1", "grade ep2"} {
		p.Tasks = append(p.Tasks, solver.Task{Name: name, Duration: 8, Demands: []solver.Demand{
			{Candidates: []solver.ResourceID{0}},
			{Candidates: []solver.ResourceID{1, 2}},
		}})
	}
	if err := p.Freeze(); err != nil {
		fmt.Println(err)
		return
	}
	sol, err := solver.Solve(context.Background(), p, solver.Options{Seed: 1, Iterations: 100, Workers: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for t, pl := range sol.Placements {
		fmt.Printf("%s: slots %d-%d with %s\n", p.Tasks[t].Name, pl.Start, sol.Ends[t], p.Resources[pl.Resources[1]].Name)
	}
	fmt.Printf("cost %.0f\n", sol.Cost.Total)
	// Output:
	// grade ep1: slots 48-56 with Tom
	// grade ep2: slots 56-64 with Tom
	// cost 2100
}
