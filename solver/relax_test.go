package solver

import (
	"reflect"
	"testing"
	"time"
)

// everyFieldProblem sets every exported field of Problem, so that
// TestRelaxKeepsEveryField sees a field Relax forgets to copy. It need
// not be solvable: Relax neither freezes nor checks it.
func everyFieldProblem() *Problem {
	return &Problem{
		Name:  "every field",
		Slots: 48,
		Calendar: Calendar{Start: time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), SlotMinutes: 30,
			SlotsPerDay: 48, Days: []DayKind{Workday}},
		Resources: []Resource{{Name: "editor", Capacity: 1, Department: 0}, {Name: "suite", Capacity: 1, Department: 0}},
		Tasks: []Task{
			{Name: "cut", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}, Group: 1}, {Candidates: []ResourceID{1}}}},
			{Name: "recut", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}, Group: 1}, {Candidates: []ResourceID{1}}}},
		},
		Precedences:   []Precedence{{From: 0, To: 1, Group: 2}},
		MaxLags:       []MaxLag{{From: 0, To: 1, Lag: 8, Group: 2}},
		SameResources: []SameResource{{A: 0, B: 1, Group: 3}},
		Handovers:     []Handover{{A: 0, B: 1, Cost: 500}},
		Departments:   []string{"picture"},
		Budgets:       []BudgetCap{{Department: -1, Limit: 10000, Group: 4}},
		Productions:   []string{"harbour"},
		Charging:      []Charge{{Production: 0, Department: -1}, {Production: 0, Department: -1}},
		Objective:     Objective{MakespanWeight: 1, OverheadPerDay: 100, Cancelled: 50},
		Groups:        []Group{{Kind: "a"}, {Kind: "b"}, {Kind: "c"}, {Kind: "d"}, {Kind: "e"}},
	}
}

// TestRelaxKeepsEveryField checks that Relax keeping every group returns
// every exported field of the problem unchanged. Relax rebuilds the
// problem field by field, and `pencil solve` goes through it (the
// re-pencil plan): a field it forgets vanishes from every solve without
// an error, as soft continuity's handovers once did.
func TestRelaxKeepsEveryField(t *testing.T) {
	p := everyFieldProblem()
	pv := reflect.ValueOf(p).Elem()
	for i := range pv.NumField() {
		if f := pv.Type().Field(i); f.IsExported() && pv.Field(i).IsZero() {
			t.Fatalf("everyFieldProblem leaves %s unset: set it, so that this test covers it", f.Name)
		}
	}
	q := p.Relax(func(GroupID) bool { return true })
	qv := reflect.ValueOf(q).Elem()
	for i := range pv.NumField() {
		f := pv.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		if !reflect.DeepEqual(pv.Field(i).Interface(), qv.Field(i).Interface()) {
			t.Errorf("Relax keeping every group changed %s:\n got %+v\nwant %+v", f.Name, qv.Field(i).Interface(), pv.Field(i).Interface())
		}
	}
}
